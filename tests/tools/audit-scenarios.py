"""Audit logs built the way an officer builds them, for the audit goldens (tests/audit/).

A scenario evaluates a sample into an audit log, changes something the way people do
(a moderation meeting re-scores an answer, a bid's price is edited after the deadline, the method
is changed), evaluates again, and sometimes tampers with the log afterwards. Every run has a fixed
run time, so the log is the same on every machine.
"""
import hashlib
import os
import pathlib
import re
import shutil
import sqlite3
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from audit_entry import entry_hash  # noqa: E402

FIRST_RUN = "1697068800"   # 2023-10-12T00:00:00Z
SECOND_RUN = "1697673600"  # 2023-10-19T00:00:00Z


def environment(epoch=FIRST_RUN, **extra):
    env = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR",)}
    env.update({"SOURCE_DATE_EPOCH": epoch, "TZ": "UTC", "LC_ALL": "C"})
    env.update(extra)
    return env


def edit(path, old, new):
    """Replaces `old` by `new` in a file, failing when `old` is not there (the sample moved on)."""
    text = path.read_text()
    if old not in text:
        raise SystemExit(f"scenario: {path.name} no longer holds {old!r}")
    path.write_text(text.replace(old, new))


def evaluate(tool, work, actor, reason, epoch, tender="pack/tender.xml"):
    result = subprocess.run([tool, "evaluate", "--tender", tender, "--bids", "pack/bids", "--scores", "pack/scores.xml",
                             "--out", "out", "--audit", "log.db", "--actor", actor, "--reason", reason],
                            cwd=work, env=environment(epoch), capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise SystemExit(f"scenario: evaluate failed ({result.returncode}): {result.stderr}")


def rescore(work):
    scores = work / "pack/scores.xml"
    edit(scores, '<mark bid="BID-007" question="Q1" evaluator="E2" score="0">No relevant answer.</mark>',
         '<mark bid="BID-007" question="Q1" evaluator="E2" score="3">Missing-from-care protocol found in appendix C; '
         'mark revised.</mark>')
    edit(scores, '<consensus bid="BID-007" question="Q1" score="1" moderator="E1">Agreed at moderation on 12 October '
         '2023: very limited answer; key protocol missing.</consensus>',
         '<consensus bid="BID-007" question="Q1" score="3" moderator="E1">Re-scored at moderation on 19 October 2023: '
         'the protocol in appendix C meets the specification.</consensus>')


def rescore_with_control_characters(work):
    """A rationale holding a C1 CSI (which a terminal obeys like ESC [) and a line break: the diff
    must show them as \\xNN, never pass them to the terminal."""
    edit(work / "pack/scores.xml",
         '<mark bid="BID-007" question="Q1" evaluator="E2" score="0">No relevant answer.</mark>',
         '<mark bid="BID-007" question="Q1" evaluator="E2" score="1">Revised.&#x9B;2J&#10;See appendix C.</mark>')


def lower_price(work):
    """BID-002's weekly price edited after the deadline, as in docs/audit.md's worked example."""
    edit(work / "pack/bids/BID-002.xml", 'weeklyPrice="5625.00"', 'weeklyPrice="5290.00"')


def change_bids(work):
    """Every kind of change a bid can suffer: its values, a bid added, a bid gone; and two that
    change no value: a file laid out again, a file renamed."""
    bids = work / "pack/bids"
    edit(bids / "BID-005.xml", 'ofstedRating="RequiresImprovement" places="4"',
         'ofstedRating="RequiresImprovement" places="3"')
    edit(bids / "BID-005.xml", '<response question="Q2">', '<response question="Q2">Revised: ')
    edit(bids / "BID-003.xml", 'requirement="INSURANCE" met="true"', 'requirement="INSURANCE" met="false"')
    edit(bids / "BID-009.xml", "\n  <", "\n    <")
    (bids / "BID-006.xml").unlink()
    scores = work / "pack/scores.xml"
    scores.write_text("".join(line for line in scores.read_text().splitlines(keepends=True)
                              if 'bid="BID-006"' not in line))
    late = (bids / "BID-004.xml").read_text().replace('id="BID-004"', 'id="BID-010"')
    (bids / "BID-010.xml").write_text(late)
    (bids / "BID-001.xml").rename(bids / "BID-001-resubmitted.xml")  # renamed, not changed: no warning


def change_method(work):
    """The tender as re-issued with another consensus rule, price method, threshold and price cap,
    under a new name."""
    tender = work / "pack/tender.xml"
    changed = work / "pack/tender-mean.xml"
    shutil.copy(tender, changed)
    edit(changed, 'priceMethod="lowest-over-bid"', 'priceMethod="linear-from-lowest"')
    edit(changed, 'minScoreEach="2"', 'minScoreEach="1"')
    edit(changed, 'consensus="moderated"', 'consensus="mean"')
    edit(changed, 'maxWeeklyPrice="5963.00"', 'maxWeeklyPrice="5800.00"')


def change_framework(work):
    """Method version 2: a band's volume and the providers' minimum in the tender, a band price in a
    bid, and at the panel an evaluator's assignment and a recusal (whose marks are withdrawn)."""
    edit(work / "pack/tender.xml", 'volume="14000"', 'volume="16000"')
    edit(work / "pack/tender.xml", 'minProviders="3"', 'minProviders="4"')
    edit(work / "pack/bids/BID-H01.xml", '<price band="EAST-STD" amount="21.40"/>',
         '<price band="EAST-STD" amount="20.90"/>')
    scores = work / "pack/scores.xml"
    edit(scores, '<evaluator id="E3" name="Adults\' Care and Support in the Home contract manager"/>',
         '<evaluator id="E3" name="Adults\' Care and Support in the Home contract manager" questions="H1 H2 H3"/>\n'
         '  <recusal evaluator="E3" bid="BID-H04">Managed the bidder\'s Kent contract until 2020.</recusal>')
    lines = scores.read_text().splitlines(keepends=True)
    withdrawn = ('<mark bid="BID-H04"', 'evaluator="E3"')
    scores.write_text("".join(line for line in lines if not all(part in line for part in withdrawn)))


def rewrite_first_reason(work):
    """Run 1's reason reworded and every entry hash recomputed: the log still verifies on its own."""
    db = sqlite3.connect(work / "log.db")
    db.execute("UPDATE runs SET reason = 'first evaluation (agreed)' WHERE number = 1")
    previous = hashlib.sha256(b"").hexdigest()
    for (number,) in db.execute("SELECT number FROM runs ORDER BY number").fetchall():
        db.execute("UPDATE runs SET previous_hash = ? WHERE number = ?", (previous, number))
        previous = entry_hash(db, number, previous)
        db.execute("UPDATE runs SET entry_hash = ? WHERE number = ?", (previous, number))
    db.commit()
    db.close()


def remove_last_run(work):
    db = sqlite3.connect(work / "log.db")
    last = db.execute("SELECT MAX(number) FROM runs").fetchone()[0]
    db.execute("DELETE FROM run_inputs WHERE run = ?", (last,))
    db.execute("DELETE FROM runs WHERE number = ?", (last,))
    db.commit()
    db.close()


def two_runs(change, tender_after="pack/tender.xml", reason="moderation 19 Oct: BID-007 safeguarding re-scored"):
    def build(tool, work):
        evaluate(tool, work, "Commissioning manager", "first evaluation", FIRST_RUN)
        change(work)
        evaluate(tool, work, "Head of procurement", reason, SECOND_RUN, tender=tender_after)
    return build


ESSEX = "samples/essex-2023-block"
KENT_FRAMEWORK = "samples/kent-2021-csih"

# name: (the sample copied to pack/, the runs, what is done to the log afterwards)
SCENARIOS = {
    "moderation": (ESSEX, two_runs(rescore), None),
    "control-characters": (ESSEX, two_runs(rescore_with_control_characters, reason="re-scored\u009b2J"), None),
    "bid-changed": (ESSEX, two_runs(lower_price, reason="re-run after the price query"), None),
    "bids-changed": (ESSEX, two_runs(change_bids, reason="re-run with the bids folder as found"), None),
    "method-changed": (ESSEX, two_runs(change_method, tender_after="pack/tender-mean.xml",
                                       reason="re-issued tender: mean of the marks"), None),
    "framework-changed": (KENT_FRAMEWORK, two_runs(change_framework, reason="re-run with revised volumes"), None),
    "rewritten": (ESSEX, two_runs(rescore), rewrite_first_reason),
    "last-run-removed": (ESSEX, two_runs(rescore), remove_last_run),
}


# ---- the panel server's log ------------------------------------------------------------------
#
# A store filled by driving the real server through its API (tests/server/harness.py), as a panel
# fills it: the tender and three of the Essex bids, one replaced and a fourth file rejected at
# opening, a panel set twice, declarations (one conflict), marks, a reopened mark, the moderation
# with a consensus replaced between two runs, and the approval. Every type of entry is there.
#
# The server writes the time of each call into its entry, and the evaluation's id is random, so
# the store is not normalised (its hashes are the server's own and still verify): the goldens mask
# them instead. Every time is shown as <time>, the id as ev-<evaluation>, and the hashes are
# renamed in order of appearance (see `masked`).

SERVER_USERS = [("ada", "admin", "Ada Lovelace"), ("erin", "evaluator", "Erin Okafor"),
                ("faisal", "evaluator", "Faisal Khan")]
SERVER_BIDS = ["BID-001.xml", "BID-002.xml", "BID-003.xml"]


def server_panel(tool, root, work, store=None):
    """The store panel.db in `work`, or the PostgreSQL store at the URL `store`."""
    tests = str(root / "tests/server")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import harness  # noqa: E402 (tests/server/harness.py, with the scenario's root)

    store = store or str(work / "panel.db")
    for name, role, display in SERVER_USERS:
        harness.add_user(tool, store, name, role, display)
    server = harness.Server(tool, store)
    try:
        clients = {}
        for name, _, _ in SERVER_USERS:
            clients[name] = server.client()
            harness.expect(clients[name].login(name), 200, what="login " + name)
        ada, erin, faisal = clients["ada"], clients["erin"], clients["faisal"]
        sample = lambda *parts: (root / ESSEX).joinpath(*parts).read_text()  # noqa: E731
        created = harness.expect(ada.post("/api/evaluations", {"tender": sample("tender.xml")}), 201, what="tender")
        evaluation = created.json()["id"]
        base = "/api/evaluations/" + evaluation
        for name in SERVER_BIDS:
            harness.expect(ada.put(base + "/bids/" + name, {"xml": sample("bids", name)}), 201, what=name)
        corrected = sample("bids", "BID-002.xml").replace('weeklyPrice="5625.00"', 'weeklyPrice="5600.00"')
        harness.expect(ada.put(base + "/bids/BID-002.xml", {"xml": corrected}), 200, what="BID-002 replaced")
        harness.expect(ada.post(base + "/rejections", {
            "file": "BID-010.xml", "reason": "Received after the deadline (17:04 on 30 June).",
            "content": "bm90IG9wZW5lZA=="}), 201, what="rejection")
        harness.expect(ada.put(base + "/panel", {"evaluators": [
            {"user": "erin", "questions": None, "moderator": False},
            {"user": "faisal", "questions": None, "moderator": False}]}), 200, what="panel")
        harness.expect(ada.put(base + "/panel", {"evaluators": [
            {"user": "erin", "questions": None, "moderator": True},
            {"user": "faisal", "questions": ["Q1", "Q2"], "moderator": False}]}), 200, what="panel again")
        harness.expect(ada.post(base + "/open-scoring"), 200, what="open-scoring")
        marks, consensus = harness.sample_scores(str(root))
        harness.expect(erin.put(base + "/declaration", {"conflicts": []}), 200, what="erin's declaration")
        harness.expect(faisal.put(base + "/declaration", {"conflicts": [
            {"bid": "BID-003", "reason": "My sister manages one of its homes."}]}), 200, what="faisal's declaration")
        for client, evaluator in [(erin, "E1"), (faisal, "E2")]:
            for item in harness.expect(client.get(base + "/worklist"), 200, what="worklist").json():
                score, text = marks[(item["bid"], item["question"], evaluator)]
                harness.expect(client.put("%s/marks/%s/%s" % (base, item["bid"], item["question"]),
                                          {"score": score, "rationale": text}), 201, what="mark")
            harness.expect(client.post(base + "/submit"), 200, what="submit")
        harness.expect(ada.post(base + "/reopen", {"evaluator": "faisal", "bid": "BID-002", "question": "Q1",
                                                   "reason": "Marked against the answer to Q2."}), 200, what="reopen")
        harness.expect(faisal.put(base + "/marks/BID-002/Q1", {
            "score": 3, "rationale": "Re-read the answer to Q1: a clear missing-from-care protocol."}), 200,
            what="the reopened mark")
        harness.expect(erin.post(base + "/open-moderation"), 200, what="open-moderation")
        for bid in ["BID-001", "BID-002", "BID-003"]:
            for question in ["Q1", "Q2", "Q3", "Q4"]:
                score, text = consensus[(bid, question)]
                harness.expect(erin.put("%s/consensus/%s/%s" % (base, bid, question),
                                        {"score": score, "rationale": text}), 201, what="consensus")
        harness.expect(ada.post(base + "/runs"), 201, what="run 1")
        harness.expect(erin.put(base + "/consensus/BID-002/Q3", {
            "score": 2, "rationale": "Panel revisited on 20 October: staffing plan lacks night cover."}), 200,
            what="the consensus replaced")
        harness.expect(ada.post(base + "/runs"), 201, what="run 2")
        harness.expect(ada.post(base + "/approvals", {"run": 2, "statement": "Approved for award by the panel."}),
                       201, what="approval")
    finally:
        server.stop()
    return {"evaluation": evaluation, "mask": "server"}


def server_panel_tampered(tool, root, work):
    """The same store with one entry's actor changed afterwards, outside the server."""
    values = server_panel(tool, root, work)
    db = sqlite3.connect(work / "panel.db")
    db.execute("UPDATE events SET actor = 'faisal' WHERE evaluation = ? AND seq = 30", (values["evaluation"],))
    db.commit()
    db.close()
    return values


SERVER_SCENARIOS = {"server-panel": server_panel, "server-panel-tampered": server_panel_tampered}

TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
# A hash as the server log's report shows it: 8 digits shortened, 64 in full. The entries' hashes,
# and those of the runs' outputs, which hold the run's time, change from session to session, so
# one may be all decimal digits, which HASH (below) does not take for a hash.
SERVER_HASH = re.compile(r"\b(?:[0-9a-f]{64}|[0-9a-f]{8})\b")


def masked(text, values):
    """For a store the server filled: its times and the evaluation's id replaced by placeholders,
    and its hashes renamed #1, #2 ... as `canonical` renames them."""
    if values.get("mask") != "server":
        return text
    text = TIME.sub("<time>", text.replace(values["evaluation"], "ev-<evaluation>"))
    names = {}
    return SERVER_HASH.sub(lambda m: names.setdefault(m.group(0), f"<hash#{len(names) + 1}:{len(m.group(0))}>"),
                           text)


def heads(work):
    """The log's head after 0, 1, 2 ... entries."""
    db = sqlite3.connect(work / "log.db")
    found = [hashlib.sha256(b"").hexdigest()] + [row[0] for row in db.execute(
        "SELECT entry_hash FROM runs ORDER BY number")]
    db.close()
    return found


def mistyped(head):
    """The head with its tenth digit typed wrongly."""
    digit = "0" if head[9] != "0" else "1"
    return head[:9] + digit + head[10:]


def build(name, tool, root, work):
    """Builds scenario `name` in `work`; returns the placeholders a command may use:
    {head:N} the head after N entries, {checkpoint:N} as audit checkpoint prints it, {typo:N} the
    head mistyped in one digit, {other} a head of no state of the log. Taken before any tampering."""
    if name in SERVER_SCENARIOS:
        return SERVER_SCENARIOS[name](tool, root, work)
    sample, runs, after = SCENARIOS[name]
    shutil.copytree(root / sample, work / "pack")
    runs(tool, work)
    values = {"other": hashlib.sha256(b"another log").hexdigest()}
    for size, head in enumerate(heads(work)):
        values[f"head:{size}"] = head
        values[f"checkpoint:{size}"] = f"{size}:{head}"
        values[f"typo:{size}"] = mistyped(head)
    if after:
        after(work)
    return values


def substitute(text, values):
    return re.sub(r"\{([a-z]+(?::\d+)?)\}", lambda m: values[m.group(1)], text)


# A hash or the start of one as the commands show it (8, 12, 16 or 64 digits); a number of digits
# alone (a company number, a sum in pence) is never taken for one.
HASH = re.compile(r"\b(?=[0-9a-f]*[a-f])[0-9a-f]{8,64}\b")


def canonical(text):
    """Hashes renamed #1, #2 ... in order of first appearance. An entry's hash covers the tool's
    version, so goldens compare hashes up to a consistent renaming: the same hash wherever the golden
    has the same hash, a different one wherever it has a different one."""
    names = {}
    return HASH.sub(lambda m: names.setdefault(m.group(0), f"<hash#{len(names) + 1}:{len(m.group(0))}>"), text)
