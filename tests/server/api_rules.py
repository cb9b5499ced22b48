"""Every rule of the contract's tables, broken, gets the stated status: each call by each kind of
caller in each phase (403 for a role that may not make it, in every phase; 409 wrong-phase for a
phase it may not be made in; 401 without a session; 403 without the CSRF token), then the rules
particular to each call (a question not assigned or a bid recused from: 403 before any 409; 201
for a first mark or consensus, 200 for a replaced one; the whole old panel in a panel entry; a
body that is not sent as JSON: 400), the session rules (the lock-out counted at once, through two
processes; a success between failures resets nothing), passwords counted in characters, the body
limit and hostile requests.

usage: api_rules.py TOOL ROOT sqlite|postgresql"""

import collections
import concurrent.futures
import os
import socket
import subprocess
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


PANEL = [{"user": "erin", "questions": None, "moderator": True}, {"user": "faisal", "moderator": False}]


class Evaluation:
    def __init__(self, clients, root, phase, panel=None):
        self.c = clients
        admin = clients["ada"]
        self.id = expect(admin.post("/api/evaluations", {"tender": sample(root, "tender.xml")}), 201).json()["id"]
        self.base = "/api/evaluations/" + self.id
        for name in BIDS:
            expect(admin.put(self.base + "/bids/" + name, {"xml": sample(root, "bids", name)}), 201)
        expect(admin.put(self.base + "/panel", {"evaluators": panel or PANEL}), 200)
        order = ["setup", "scoring", "moderation", "signed-off"]
        if order.index(phase) >= 1:
            expect(admin.post(self.base + "/open-scoring"), 200)
        if order.index(phase) >= 2:
            for name in ("erin", "faisal"):
                expect(clients[name].put(self.base + "/declaration", {"conflicts": []}), 200)
                for bid in ("BID-001", "BID-002"):
                    for question in QUESTIONS:
                        expect(clients[name].put("%s/marks/%s/%s" % (self.base, bid, question),
                                                 {"score": 3, "rationale": "Meets the need."}), 201)
                expect(clients[name].post(self.base + "/submit"), 200)
            expect(admin.post(self.base + "/open-moderation"), 200)
        if order.index(phase) >= 3:
            for bid in ("BID-001", "BID-002"):
                for question in QUESTIONS:
                    expect(clients["erin"].put("%s/consensus/%s/%s" % (self.base, bid, question),
                                               {"score": 3, "rationale": "Agreed."}), 201)
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
    expect(admin.post("/api/evaluations", raw=b"[1]", headers={"Content-Type": "application/json"}), 400, "invalid")
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
    expect(admin.post(setup.base + "/rejections", {"file": "X.xml", "reason": "\u00a0\u200b", "content": "AA=="}),
           400, "invalid", "a reason of a no-break and a zero-width space is blank too, as in scores.xml")
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
    # A member the call does not take is refused by name, not read as the member left out: a panel
    # member with "question" for "questions" would otherwise be given every question.
    typo = expect(admin.put(setup.base + "/panel", {"evaluators": [{"user": "erin", "question": ["Q1"]}]}), 400,
                  "invalid", "a typo in a panel member")
    check('"question"' in typo.json()["message"] and '"questions"' in typo.json()["message"],
          "the refusal names the member it does not take and those it does: %s" % typo.body)
    expect(admin.put(setup.base + "/panel", {"evaluators": [], "approvers": 2}), 400, "invalid",
           "a member the panel call does not take")
    expect(admin.put(setup.base + "/panel", {"evaluators": []}), 200)
    expect(admin.post(setup.base + "/open-scoring"), 409, "incomplete", "no evaluator")
    # Declarations, worklist, marks, submit.
    base = scoring.base
    expect(faisal.get(base + "/worklist"), 409, "conflict-not-declared")
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 3, "rationale": "x"}), 409, "conflict-not-declared")
    expect(faisal.post(base + "/submit"), 409, "conflict-not-declared")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-404", "reason": "x"}]}), 400, "invalid")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-002", "reasons": "x"}]}), 400, "invalid",
           "a conflict with a member it does not take")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-002", "reason": " "}]}), 400, "invalid")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-002", "reason": "Former employer"}]}), 200)
    expect(faisal.put(base + "/declaration", {"conflicts": []}), 409, "already-submitted", "a second declaration")
    expect(faisal.put(base + "/marks/BID-002/Q1", {"score": 3, "rationale": "x"}), 403, "forbidden", "recused bid")
    expect(faisal.put(base + "/marks/BID-404/Q1", {"score": 3, "rationale": "x"}), 404, "not-found")
    expect(faisal.put(base + "/marks/BID-001/Q9", {"score": 3, "rationale": "x"}), 404, "not-found")
    for body in ({"score": 6, "rationale": "x"}, {"score": -1, "rationale": "x"}, {"score": 2.5, "rationale": "x"},
                 {"score": "3", "rationale": "x"}, {"score": True, "rationale": "x"}, {"score": 3, "rationale": " "},
                 {"score": 3}, {"score": 3, "rationale": "bell\u0007"}, {"score": 3, "rationale": "x", "scored": 4}):
        expect(faisal.put(base + "/marks/BID-001/Q1", body), 400, "invalid", "mark %r" % body)
    # Something new is 201; replacing it 200.
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 2, "rationale": "First reading."}), 201, what="a mark")
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 3, "rationale": "Adequate."}), 200, what="replaced")
    expect(faisal.post(base + "/submit"), 409, "incomplete", "three marks missing")
    for question in QUESTIONS[1:]:
        expect(faisal.put("%s/marks/BID-001/%s" % (base, question), {"score": 2, "rationale": "Thin."}), 201)
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
                            {"score": 3, "rationale": "ok"}), 201)
    expect(erin.post(erin_recused.base + "/submit"), 200)
    expect(faisal.put(erin_recused.base + "/declaration", {"conflicts": []}), 200)
    for bid_name in ("BID-001", "BID-002"):
        for question in QUESTIONS:
            expect(faisal.put("%s/marks/%s/%s" % (erin_recused.base, bid_name, question),
                              {"score": 3, "rationale": "ok"}), 201)
    expect(faisal.post(erin_recused.base + "/submit"), 200)
    # The recusal is 403 in every phase: before moderation opens too, not 409.
    reply = expect(erin.put(erin_recused.base + "/consensus/BID-002/Q1", {"score": 3, "rationale": "x"}), 403,
                   "forbidden", "consensus on a recused bid in scoring")
    check("BID-002" not in reply.body.decode(), "the refusal does not repeat the recused bid: %r" % reply)
    expect(erin.post(erin_recused.base + "/open-moderation"), 200)
    expect(erin.put(erin_recused.base + "/consensus/BID-002/Q1", {"score": 3, "rationale": "x"}), 403, "forbidden")
    expect(erin.put(erin_recused.base + "/consensus/BID-001/Q1", {"score": 3, "rationale": "x"}), 201,
           what="a first consensus")
    expect(erin.put(erin_recused.base + "/consensus/BID-001/Q1", {"score": 4, "rationale": "y"}), 200,
           what="a consensus replaced")
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


def assignment_before_phase(clients, root):
    """A question not assigned to the caller, or a bid they are recused from, is 403 in every phase
    and before the declaration: never 409 first."""
    admin, faisal = clients["ada"], clients["faisal"]
    panel = [{"user": "erin", "questions": None, "moderator": True},
             {"user": "faisal", "questions": ["Q1"], "moderator": False}]
    evaluation = Evaluation(clients, root, "setup", panel)
    base = evaluation.base
    unassigned = base + "/marks/BID-001/Q2"
    expect(faisal.put(unassigned, {"score": 3, "rationale": "x"}), 403, "forbidden", "unassigned, in setup")
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 3, "rationale": "x"}), 409, "wrong-phase", "in setup")
    expect(admin.post(base + "/open-scoring"), 200)
    reply = expect(faisal.put(unassigned, {"score": 3, "rationale": "x"}), 403, "forbidden",
                   "unassigned, before the declaration")
    check("not assigned to you" in reply.json()["message"], "the refusal says why: %r" % reply)
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 3, "rationale": "x"}), 409, "conflict-not-declared",
           "an assigned question before the declaration")
    expect(faisal.put(base + "/declaration", {"conflicts": [{"bid": "BID-002", "reason": "Family"}]}), 200)
    expect(faisal.put(unassigned, {"score": 3, "rationale": "x"}), 403, "forbidden", "unassigned, after it")
    reply = expect(faisal.put(base + "/marks/BID-002/Q1", {"score": 3, "rationale": "x"}), 403, "forbidden",
                   "a recused bid")
    check("BID-002" not in reply.body.decode(), "the refusal does not repeat the recused bid: %r" % reply)
    expect(faisal.put(base + "/marks/BID-001/Q1", {"score": 3, "rationale": "Adequate."}), 201)
    expect(faisal.post(base + "/submit"), 200)
    expect(faisal.put(unassigned, {"score": 3, "rationale": "x"}), 403, "forbidden", "unassigned, after submitting")
    print("assignment and recusal checked before the declaration and the phase")


def panel_entry_keeps_the_old_panel(clients, root):
    """A panel replaced: its entry holds the whole old panel (user, name, questions, moderator)."""
    admin = clients["ada"]
    first = [{"user": "erin", "questions": None, "moderator": True},
             {"user": "faisal", "questions": ["Q1", "Q3"], "moderator": False}]
    evaluation = Evaluation(clients, root, "setup", first)
    second = [{"user": "faisal", "questions": None, "moderator": True}]
    expect(admin.put(evaluation.base + "/panel", {"evaluators": second}), 200)
    entries = [e for e in expect(admin.get(evaluation.base + "/events"), 200).json() if e["type"] == "panel"]
    check(len(entries) == 2, "two panel entries: %r" % entries)
    check(entries[0]["data"]["previous"] == [] and entries[0]["data"].get("previousEvaluators") == [],
          "the first panel replaced none: %r" % entries[0]["data"])
    old = entries[1]["data"]
    check(old["previous"] == ["erin", "faisal"], "the old panel's names: %r" % old)
    check(old.get("previousEvaluators") == [
        {"user": "erin", "name": "Erin", "questions": None, "moderator": True},
        {"user": "faisal", "name": "Faisal", "questions": ["Q1", "Q3"], "moderator": False}],
        "the whole old panel, questions and moderator too: %r" % old)
    check(old["evaluators"] == [{"user": "faisal", "name": "Faisal", "questions": None, "moderator": True}],
          "the new panel: %r" % old["evaluators"])
    print("a replaced panel is kept whole in the log")


def content_type_rules(clients, root):
    """A body sent to the API is JSON and says so; a page's form is not an API call (browser.py)."""
    admin, faisal = clients["ada"], clients["faisal"]
    evaluation = Evaluation(clients, root, "scoring")
    base = evaluation.base
    body = b'{"conflicts": []}'
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "application/jsonx", "text/json",
                         "application/json; charset=iso-8859-1"):
        reply = expect(faisal.request("PUT", base + "/declaration", raw=body, headers={"Content-Type": content_type}),
                       400, "invalid", "a body sent as " + content_type)
        check("Content-Type" in reply.json()["message"] or "UTF-8" in reply.json()["message"],
              "the refusal names the problem: %r" % reply)
    reply = expect(faisal.request("PUT", base + "/declaration", raw=body), 400, "invalid",
                   "a body with no Content-Type")
    check("no Content-Type" in reply.json()["message"], "the refusal names the problem: %r" % reply)
    expect(admin.request("POST", "/api/evaluations", raw=b'{"tender": "x"}', headers={"Content-Type": "text/xml"}),
           400, "invalid", "an evaluation created from text/xml")
    expect(clients["anonymous"].request("POST", "/api/session", raw=b'{"user": "ada", "password": "x"}',
                                        headers={"Content-Type": "text/plain"}), 400, "invalid", "a login as text")
    events = len(expect(admin.get(base + "/events"), 200).json())
    utf8 = {"Content-Type": 'Application/JSON; Charset="UTF-8"'}
    expect(faisal.request("PUT", base + "/declaration", raw=body, headers=utf8), 200,
           what="application/json with a charset of UTF-8")
    check(len(expect(admin.get(base + "/events"), 200).json()) == events + 1, "that declaration is recorded")
    # A call with no body needs no Content-Type.
    expect(admin.request("POST", Evaluation(clients, root, "setup").base + "/open-scoring"), 200,
           what="open-scoring with no body")
    print("Content-Type checked")


def password_length_in_characters(tool, stores):
    """A password's length is counted in characters, not bytes; bytes that are not UTF-8 are refused."""
    store = stores.new()
    for password, status, words in (("\u20ac" * 11, 65, "at least 12 characters"), ("\u20ac" * 12, 0, "Added"),
                                     (b"\xff\xfe" * 8, 65, "UTF-8")):
        data = password if isinstance(password, bytes) else password.encode()
        done = subprocess.run([tool, "users", "add", "--store", store, "--name", "p%d" % len(data), "--display", "P",
                               "--role", "evaluator"], input=data + b"\n", capture_output=True)
        output = (done.stdout + done.stderr).decode("utf-8", "replace")
        check(done.returncode == status and words in output,
              "users add with %r: exit %d, %s" % (password, done.returncode, output))
    server = Server(tool, store)
    expect(server.client().login("p36", "\u20ac" * 12), 200, what="login with the twelve euro signs")
    check(server.stop() == 0, "SIGTERM ends the server with status 0")
    print("password length counted in characters")


def success_resets_nothing(server):
    """Five failures within 15 minutes lock a name, with a success between them or not."""
    client = server.client()
    for _ in range(4):
        expect(client.login("yan", "wrong password"), 401, "unauthenticated")
    expect(client.login("yan"), 200, what="the right password after four failures")
    expect(client.login("yan", "wrong password"), 401, "unauthenticated", "the fifth failure")
    expect(client.login("yan"), 429, "locked", "after five failures with a success between")
    print("a success between failures resets nothing")


def failures_at_once_are_counted(tool, store, server):
    """Thirty wrong passwords at once, through two processes on one store: five are answered 401
    and lock the name, the rest 429, and then the right password too."""
    other = Server(tool, store)
    try:
        def attempt(i):
            return (server if i % 2 else other).client().login("vic", "wrong password %d" % i).status

        with concurrent.futures.ThreadPoolExecutor(30) as pool:
            answers = collections.Counter(pool.map(attempt, range(30)))
        check(answers == {401: 5, 429: 25}, "30 failures at once: five 401s, then 429s: %r" % dict(answers))
        for process in (server, other):
            expect(process.client().login("vic"), 429, "locked", "the right password after failures at once")
    finally:
        check(other.stop() == 0, "SIGTERM ends the second server with status 0")
    print("lockout counted at once through two processes")


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
                       ("zoe", "evaluator"), ("yan", "evaluator"), ("vic", "evaluator")):
        add_user(tool, store, name, role)
    server = Server(tool, store)
    clients = {"anonymous": server.client()}
    for name in CALLERS:
        clients[name] = server.client()
        expect(clients[name].login(name), 200, what="login " + name)
    evaluations = [Evaluation(clients, root, phase) for phase in ("setup", "scoring", "moderation", "signed-off")]
    role_and_phase_matrix(clients, evaluations)
    call_rules(clients, root, *evaluations)
    assignment_before_phase(clients, root)
    panel_entry_keeps_the_old_panel(clients, root)
    content_type_rules(clients, root)
    session_rules(server, clients)
    success_resets_nothing(server)
    failures_at_once_are_counted(tool, store, server)
    check(server.stop() == 0, "SIGTERM ends the server with status 0")
    password_length_in_characters(tool, stores)
    limits_and_hostile_requests(tool, root, stores, scratch)
    return 0


if __name__ == "__main__":
    sys.exit(main(rules, sys.argv))
