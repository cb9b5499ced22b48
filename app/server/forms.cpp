#include "server/forms.hpp"

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/StreamCopier.h>

#include "server/http_error.hpp"

namespace tenderscore::server {

namespace {

/// A panel form has a field per bid, question or member: far fewer than this.
constexpr int fieldLimit = 2000;

class FileCollector : public Poco::Net::PartHandler {
public:
    explicit FileCollector(std::vector<UploadedFile>& files) : _files(files) {}

    void handlePart(const Poco::Net::MessageHeader& header, std::istream& stream) override {
        std::string disposition;
        Poco::Net::NameValueCollection parameters;
        Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, parameters);
        UploadedFile file;
        file.field = parameters.get("name", "");
        file.fileName = parameters.get("filename", "");
        // Some browsers send the whole path of the file chosen.
        if (const std::size_t slash = file.fileName.find_last_of("/\\"); slash != std::string::npos) {
            file.fileName = file.fileName.substr(slash + 1);
        }
        Poco::StreamCopier::copyToString(stream, file.content);
        if (!file.fileName.empty()) {  // a file input left empty sends a part with no name
            _files.push_back(std::move(file));
        }
    }

private:
    std::vector<UploadedFile>& _files;
};

}  // namespace

std::string Form::get(const std::string& name) const {
    const auto found = fields.find(name);
    return found == fields.end() ? std::string() : found->second;
}

std::vector<std::string> Form::all(const std::string& name) const {
    std::vector<std::string> values;
    const auto [first, last] = fields.equal_range(name);
    for (auto it = first; it != last; ++it) {
        values.push_back(it->second);
    }
    return values;
}

Form parseForm(const std::string& contentType, const std::string& body) {
    Form form;
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/");
    request.setContentType(contentType.empty() ? Poco::Net::HTMLForm::ENCODING_URL : contentType);
    std::istringstream stream(body);
    FileCollector collector(form.files);
    Poco::Net::HTMLForm html;
    html.setFieldLimit(fieldLimit);
    try {
        html.load(request, stream, collector);
    } catch (const Poco::Exception& error) {
        throw invalid("the form could not be read: " + error.displayText());
    }
    for (const auto& [name, value] : html) {
        form.fields.emplace(name, value);
    }
    return form;
}

}  // namespace tenderscore::server
