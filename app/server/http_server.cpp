#include "server/http_server.hpp"

#include <pthread.h>
#include <csignal>
#include <iostream>
#include <thread>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include "server/pages.hpp"

namespace tenderscore::server {

namespace {

constexpr int listenBacklog = 128;
constexpr int maxQueued = 256;
constexpr auto socketTimeout = std::chrono::seconds(30);
constexpr auto keepAliveTimeout = std::chrono::seconds(5);
constexpr auto drainLimit = std::chrono::seconds(60);
/// Poco serves a connection on one thread for as long as it stays open: a connection is closed
/// after this many requests, so that connections waiting for a thread get one in turn.
constexpr int requestsPerConnection = 100;

void send(Poco::Net::HTTPServerResponse& response, const Reply& reply) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
    response.setContentType(reply.contentType);
    response.set("Cache-Control", "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    for (const auto& [name, value] : reply.headers) {
        response.set(name, value);
    }
    for (const std::string& cookie : reply.cookies) {
        response.add("Set-Cookie", cookie);
    }
    response.sendBuffer(reply.body.data(), reply.body.size());
}

Reply tooLarge(std::size_t limit) {
    return jsonReply(
        R"({"error":"too-large","message":"a request body has at most )" + std::to_string(limit) + R"( bytes"})", 413);
}

/// One request: read within the body limit, answered by the router. Gets the router (and through
/// it the store and the configuration) from the factory.
class ApiHandler : public Poco::Net::HTTPRequestHandler {
public:
    ApiHandler(Router& router, Pages& pages) : _router(router), _pages(pages) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        try {
            const std::size_t limit = _router.config().maxBodyBytes;
            if (in.hasContentLength() && in.getContentLength64() > static_cast<Poco::Int64>(limit)) {
                out.setKeepAlive(false);  // the body is not read
                send(out, tooLarge(limit));
                return;
            }
            Request request;
            request.method = in.getMethod();
            const std::string& target = in.getURI();
            request.path = target.substr(0, target.find_first_of("?#"));
            try {
                for (const auto& [name, value] : Poco::URI(target).getQueryParameters()) {
                    request.query[name] = value;
                }
            } catch (const Poco::Exception&) {
                send(out, jsonReply(R"({"error":"invalid","message":"the request's address is malformed"})", 400));
                return;
            }
            std::istream& body = in.stream();
            char buffer[16384];
            while (body.read(buffer, sizeof buffer) || body.gcount() > 0) {
                request.body.append(buffer, static_cast<std::size_t>(body.gcount()));
                if (request.body.size() > limit) {
                    out.setKeepAlive(false);
                    send(out, tooLarge(limit));
                    return;
                }
            }
            Poco::Net::NameValueCollection cookies;
            in.getCookies(cookies);
            request.sessionToken = cookies.get("tenderscore_session", "");
            request.csrfToken = in.get("X-CSRF-Token", "");
            request.contentType = in.getContentType();
            send(out, isApiPath(request.path) ? _router.handle(request) : _pages.handle(request));
        } catch (const std::exception& error) {
            std::cerr << "tenderscore serve: a request failed: " << error.what() << "\n";
            if (!out.sent()) {
                out.setKeepAlive(false);
                send(out, jsonReply(R"({"error":"invalid","message":"the request could not be read"})", 400));
            }
        }
    }

private:
    Router& _router;
    Pages& _pages;
};

class ApiHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    ApiHandlerFactory(Router& router, Pages& pages) : _router(router), _pages(pages) {}

    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& /*request*/) override {
        return new ApiHandler(_router, _pages);
    }

private:
    Router& _router;
    Pages& _pages;
};

sigset_t terminationSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    return signals;
}

}  // namespace

int serve(const ServeOptions& options, std::ostream& out) {
    // Every thread started from here on leaves SIGTERM and SIGINT to sigwait below.
    const sigset_t signals = terminationSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    (void)std::signal(SIGPIPE, SIG_IGN);  // a client gone mid-answer is an error on the socket, not a signal

    Store store(options.store, options.config.threads + 2);
    Router router(store, options.config);
    Pages pages(router, store);
    Poco::Net::ServerSocket socket;
    socket.bind(Poco::Net::SocketAddress(options.listen), true);
    socket.listen(listenBacklog);

    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(static_cast<int>(options.config.threads));
    params->setMaxQueued(maxQueued);
    params->setTimeout(Poco::Timespan(socketTimeout.count(), 0));
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(keepAliveTimeout.count(), 0));
    params->setMaxKeepAliveRequests(requestsPerConnection);
    params->setServerName("tenderscore");
    Poco::ThreadPool threads(2, static_cast<int>(options.config.threads) + 1);
    Poco::Net::HTTPServer server(new ApiHandlerFactory(router, pages), threads, socket, params);
    server.start();
    out << "tenderscore serve: listening on http://" << socket.address().toString() << " (store "
        << (isPostgreSql(options.store) ? "PostgreSQL" : options.store) << ")" << std::endl;

    int received = 0;
    sigwait(&signals, &received);
    out << "tenderscore serve: " << (received == SIGTERM ? "SIGTERM" : "SIGINT") << ": finishing the requests in flight"
        << std::endl;
    // No new connection is accepted; requests already being handled run to their end.
    server.stopAll(false);
    const auto deadline = std::chrono::steady_clock::now() + drainLimit;
    while (server.currentConnections() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    threads.joinAll();
    out << "tenderscore serve: stopped" << std::endl;
    return 0;
}

}  // namespace tenderscore::server
