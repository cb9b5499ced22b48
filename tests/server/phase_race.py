"""Phase changes raced against the writes they end: no change is recorded in a phase that has
closed. The evaluation's write lock is held from outside the server (the row lock on PostgreSQL,
the file's write lock on SQLite) while a phase change and then writes of the phase it ends queue
behind it, in that order; then the lock is let go. Open-moderation is raced against marks (of
reopened marks), a reopen and a rejection; the approval that signs off against a consensus, a run
and a second approval; and, with no lock held, open-moderation through one server process against
every reopened mark written at once through another.

Each time the log must follow the life cycle (no entry of a type a phase allows after the entry
that closed that phase), every success answered must be exactly one new entry and every new entry
a success answered, every refusal 409 `wrong-phase`, and the log verifies.

usage: phase_race.py TOOL ROOT sqlite|postgresql"""

import os
import sqlite3
import subprocess
import sys
import threading
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from harness import Failure, Server, add_user, check, expect, main, sample
import pg_cluster  # noqa: E402 (tests/tools, on the path through harness)

BIDS = ["BID-001", "BID-002"]
QUESTIONS = ["Q1", "Q2", "Q3", "Q4"]
EVALUATORS = ["erin", "faisal"]  # erin moderates
# The entries each phase allows; the entry that closes a phase and the phase it opens.
ALLOWED = {
    "setup": {"bid", "rejection", "panel", "open-scoring"},
    "scoring": {"rejection", "declaration", "mark", "submit", "reopen", "open-moderation"},
    "moderation": {"consensus", "run", "approval"},
    "signed-off": set(),
}
OPENS = {"open-scoring": "scoring", "open-moderation": "moderation"}


def phase_violations(events, after=0):
    """Each entry after `after` that its phase does not allow, folding the phases through the log."""
    phase, found = "setup", []
    for event in events[1:]:  # the first is the tender
        if event["seq"] > after and event["type"] not in ALLOWED[phase]:
            found.append("entry %d (%s by %s) in phase %s" % (event["seq"], event["type"], event["actor"], phase))
        phase = OPENS.get(event["type"], phase)
        if event["type"] == "approval" and event["data"].get("signsOff"):
            phase = "signed-off"
    return found


class Holder:
    """The evaluation's write lock, held from outside the server until `release`."""

    def __init__(self, stores, store, evaluation):
        self.stores = stores
        if stores.kind == "sqlite":
            self.db = sqlite3.connect(store, isolation_level=None, timeout=30)
            self.db.execute("BEGIN IMMEDIATE")  # every writer of the file waits
            return
        self.database = store.split("///")[1].split("?")[0]
        cluster = stores.cluster
        command = [os.path.join(pg_cluster.BIN, "psql"), "-h", cluster.socket, "-p", str(pg_cluster.PORT), "-U",
                   "postgres", "-d", self.database, "-v", "ON_ERROR_STOP=1", "-q"]
        if cluster.as_root:
            command = ["runuser", "-u", "postgres", "--"] + command
        self.psql = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True, cwd="/",
                                     env=dict(os.environ, PGAPPNAME="race-holder"))
        self.psql.stdin.write("BEGIN;\nSELECT id FROM evaluations WHERE id = '%s' FOR UPDATE;\n" % evaluation)
        self.psql.stdin.flush()
        self.wait_for("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'race-holder' AND "
                      "state = 'idle in transaction'", 1, "the holder to lock the evaluation's row")

    def wait_for(self, sql, count, what):
        deadline = time.time() + 30
        while int(self.stores.cluster.psql(self.database, sql).strip()) < count:
            check(time.time() < deadline, "waited 30 s for " + what)
            time.sleep(0.05)

    def queued(self, count):
        """Returns once `count` requests wait for the lock (on SQLite: after a moment)."""
        if self.stores.kind == "sqlite":
            time.sleep(0.4)  # no view of SQLite's waiters: the request has long been sent
            return
        self.wait_for("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                      "wait_event_type = 'Lock'", count, "%d requests to wait for the lock" % count)

    def release(self):
        if self.stores.kind == "sqlite":
            self.db.execute("COMMIT")
            self.db.close()
            return
        self.psql.stdin.write("COMMIT;\n")
        self.psql.stdin.close()
        check(self.psql.wait(30) == 0, "the holder's psql: " + self.psql.stderr.read())


class Call:
    """One request of a race, its answer, and the entry a success must have made."""

    def __init__(self, client, method, path, body, entry):
        self.client, self.method, self.path, self.body, self.entry = client, method, path, body, entry
        self.reply = None
        self.thread = threading.Thread(target=self.send)

    def send(self):
        self.reply = self.client.request(self.method, self.path, self.body)

    def made(self, event):
        if event["type"] != self.entry["type"] or event["actor"] != self.client.user:
            return False
        return all(event["data"].get(key) == value for key, value in self.entry.get("data", {}).items())

    def __repr__(self):
        return "%s .../%s by %s: %r" % (self.method, self.path.split("/", 4)[-1], self.client.user, self.reply)


def mark(client, base, bid, question, rationale, score=4):
    return Call(client, "PUT", "%s/marks/%s/%s" % (base, bid, question), {"score": score, "rationale": rationale},
                {"type": "mark", "data": {"bid": bid, "question": question, "rationale": rationale}})


def judge(admin, base, calls, before, what):
    """The log follows the life cycle; successes and new entries match one to one; refusals are 409."""
    events = expect(admin.get(base + "/events"), 200).json()
    violations = phase_violations(events, before)
    check(not violations, "%s: a change was recorded after its phase closed: %s; answers: %s" % (
        what, violations, calls))
    new = [event for event in events if event["seq"] > before]
    for call in calls:
        if call.reply.status in (200, 201):
            made = [event for event in new if call.made(event)]
            check(len(made) == 1, "%s: %r answered success with %d entries for it" % (what, call, len(made)))
            new.remove(made[0])
        else:
            check(call.reply.status == 409 and call.reply.code == "wrong-phase",
                  "%s: a refusal other than 409 wrong-phase: %r" % (what, call))
    check(not new, "%s: entries no success answered for: %s" % (what, [(e["seq"], e["type"]) for e in new]))
    return events


def held_race(holder, calls):
    """The calls queued in order behind the held lock, then the lock let go."""
    try:
        for count, call in enumerate(calls, 1):
            call.thread.start()
            holder.queued(count)
    finally:
        holder.release()
    for call in calls:
        call.thread.join(120)
        check(call.reply is not None, "no answer to %s %s" % (call.method, call.path))


def new_evaluation(clients, root):
    admin = clients["ada"]
    evaluation = expect(admin.post("/api/evaluations", {"tender": sample(root, "tender.xml")}), 201).json()["id"]
    base = "/api/evaluations/" + evaluation
    for bid in BIDS:
        expect(admin.put(base + "/bids/%s.xml" % bid, {"xml": sample(root, "bids", bid + ".xml")}), 201)
    expect(admin.put(base + "/panel", {"evaluators": [{"user": "erin", "moderator": True}, {"user": "faisal"}]}), 200)
    expect(admin.post(base + "/open-scoring"), 200)
    for name in EVALUATORS:
        expect(clients[name].put(base + "/declaration", {"conflicts": []}), 200)
        for bid in BIDS:
            for question in QUESTIONS:
                reply = clients[name].put("%s/marks/%s/%s" % (base, bid, question),
                                          {"score": 3, "rationale": "First mark."})
                check(reply.status in (200, 201), "a mark: %r" % reply)
        expect(clients[name].post(base + "/submit"), 200)
    return evaluation, base


def head(admin, base):
    return len(expect(admin.get(base + "/events"), 200).json())


def verify(tool, store, evaluation, what):
    done = subprocess.run([tool, "audit", "verify", "--store", store, "--evaluation", evaluation],
                          capture_output=True, text=True)
    check(done.returncode == 0, "%s: audit verify: %s%s" % (what, done.stdout, done.stderr))


def rounds(*steps):
    """Runs each step even when one before it failed, then fails with every failure."""
    failures = []
    for step in steps:
        try:
            step()
        except Failure as failure:
            failures.append(str(failure))
    check(not failures, "\n  ".join(failures))


def held_scoring_race(clients, store, stores, root, held):
    """Open-moderation first in the queue, then writes of the scoring phase."""
    ada, erin, faisal = clients["ada"], clients["erin"], clients["faisal"]
    evaluation, base = held["evaluation"], held["base"] = new_evaluation(clients, root)
    for name, bid in (("faisal", "BID-001"), ("erin", "BID-002")):
        expect(ada.post(base + "/reopen", {"evaluator": name, "bid": bid, "question": "Q1", "reason": "Typo."}), 200)
    before = head(ada, base)
    calls = [Call(ada, "POST", base + "/open-moderation", {}, {"type": "open-moderation"}),
             mark(faisal, base, "BID-001", "Q1", "Changed as moderation opened."),
             mark(erin, base, "BID-002", "Q1", "Also changed as moderation opened."),
             Call(ada, "POST", base + "/reopen", {"evaluator": "faisal", "bid": "BID-002", "question": "Q2",
                                                  "reason": "Late reopen."},
                  {"type": "reopen", "data": {"evaluator": "faisal", "bid": "BID-002", "question": "Q2"}}),
             Call(ada, "POST", base + "/rejections", {"file": "LATE.xml", "reason": "Late.", "content": "AA=="},
                  {"type": "rejection", "data": {"file": "LATE.xml"}})]
    held_race(Holder(stores, store, evaluation), calls)
    judge(ada, base, calls, before, "open-moderation against scoring")
    check(calls[0].reply.status == 200, "open-moderation, first in the queue, succeeded: %r" % calls[0])


def held_moderation_race(clients, store, stores, evaluation, base):
    """The approval that signs off first in the queue, then a consensus, an approval and a run."""
    ada, bob, erin = clients["ada"], clients["bob"], clients["erin"]
    for bid in BIDS:
        for question in QUESTIONS:
            reply = erin.put("%s/consensus/%s/%s" % (base, bid, question), {"score": 3, "rationale": "Agreed."})
            check(reply.status in (200, 201), "a consensus: %r" % reply)
    expect(ada.post(base + "/runs"), 201)
    before = head(ada, base)
    calls = [Call(ada, "POST", base + "/approvals", {"run": 1, "statement": "Approved."}, {"type": "approval"}),
             Call(erin, "PUT", base + "/consensus/BID-001/Q1", {"score": 4, "rationale": "Changed after sign-off?"},
                  {"type": "consensus", "data": {"rationale": "Changed after sign-off?"}}),
             Call(bob, "POST", base + "/approvals", {"run": 1, "statement": "Also approved."}, {"type": "approval"}),
             Call(ada, "POST", base + "/runs", {}, {"type": "run"})]
    held_race(Holder(stores, store, evaluation), calls)
    judge(ada, base, calls, before, "the signing approval against moderation")
    check(calls[0].reply.status == 201, "the approval, first in the queue, succeeded: %r" % calls[0])


def free_race(clients, writer_server, root, outcome):
    """No lock held: open-moderation through one process, every reopened mark through the other."""
    ada = clients["ada"]
    evaluation, base = new_evaluation(clients, root)
    writers = {}
    for name in EVALUATORS:
        writers[name] = writer_server.client()
        expect(writers[name].login(name), 200)
        for bid in BIDS:
            for question in QUESTIONS:
                expect(ada.post(base + "/reopen", {"evaluator": name, "bid": bid, "question": question,
                                                   "reason": "Check."}), 200)
    before = head(ada, base)
    calls = [mark(writers[name], base, bid, question, "Rewritten by %s." % name, 5)
             for name in EVALUATORS for bid in BIDS for question in QUESTIONS]
    calls.insert(len(calls) // 2, Call(ada, "POST", base + "/open-moderation", {}, {"type": "open-moderation"}))
    for call in calls:
        call.thread.start()
    for call in calls:
        call.thread.join(120)
        check(call.reply is not None, "no answer to %s %s" % (call.method, call.path))
    outcome["events"] = len(judge(ada, base, calls, before, "open-moderation against marks through two processes"))
    outcome["accepted"] = sum(1 for call in calls if call.reply.status in (200, 201)) - 1
    outcome["marks"] = len(calls) - 1
    outcome["evaluation"] = evaluation


def race(tool, root, stores, scratch):
    store = stores.new()
    for name, role in (("ada", "admin"), ("bob", "admin"), ("erin", "evaluator"), ("faisal", "evaluator")):
        add_user(tool, store, name, role)
    servers = [Server(tool, store), Server(tool, store)]
    clients = {}
    for name in ("ada", "bob", "erin", "faisal"):
        clients[name] = servers[0].client()
        expect(clients[name].login(name), 200, what="login " + name)
    held = {}
    outcome = {}

    def scoring():
        held_scoring_race(clients, store, stores, root, held)

    def moderation():
        check("base" in held, "no evaluation came through the scoring race")
        held_moderation_race(clients, store, stores, held["evaluation"], held["base"])
        verify(tool, store, held["evaluation"], "after the held races")

    def free():
        free_race(clients, servers[1], root, outcome)
        verify(tool, store, outcome["evaluation"], "after the free race")

    rounds(scoring, moderation, free)
    for server in servers:
        check(server.stop() == 0, "SIGTERM ends each server with status 0")
    print("phase races on", stores.kind, "kept the life cycle; in the free race", outcome["accepted"], "of",
          outcome["marks"], "marks came before open-moderation; log of", outcome["events"], "entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(race, sys.argv))
