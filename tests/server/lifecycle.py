"""The whole life of an evaluation through the API, against one store kind: a three-evaluator
panel with a moderator, a reopened mark, a moderation with a replaced consensus, a run, an
approval; the run's results.json equals `tenderscore evaluate` on the run's scores.xml byte for
byte; the log verifies offline, replays, and a value changed outside the server is reported.

The evaluators declare the sample's recusal (E3 from BID-005). With --v2 the panel also has a
second recusal, a member marking only some questions, and a file rejected at opening
(tender-evaluation-v2.md): the run's results.json still equals `tenderscore evaluate` on the same
pack, the rejected file in its bids folder.

usage: lifecycle.py TOOL ROOT sqlite|postgresql [--v2]"""

import base64
import os
import re
import sqlite3
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from harness import (Server, add_user, check, expect, main, sample, sample_bids, sample_recusals, sample_scores)

V2 = "--v2" in sys.argv
EVALUATORS = {"E1": "erin", "E2": "faisal", "E3": "grace"}
V2_RECUSAL = ("grace", "BID-006")  # beside the sample's own recusal
E3_QUESTIONS = ["Q1", "Q2"]
CORRUPT = b"\x00\x01 not a bid"  # the bytes of the file rejected at opening


def tamper(stores, store, sql):
    if stores.kind == "sqlite":
        with sqlite3.connect(store) as db:
            db.execute(sql)
    else:
        stores.cluster.psql(store.split("///")[1].split("?")[0], sql)


def run_tool(tool, *args):
    return subprocess.run([tool] + list(args), capture_output=True, text=True)


def setup(tool, root, stores):
    store = stores.new()
    add_user(tool, store, "ada", "admin", "Ada Admin")
    add_user(tool, store, "olu", "auditor", "Olu Auditor")
    for name in EVALUATORS.values():
        add_user(tool, store, name, "evaluator")
    return store


def score_everything(clients, root, evaluation):
    marks, _ = sample_scores(root)
    base = "/api/evaluations/" + evaluation
    for evaluator, name in EVALUATORS.items():
        client = clients[name]
        expect(client.get(base + "/worklist"), 409, "conflict-not-declared", "worklist before the declaration")
        conflicts = [{"bid": bid, "reason": reason}
                     for (recused, bid), reason in sorted(sample_recusals(root).items()) if recused == evaluator]
        if V2 and name == V2_RECUSAL[0]:
            conflicts.append({"bid": V2_RECUSAL[1], "reason": "Worked for the bidder until March 2023."})
        expect(client.put(base + "/declaration", {"conflicts": conflicts}), 200, what="declaration")
        worklist = expect(client.get(base + "/worklist"), 200, what="worklist").json()
        for item in worklist:
            score, text = marks[(item["bid"], item["question"], evaluator)]
            expect(client.put("%s/marks/%s/%s" % (base, item["bid"], item["question"]),
                              {"score": score, "rationale": text}), 201, what="a first mark")
        expected = (9 - len(conflicts)) * (len(E3_QUESTIONS) if V2 and name == "grace" else 4)
        check(len(worklist) == expected, "%s's worklist has %d items, not %d" % (name, len(worklist), expected))
        expect(client.post(base + "/submit"), 200, what="submit")


def lifecycle(tool, root, stores, scratch):
    store = setup(tool, root, stores)
    server = Server(tool, store)
    clients = {}
    for name in ["ada", "olu"] + list(EVALUATORS.values()):
        clients[name] = server.client()
        expect(clients[name].login(name), 200, what="login " + name)
    admin = clients["ada"]
    created = expect(admin.post("/api/evaluations", {"tender": sample(root, "tender.xml")}), 201, what="tender")
    evaluation = created.json()["id"]
    base = "/api/evaluations/" + evaluation
    for name in sample_bids(root):
        expect(admin.put(base + "/bids/" + name, {"xml": sample(root, "bids", name)}), 201, what="bid " + name)
    expect(admin.put(base + "/bids/BID-001.xml", {"xml": sample(root, "bids", "BID-001.xml")}), 200,
           what="a bid replaced")
    if V2:
        corrupt = base64.b64encode(CORRUPT).decode()
        expect(admin.post(base + "/rejections", {"file": "BID-010.xml", "reason": "Corrupt upload; bidder told.",
                                                 "content": corrupt}), 201, what="rejection")
    panel = [{"user": "erin", "questions": None, "moderator": True},
             {"user": "faisal", "questions": None, "moderator": False},
             {"user": "grace", "questions": E3_QUESTIONS if V2 else None, "moderator": False}]
    expect(admin.put(base + "/panel", {"evaluators": panel}), 200, what="panel")
    expect(admin.post(base + "/open-scoring"), 200, what="open-scoring")
    score_everything(clients, root, evaluation)

    progress = expect(clients["olu"].get(base), 200).json()["panel"]
    check(all(member["submitted"] and member["marksGiven"] == member["marksDue"] > 0 for member in progress),
          "every member's progress is complete: %r" % progress)

    # A submitted mark reopened once, changed once, and then locked again.
    faisal = clients["faisal"]
    expect(faisal.put(base + "/marks/BID-002/Q1", {"score": 1, "rationale": "x"}), 409, "already-submitted")
    expect(admin.post(base + "/reopen", {"evaluator": "faisal", "bid": "BID-002", "question": "Q1",
                                         "reason": "Marked against the wrong answer."}), 200, what="reopen")
    expect(faisal.put(base + "/marks/BID-002/Q1", {"score": 3, "rationale": "Re-read: adequate."}), 200,
           what="the reopened mark")
    expect(faisal.put(base + "/marks/BID-002/Q1", {"score": 4, "rationale": "Again"}), 409, "already-submitted")

    expect(clients["erin"].post(base + "/open-moderation"), 200, what="open-moderation by the moderator")
    moderator = clients["erin"]
    view = expect(moderator.get(base + "/moderation"), 200, what="moderation").json()
    # The spread of each cell's marks, flagged against the tender's moderationSpread (1 in the sample).
    limit = re.search(r'moderationSpread="(\d+)"', sample(root, "tender.xml"))
    check(view["spreadLimit"] == (int(limit.group(1)) if limit else None), "the moderation view's spread limit")
    for item in view["items"]:
        given = [mark["score"] for mark in item["marks"]]
        spread = max(given) - min(given) if given else 0
        check(item["spread"] == spread and item["exceedsSpread"] == (limit is not None and spread > int(limit.group(1))),
              "the spread of %s %s" % (item["bid"], item["question"]))
    check(any(item["exceedsSpread"] for item in view["items"]), "some cells are over the sample's spread limit")
    _, consensus = sample_scores(root)
    for item in view["items"]:
        score, text = consensus[(item["bid"], item["question"])]
        expect(moderator.put("%s/consensus/%s/%s" % (base, item["bid"], item["question"]),
                             {"score": score, "rationale": text}), 201, what="a first consensus")
    before_replacement = len(expect(admin.get(base + "/events"), 200).json())
    old_score, _ = consensus[("BID-003", "Q2")]
    new_score = 5 if old_score != 5 else 4
    expect(moderator.put(base + "/consensus/BID-003/Q2", {"score": new_score, "rationale": "Panel revisited."}),
           200, what="a consensus replaced")

    run = expect(admin.post(base + "/runs"), 201, what="run").json()["run"]
    results = expect(admin.get("%s/runs/%d/results.json" % (base, run)), 200).body
    scores = expect(admin.get("%s/runs/%d/scores.xml" % (base, run)), 200).body
    workbook = expect(clients["olu"].get("%s/runs/%d/evaluation.xlsx" % (base, run)), 200).body
    check(workbook[:2] == b"PK", "the workbook is an XLSX file")

    # evaluate on the run's tender, bids and scores.xml gives the same results.json, byte for byte.
    pack = os.path.join(scratch, "pack")
    os.makedirs(os.path.join(pack, "bids"))
    with open(os.path.join(pack, "tender.xml"), "w", encoding="utf-8") as out:
        out.write(sample(root, "tender.xml"))
    for name in sample_bids(root):
        with open(os.path.join(pack, "bids", name), "w", encoding="utf-8") as out:
            out.write(sample(root, "bids", name))
    if V2:
        with open(os.path.join(pack, "bids", "BID-010.xml"), "wb") as out:
            out.write(CORRUPT)
    with open(os.path.join(pack, "scores.xml"), "wb") as out:
        out.write(scores)
    done = run_tool(tool, "evaluate", "--tender", os.path.join(pack, "tender.xml"), "--bids",
                    os.path.join(pack, "bids"), "--scores", os.path.join(pack, "scores.xml"), "--out",
                    os.path.join(scratch, "cli-out"))
    check(done.returncode == 0, "evaluate on the run's pack: " + done.stderr)
    with open(os.path.join(scratch, "cli-out", "results.json"), "rb") as produced:
        check(produced.read() == results, "the run's results.json differs from evaluate's")

    expect(admin.post(base + "/approvals", {"run": run, "statement": "Approved for award."}), 201, what="approval")
    state = expect(clients["olu"].get(base), 200).json()
    check(state["phase"] == "signed-off", "signed off after the approval: " + state["phase"])
    expect(moderator.put(base + "/consensus/BID-003/Q2", {"score": 1, "rationale": "late"}), 409, "wrong-phase")

    # The log: contiguous, every call a type, the replaced consensus kept with its old value.
    events = expect(clients["olu"].get(base + "/events"), 200).json()
    check([e["seq"] for e in events] == list(range(1, len(events) + 1)), "the log is numbered 1, 2, 3 ...")
    replaced = [e for e in events if e["type"] == "consensus" and e["data"]["bid"] == "BID-003"
                and e["data"]["question"] == "Q2"]
    check(len(replaced) == 2 and replaced[1]["data"]["previous"]["score"] == old_score,
          "the replaced consensus is kept in the log with its old value")
    types = {e["type"] for e in events}
    for wanted in ["tender", "bid", "panel", "open-scoring", "declaration", "mark", "submit", "reopen",
                   "open-moderation", "consensus", "run", "approval"] + (["rejection"] if V2 else []):
        check(wanted in types, "the log has a %s entry" % wanted)
    as_was = expect(admin.get(base + "/scores.xml?at=%d" % before_replacement), 200).body.decode()
    check('<consensus bid="BID-003" question="Q2" score="%d"' % old_score in as_was,
          "scores.xml?at= shows the consensus before it was replaced")
    expect(admin.get(base + "/scores.xml?at=0"), 400, "invalid")
    check(server.stop() == 0, "SIGTERM ends the server with status 0")

    # Offline: verify, replay, and tampering found.
    done = run_tool(tool, "audit", "verify", "--store", store, "--evaluation", evaluation)
    check(done.returncode == 0, "audit verify --store: " + done.stdout + done.stderr)
    out = os.path.join(scratch, "replayed")
    done = run_tool(tool, "replay", "--store", store, "--evaluation", evaluation, "--out", out)
    check(done.returncode == 0, "replay --store: " + done.stderr)
    with open(os.path.join(out, "results.json"), "rb") as replayed:
        check(replayed.read() == results, "the replay at the head gives the run's results.json")
    done = run_tool(tool, "replay", "--store", store, "--evaluation", evaluation, "--at", "3", "--out", out + "3")
    check(done.returncode == 65, "a replay before any mark is a pack without scores (65): " + done.stderr)
    tamper(stores, store, "UPDATE marks SET score = 0 WHERE name = 'grace' AND bid = 'BID-004' AND question = 'Q1'")
    done = run_tool(tool, "audit", "verify", "--store", store, "--evaluation", evaluation)
    check(done.returncode == 65 and "marks" in done.stderr, "a changed mark is reported: " + done.stderr)
    tamper(stores, store, "UPDATE marks SET score = 5 WHERE name = 'grace' AND bid = 'BID-004' AND question = 'Q1'")
    tamper(stores, store, "UPDATE events SET actor = 'mallory' WHERE seq = 5")
    done = run_tool(tool, "audit", "verify", "--store", store, "--evaluation", evaluation)
    check(done.returncode == 65 and "entry 5" in done.stderr, "a changed entry is reported: " + done.stderr)
    print("lifecycle passed on", stores.kind, "with", len(events), "log entries")
    return 0


if __name__ == "__main__":
    sys.exit(main(lifecycle, [a for a in sys.argv if a != "--v2"]))
