"""Every rule of the contract's tables, broken, gets the stated status: each call by each kind of
caller in each phase (403 for a role that may not make it, in every phase; 409 wrong-phase for a
phase it may not be made in; 401 without a session; 403 without the CSRF token), then the rules
particular to each call, the session rules, the body limit and hostile requests.

usage: api_rules.py TOOL ROOT sqlite|postgresql"""

import os
import socket
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from harness import Server, add_user, check, expect, main, sample

# The contract's table: method, path, who (admin, auditor, panel, moderator), phases.
ALL = {"setup", "scoring", "moderation", "signed-off"}
ROUTES = [
    ("GET", "/api/evaluations/{id}", {"admin", "auditor", "panel"}, ALL),
    ("PUT", "/api/evaluations/{id}/bids/BID-001.xml", {"admin"}, {"setup"}),
    ("POST", "/api/evaluations/{id}/rejections", {"admin"}, {"setup", "scoring"}),
    ("PUT", "/api/evaluations/{id}/panel", {"admin"}, {"setup"}),
    ("POST", "/api/evaluations/{id}/open-scoring", {"admin"}, {"setup"}),
    ("PUT", "/api/evaluations/{id}/declaration", {"panel"}, {"scoring"}),
    ("GET", "/api/evaluations/{id}/worklist", {"panel"}, {"scoring"}),
    ("PUT", "/api/evaluations/{id}/marks/BID-001/Q1", {"panel"}, {"scoring"}),
    ("POST", "/api/evaluations/{id}/submit", {"panel"}, {"scoring"}),
    ("POST", "/api/evaluations/{id}/reopen", {"admin"}, {"scoring"}),
    ("POST", "/api/evaluations/{id}/open-moderation", {"admin", "moderator"}, {"scoring"}),
    ("GET", "/api/evaluations/{id}/moderation", {"moderator", "admin", "auditor"}, {"moderation", "signed-off"}),
    ("PUT", "/api/evaluations/{id}/consensus/BID-001/Q1", {"moderator"}, {"moderation"}),
    ("POST", "/api/evaluations/{id}/runs", {"admin"}, {"moderation"}),
    ("GET", "/api/evaluations/{id}/runs/1/results.json", {"admin", "moderator", "auditor"}, ALL),
    ("POST", "/api/evaluations/{id}/approvals", {"admin"}, {"moderation"}),
    ("GET", "/api/evaluations/{id}/events", {"admin", "auditor"}, ALL),
    ("GET", "/api/evaluations/{id}/scores.xml", {"admin", "auditor"}, ALL),
]
# Each caller and what it is on the panel of every evaluation here.
CALLERS = {"ada": {"admin"}, "olu": {"auditor"}, "erin": {"panel", "moderator"}, "faisal": {"panel"}, "zoe": set()}
BIDS = ["BID-001.xml", "BID-002.xml"]
QUESTIONS = ["Q1", "Q2", "Q3", "Q4"]


class Evaluation:
    def __init__(self, clients, root, phase):
        self.c = clients
        admin = clients["ada"]
        self.id = expect(admin.post("/api/evaluations", {"tender": sample(root, "tender.xml")}), 201).json()["id"]
        self.base = "/api/evaluations/" + self.id
        for name in BIDS:
            expect(admin.put(self.base + "/bids/" + name, {"xml": sample(root, "bids", name)}), 201)
        expect(admin.put(self.base + "/panel", {"evaluators": [{"user": "erin", "questions": None, "moderator": True},
                                                               {"user": "faisal", "moderator": False}]}), 200)
        order = ["setup", "scoring", "moderation", "signed-off"]
        if order.index(phase) >= 1:
            expect(admin.post(self.base + "/open-scoring"), 200)
        if order.index(phase) >= 2:
            for name in ("erin", "faisal"):
                expect(clients[name].put(self.base + "/declaration", {"conflicts": []}), 200)
                for bid in ("BID-001", "BID-002"):
                    for question in QUESTIONS:
                        expect(clients[name].put("%s/marks/%s/%s" % (self.base, bid, question),
                                                 {"score": 3, "rationale": "Meets the need."}), 200)
                expect(clients[name].post(self.base + "/submit"), 200)
            expect(admin.post(self.base + "/open-moderation"), 200)
        if order.index(phase) >= 3:
            for bid in ("BID-001", "BID-002"):
                for question in QUESTIONS:
                    expect(clients["erin"].put("%s/consensus/%s/%s" % (self.base, bid, question),
                                               {"score": 3, "rationale": "Agreed."}), 200)
            expect(admin.post(self.base + "/runs"), 201)
            expect(admin.post(self.base + "/approvals", {"run": 1, "statement": "Approved."}), 201)
        self.phase = phase


def role_and_phase_matrix(clients, evaluations):
    checked = 0
    for evaluation in evaluations:
        for method, path, who, phases in ROUTES:
            url = path.replace("{id}", evaluation.id)
            for caller, kinds in CALLERS.items():
                client = clients[caller]
                allowed = bool(who & kinds)
                if allowed and evaluation.phase in phases:
                    continue  # a call that may be made: the call rules and the life cycle test it
                reply = client.request(method, url, {} if method != "GET" else None)
                what = "%s %s by %s in %s" % (method, path, caller, evaluation.phase)
                if not allowed:
                    expect(reply, 403, "forbidden", what)
                else:
                    expect(reply, 409, "wrong-phase", what)
                checked += 1
            # Without a session: 401; a change without the CSRF token: 403.
            anonymous = clients["anonymous"]
            expect(anonymous.request(method, url, {} if method != "GET" else None), 401, "unauthenticated")
            if method != "GET":
                expect(clients["ada"].request(method, url, {}, csrf=False), 403, "forbidden", "no CSRF " + path)
                expect(clients["ada"].request(method, url, {}, csrf=False, headers={"X-CSRF-Token": "0" * 64}),
                       403, "forbidden", "wrong CSRF " + path)
    # Creating an evaluation is for admins only; an unknown evaluation is 404 to staff, 403 to others.
    for caller in ("olu", "erin", "zoe"):
        expect(clients[caller].post("/api/evaluations", {"tender": "x"}), 403, "forbidden")
    expect(clients["ada"].get("/api/evaluations/ev-none"), 404, "not-found")
    expect(clients["zoe"].get("/api/evaluations/ev-none"), 403, "forbidden")
    print("role and phase matrix:", checked, "refusals checked")


def call_rules(clients, root, setup, scoring, moderation, signed):
    admin, erin, faisal = clients["ada"], clients["erin"], clients["faisal"]
    # The tender and bids go through validate's readers and rules; every problem comes back.
    reply = expect(admin.post("/api/evaluations", {"tender": "<tender/>"}), 400)
    check(reply.json()["problems"] and {"file", "line", "rule", "message"} <= set(reply.json()["problems"][0]),
          "a refused tender lists its problems: %r" % reply)
    expect(admin.post("/api/evaluations", {"xml": "x"}), 400, "invalid", "no tender member")
    expect(admin.post("/api/evaluations", raw=b"{not json", headers={"Content-Type": "application/json"}), 400,
           "invalid")
    expect(admin.post("/api/evaluations", raw=b"[1]"), 400, "invalid")
    bid = sample(root, "bids", "BID-003.xml")
    expect(admin.put(setup.base + "/bids/BID-003.txt", {"xml": bid}), 400, "invalid", "a bid name not .xml")
    reply = expect(admin.put(setup.base + "/bids/BID-003.xml", {"xml": bid.replace("ECC-RES-2023", "OTHER")}), 400)
    check(reply.json()["problems"], "a bid for another tender is refused with its problems")
    reply = expect(admin.put(setup.base + "/bids/BID-003.xml", {"xml": bid.replace("<bidder", "<bidder bad=\"1\"")}),
                   400)
    expect(admin.put(setup.base + "/bids/COPY.xml", {"xml": sample(root, "bids", "BID-001.xml")}), 400,
           "duplicate-bid")
    expect(admin.put(setup.base + "/bids/BID-001.xml", {"xml": sample(root, "bids", "BID-001.xml")}), 200,
           what="a bid replaced")
    # Rejections at opening.
    expect(admin.post(setup.base + "/rejections", {"file": "X.xml", "reason": "Corrupt"}), 400, "invalid",
           "a file not uploaded needs its content")
    expect(admin.post(setup.base + "/rejections", {"file": "X.xml", "reason": "Corrupt", "content": "%%%"}), 400,
           "invalid", "content must be base64")
    expect(admin.post(setup.base + "/rejections", {"file": "a/X.xml", "reason": "Corrupt", "content": "AA=="}), 400,
           "invalid", "no folder part")
    expect(admin.post(setup.base + "/rejections", {"file": "X.xml", "reason": "  ", "content": "AA=="}), 400,
           "invalid", "a reason is not blank")
    expect(admin.post(setup.base + "/rejections", {"file": "BID-002.xml", "reason": "Late", "content": "AA=="}),
           400, "invalid", "an uploaded file keeps its bytes")
    expect(admin.post(setup.base + "/rejections", {"file": "X.xml", "reason": "Corrupt", "content": "AA=="}), 201)
    expect(admin.post(setup.base + "/rejections", {"file": "X.xml", "reason": "Again", "content": "AA=="}), 400)
    expect(admin.put(setup.base + "/bids/X.xml", {"xml": bid}), 400, "invalid", "a rejected file stays rejected")
    # The panel.
    for members in ([{"user": "nobody"}], [{"user": "ada"}], [{"user": "erin"}, {"user": "erin"}],
                    [{"user": "erin", "questions": ["Q9"]}], [{"user": "erin", "questions": ["Q1", "Q1"]}],
                    [{"user": "erin", "moderator": "yes"}]):
        expect(admin.put(setup.base + "/panel", {"evaluators": members}), 400, "invalid", "panel %r" % members)
    expect(admin.put(setup.base + "/panel", {"evaluators": []}), 200)
    expect(admin.post(setup.base + "/open-scoring"), 409, "incomplete", "no evaluator")
    # Declarations, worklist, marks, submit.
    base = scoring.base
    expect(faisal.get(base + "/worklist"), 409, "conflict-not-declared")
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 3, "rationale": "x"}), 409, "conflict-not-declared")
    expect(faisal.post(base + "/submit"), 409, "conflict-not-declared")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-404", "reason": "x"}]}), 400, "invalid")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-002", "reason": " "}]}), 400, "invalid")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-002", "reason": "Former employer"}]}), 200)
    expect(faisal.put(base + "/declaration", {"conflicts": []}), 409, "already-submitted", "a second declaration")
    expect(faisal.put(base + "/marks/BID-002/Q1", {"score": 3, "rationale": "x"}), 403, "forbidden", "recused bid")
    expect(faisal.put(base + "/marks/BID-404/Q1", {"score": 3, "rationale": "x"}), 404, "not-found")
    expect(faisal.put(base + "/marks/BID-001/Q9", {"score": 3, "rationale": "x"}), 404, "not-found")
    for body in ({"score": 6, "rationale": "x"}, {"score": -1, "rationale": "x"}, {"score": 2.5, "rationale": "x"},
                 {"score": "3", "rationale": "x"}, {"score": True, "rationale": "x"}, {"score": 3, "rationale": " "},
                 {"score": 3}, {"score": 3, "rationale": "bell\u0007"}):
        expect(faisal.put(base + "/marks/BID-001/Q1", body), 400, "invalid", "mark %r" % body)
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 3, "rationale": "Adequate."}), 200)
    expect(faisal.post(base + "/submit"), 409, "incomplete", "three marks missing")
    for question in QUESTIONS[1:]:
        expect(faisal.put("%s/marks/BID-001/%s" % (base, question), {"score": 2, "rationale": "Thin."}), 200)
    expect(faisal.post(base + "/submit"), 200)
    expect(faisal.post(base + "/submit"), 409, "already-submitted")
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 4, "rationale": "x"}), 409, "already-submitted")
    expect(admin.post(base + "/reopen", {"evaluator": "faisal", "bid": "BID-001", "question": "Q1"}), 400, "invalid",
           "a reopen needs a reason")
    expect(admin.post(base + "/reopen", {"evaluator": "erin", "bid": "BID-001", "question": "Q1", "reason": "x"}),
           400, "invalid", "erin has not submitted")
    expect(admin.post(base + "/open-moderation"), 409, "incomplete", "erin has not submitted")
    # A moderator recused from a bid: no consensus for it, no outputs that show it.
    erin_recused = Evaluation(clients, root, "scoring")
    expect(erin.put(erin_recused.base + "/declaration", {"conflicts": [{"bid": "BID-002", "reason": "Family"}]}), 200)
    for bid_name, questions in (("BID-001", QUESTIONS),):
        for question in questions:
            expect(erin.put("%s/marks/%s/%s" % (erin_recused.base, bid_name, question),
                            {"score": 3, "rationale": "ok"}), 200)
    expect(erin.post(erin_recused.base + "/submit"), 200)
    expect(faisal.put(erin_recused.base + "/declaration", {"conflicts": []}), 200)
    for bid_name in ("BID-001", "BID-002"):
        for question in QUESTIONS:
            expect(faisal.put("%s/marks/%s/%s" % (erin_recused.base, bid_name, question),
                              {"score": 3, "rationale": "ok"}), 200)
    expect(faisal.post(erin_recused.base + "/submit"), 200)
    expect(erin.post(erin_recused.base + "/open-moderation"), 200)
    expect(erin.put(erin_recused.base + "/consensus/BID-002/Q1", {"score": 3, "rationale": "x"}), 403, "forbidden")
    items = expect(erin.get(erin_recused.base + "/moderation"), 200).json()["items"]
    check(all(item["bid"] != "BID-002" for item in items), "a recused moderator never sees that bid")
    # Consensus, runs, approvals.
    base = moderation.base
    expect(erin.put(base + "/consensus/BID-001/Q1", {"score": 3, "rationale": ""}), 400, "invalid")
    expect(erin.put(base + "/consensus/BID-001/Q1", {"score": 9, "rationale": "x"}), 400, "invalid")
    expect(erin.put(base + "/consensus/BID-404/Q1", {"score": 3, "rationale": "x"}), 404, "not-found")
    reply = expect(admin.post(base + "/runs"), 400, what="a run without the consensus it needs")
    check(reply.json()["problems"], "the run's problems are listed")
    expect(admin.post(base + "/approvals", {"run": 1, "statement": "x"}), 400, "invalid", "no run to approve")
    expect(admin.get(base + "/runs/1/results.json"), 404, "not-found")
    expect(admin.get(signed.base + "/runs/1/other.txt"), 404, "not-found")
    expect(admin.get(signed.base + "/scores.xml?at=0"), 400, "invalid")
    expect(admin.get(signed.base + "/scores.xml?at=99999"), 400, "invalid")
    expect(admin.get(signed.base + "/scores.xml?at=x"), 400, "invalid")
    first = expect(admin.get(signed.base + "/scores.xml?at=1"), 200).body.decode()
    check("<evaluator" not in first, "the scores after the tender alone have no evaluator")
    print("call rules checked")


def session_rules(server, clients):
    client = server.client()
    expect(client.login("ada", "not the password"), 401, "unauthenticated")
    expect(client.login("nobody", "not the password"), 401, "unauthenticated")
    expect(client.request("POST", "/api/session", {"user": "ada"}), 400, "invalid")
    reply = expect(client.login("ada"), 200)
    cookie = client.set_cookie
    for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
        check(attribute in cookie, "the session cookie has %s: %s" % (attribute, cookie))
    check("Secure" not in cookie, "no Secure attribute unless --config says tls")
    check(len(client.cookie) == 64 and len(reply.json()["csrf"]) == 64, "256-bit session id and CSRF token")
    check(reply.json() == {"csrf": client.csrf, "user": "ada", "role": "admin"}, "the login answer")
    expect(client.request("DELETE", "/api/session", csrf=False), 403, "forbidden")
    expect(client.request("DELETE", "/api/session"), 200)
    expect(client.get("/api/evaluations/x"), 401, "unauthenticated", "after logout")
    # Lockout: five failures, then even the right password gets 429 for 15 minutes.
    locked = server.client()
    for _ in range(5):
        expect(locked.login("zoe", "wrong password"), 401, "unauthenticated")
    expect(locked.login("zoe"), 429, "locked")
    print("session rules checked")


def limits_and_hostile_requests(tool, root, stores, scratch):
    store = stores.new()
    add_user(tool, store, "ada", "admin")
    config = os.path.join(scratch, "small.properties")
    with open(config, "w") as out:
        out.write("maxBodyBytes=100000\nlimits.maxDepth=6\nlimits.maxFileBytes=50000\ntls=true\nsessionMinutes=30\n")
    server = Server(tool, store, config)
    admin = server.client()
    expect(admin.login("ada"), 200)
    check("; Secure" in admin.set_cookie and "Max-Age=1800" in admin.set_cookie,
          "behind TLS the cookie is Secure, and lasts sessionMinutes: " + admin.set_cookie)
    expect(admin.post("/api/evaluations", {"tender": "x" * 200000}), 413, "too-large")
    padded = sample(root, "tender.xml") + "<!--" + "x" * 60000 + "-->"
    reply = expect(admin.post("/api/evaluations", {"tender": padded}), 400, what="over limits.maxFileBytes")
    check("50000" in reply.body.decode(), "the file size limit is named: %r" % reply)
    deep = sample(root, "tender.xml").replace("<title>", "<a><b><c><d><e><f><g><title>").replace(
        "</title>", "</title></g></f></e></d></c></b></a>")
    reply = expect(admin.post("/api/evaluations", {"tender": deep}), 400, what="over limits.maxDepth")
    check(reply.json()["problems"], "the depth limit is reported as a problem")
    # Hostile bytes on the socket never stop the server.
    for payload in (b"\x00\xff garbage\r\n\r\n", b"GET / HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 100000 + b"\r\n\r\n",
                    b"POST /api/session HTTP/1.1\r\nContent-Length: 10\r\n\r\n{", b"GET /%zz HTTP/1.1\r\n\r\n",
                    b"PUT /api/evaluations/x/bids/..%2F..%2Fetc HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
            try:
                raw.sendall(payload)
                raw.shutdown(socket.SHUT_WR)
                raw.recv(65536)
            except OSError:
                pass  # the server may close first: it must only go on answering others
    expect(admin.get("/api/no/such/path"), 404, "not-found")
    page = expect(admin.get("/no/such/path"), 404, what="an unknown page")  # outside /api/: a page
    check(b"<h1>Page not found</h1>" in page.body, "an unknown page is the pages' 404: %r" % page)
    expect(admin.request("PATCH", "/api/session", {}), 405)
    expect(admin.request("GET", "/api/evaluations/%2e%2e"), 404, "not-found")
    expect(admin.login("ada"), 200, what="the server still answers after hostile requests")
    check(server.stop() == 0, "SIGTERM ends the server with status 0")
    print("limits and hostile requests checked")


def rules(tool, root, stores, scratch):
    store = stores.new()
    for name, role in (("ada", "admin"), ("olu", "auditor"), ("erin", "evaluator"), ("faisal", "evaluator"),
                       ("zoe", "evaluator")):
        add_user(tool, store, name, role)
    server = Server(tool, store)
    clients = {"anonymous": server.client()}
    for name in CALLERS:
        clients[name] = server.client()
        expect(clients[name].login(name), 200, what="login " + name)
    evaluations = [Evaluation(clients, root, phase) for phase in ("setup", "scoring", "moderation", "signed-off")]
    role_and_phase_matrix(clients, evaluations)
    call_rules(clients, root, *evaluations)
    session_rules(server, clients)
    check(server.stop() == 0, "SIGTERM ends the server with status 0")
    limits_and_hostile_requests(tool, root, stores, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main(rules, sys.argv))
