#!/usr/bin/env python3
"""The audit log end to end: record, verify, replay, log, diff, tamper, and a run killed mid-way.

check-audit.py TOOL ROOT

Builds a log of two runs of the Essex sample (the second after moderation re-scores BID-007's
safeguarding answer), then checks:
- `audit verify` passes; `replay` of each run is byte-identical (exit 0) and of a run whose stored
  inputs no longer give the recorded results is reported (exit 1);
- `audit log` and `audit diff 1 2` print tests/audit/log and tests/audit/diff-moderation's goldens;
- a change to any value of any column of every table (text hidden after a NUL byte and a value
  stored as another type included), a deleted row, two swapped rows and a truncated file are each
  detected by `audit verify` (exit 65);
- removing the last entry is caught against a checkpoint held elsewhere;
- runs killed with SIGKILL at random moments leave the log verifiable and no partial outputs.
"""
import importlib.util
import os
import pathlib
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from audit_entry import entry_hash  # noqa: E402

FAILURES = []
_spec = importlib.util.spec_from_file_location("audit_scenarios", pathlib.Path(__file__).resolve().parent / "audit-scenarios.py")
scenarios = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(scenarios)


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message)
    if not condition:
        FAILURES.append(message)


def run(tool, *args, cwd, epoch="1697068800"):
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "TZ": "UTC", "LC_ALL": "C"}
    return subprocess.run([tool, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def evaluate(tool, work, out, actor, reason, epoch):
    return run(tool, "evaluate", "--tender", "pack/tender.xml", "--bids", "pack/bids", "--scores", "pack/scores.xml",
               "--out", out, "--audit", "log.db", "--actor", actor, "--reason", reason, cwd=work, epoch=epoch)


def verify(tool, work, log="log.db", *extra):
    return run(tool, "audit", "verify", "--audit", log, *extra, cwd=work)


def tamper(work, name, statements):
    copy = work / f"tampered-{name}.db"
    shutil.copy(work / "log.db", copy)
    db = sqlite3.connect(copy)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()
    return copy.name


def main():
    tool, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    expected = root / "tests/audit"
    work = pathlib.Path(tempfile.mkdtemp())
    try:
        shutil.copytree(root / "samples/essex-2023-block", work / "pack")
        first = evaluate(tool, work, "run1", "Commissioning manager", "first evaluation", "1697068800")
        check(first.returncode == 0 and "Recorded as run 1" in first.stdout, "run 1 recorded")
        scores = work / "pack/scores.xml"
        scores.write_text(scores.read_text().replace(
            '<mark bid="BID-007" question="Q1" evaluator="E2" score="0">No relevant answer.</mark>',
            '<mark bid="BID-007" question="Q1" evaluator="E2" score="3">Missing-from-care protocol found in appendix C; '
            'mark revised.</mark>').replace(
            '<consensus bid="BID-007" question="Q1" score="1" moderator="E1">Agreed at moderation on 12 October 2023: '
            'very limited answer; key protocol missing.</consensus>',
            '<consensus bid="BID-007" question="Q1" score="3" moderator="E1">Re-scored at moderation on 19 October '
            '2023: the protocol in appendix C meets the specification.</consensus>'))
        second = evaluate(tool, work, "run2", "Head of procurement",
                          "moderation 19 Oct: BID-007 safeguarding re-scored", "1697673600")
        check(second.returncode == 0 and "Recorded as run 2" in second.stdout, "run 2 recorded")
        check(verify(tool, work).returncode == 0, "audit verify passes on the untouched log")

        for number in ["1", "2"]:
            replay = run(tool, "replay", "--audit", "log.db", "--run", number, "--out", f"replay{number}", cwd=work)
            same = all((work / f"replay{number}" / f).read_bytes() == (work / f"run{number}" / f).read_bytes()
                       for f in ["results.json", "evaluation.xlsx"])
            check(replay.returncode == 0 and same, f"replay of run {number} is byte-identical")

        # A consistent rewrite of a run's recorded workbook hash (chain recomputed) passes verify, but
        # replay rebuilds the outputs from the stored inputs and reports the difference.
        rewritten = tamper(work, "rewritten", [])
        db = sqlite3.connect(work / rewritten)
        number, previous = 2, db.execute("SELECT entry_hash FROM runs WHERE number = 1").fetchone()[0]
        db.execute("UPDATE runs SET workbook_hash = ? WHERE number = 2", ("0" * 64,))
        db.execute("UPDATE runs SET entry_hash = ? WHERE number = 2", (entry_hash(db, number, previous),))
        db.commit()
        db.close()
        check(verify(tool, work, rewritten).returncode == 0, "a consistent rewrite of the last run passes verify")
        replay = run(tool, "replay", "--audit", rewritten, "--out", "replay-rewritten", cwd=work)
        check(replay.returncode == 1 and "evaluation.xlsx: DIFFERENT" in replay.stdout,
              "replay reports that the rewritten run's workbook is not what its inputs give (exit 1)")

        # The same log as the audit goldens' "moderation" scenario: the plain-words log and diff are
        # theirs (tests/audit/log, tests/audit/diff-moderation), hashes up to a consistent renaming.
        for golden, args in [("log", ["audit", "log"]), ("diff-moderation", ["audit", "diff", "1", "2"])]:
            output = run(tool, *args, "--audit", "log.db", cwd=work).stdout
            want = (expected / golden / "expected/stdout.txt").read_text()
            same = scenarios.canonical(output) == scenarios.canonical(want)
            check(same, f"{' '.join(args)} prints tests/audit/{golden}/expected/stdout.txt")
            if not same:
                print(output)

        checkpoint = run(tool, "audit", "checkpoint", "--audit", "log.db", cwd=work).stdout.splitlines()[0]
        tampering = {
            "runs.run_time": ["UPDATE runs SET run_time = run_time + 1 WHERE number = 1"],
            "runs.actor": ["UPDATE runs SET actor = 'someone else' WHERE number = 2"],
            "runs.reason": ["UPDATE runs SET reason = reason || '.' WHERE number = 1"],
            "runs.tool_version": ["UPDATE runs SET tool_version = '9.9.9' WHERE number = 2"],
            "runs.tender": ["UPDATE runs SET tender = 'OTHER' WHERE number = 1"],
            "runs.results_hash": ["UPDATE runs SET results_hash = (SELECT hash FROM blobs WHERE hash != runs.results_hash "
                                 "ORDER BY hash LIMIT 1) WHERE number = 1"],
            "runs.workbook_hash": ["UPDATE runs SET workbook_hash = replace(workbook_hash, 'a', 'b') WHERE number = 2"],
            "runs.previous_hash": ["UPDATE runs SET previous_hash = entry_hash WHERE number = 1"],
            "runs.entry_hash": ["UPDATE runs SET entry_hash = previous_hash WHERE number = 1"],
            "runs.number": ["UPDATE runs SET number = 3 WHERE number = 2"],
            "run_inputs.run": ["UPDATE run_inputs SET run = 7 WHERE run = 1 AND position = 10"],
            "run_inputs.position": ["UPDATE run_inputs SET position = position + 100 WHERE run = 1 AND position = 10"],
            "run_inputs.role": ["UPDATE run_inputs SET role = 'bid' WHERE run = 2 AND position = 0"],
            "run_inputs.name": ["UPDATE run_inputs SET name = 'pack/bids/BID-099.xml' WHERE run = 1 AND position = 3"],
            "run_inputs.hash": ["UPDATE run_inputs SET hash = (SELECT hash FROM run_inputs WHERE position = 2 AND run = 1)"
                                " WHERE run = 1 AND position = 1"],
            "blobs.hash": ["UPDATE blobs SET hash = replace(hash, substr(hash, 1, 1), 'f') "
                           "WHERE hash = (SELECT hash FROM blobs ORDER BY hash LIMIT 1)"],
            "blobs.content": ["UPDATE blobs SET content = CAST(replace(CAST(content AS TEXT), 'BID-001', 'BID-00l') AS BLOB) "
                              "WHERE CAST(content AS TEXT) LIKE '%<bid %BID-001%'"],
            "delete a run": ["DELETE FROM runs WHERE number = 1"],
            "delete an input": ["DELETE FROM run_inputs WHERE run = 2 AND position = 4"],
            "delete a blob": ["DELETE FROM blobs WHERE hash = (SELECT hash FROM run_inputs WHERE run = 1 AND position = 0)"],
            "swap two runs": [
                "CREATE TEMP TABLE r AS SELECT * FROM runs",
                "UPDATE runs SET run_time = (SELECT run_time FROM r WHERE number = 3 - runs.number), "
                "actor = (SELECT actor FROM r WHERE number = 3 - runs.number), "
                "reason = (SELECT reason FROM r WHERE number = 3 - runs.number), "
                "results_hash = (SELECT results_hash FROM r WHERE number = 3 - runs.number), "
                "workbook_hash = (SELECT workbook_hash FROM r WHERE number = 3 - runs.number), "
                "previous_hash = (SELECT previous_hash FROM r WHERE number = 3 - runs.number), "
                "entry_hash = (SELECT entry_hash FROM r WHERE number = 3 - runs.number)"],
            # Text hidden after a NUL byte, a key with a NUL and a suffix, and a value stored as another
            # type: each reads back as the same text or number unless every value is read in full, as stored.
            "runs.actor after a NUL": ["UPDATE runs SET actor = actor || char(0) || 'and someone else' WHERE number = 2"],
            "runs.reason after a NUL": ["UPDATE runs SET reason = reason || char(0) || 'hidden' WHERE number = 1"],
            "runs.previous_hash after a NUL": ["UPDATE runs SET previous_hash = previous_hash || char(0) || 'x' "
                                               "WHERE number = 2"],
            "runs.entry_hash after a NUL": ["UPDATE runs SET entry_hash = entry_hash || char(0) || 'x' WHERE number = 2"],
            "run_inputs.name after a NUL": ["UPDATE run_inputs SET name = name || char(0) || '.old' "
                                            "WHERE run = 1 AND position = 3"],
            "run_inputs.hash after a NUL": ["UPDATE run_inputs SET hash = hash || char(0) || 'x' "
                                            "WHERE run = 2 AND position = 0"],
            "blobs.hash after a NUL": ["UPDATE blobs SET hash = hash || char(0) || 'x' "
                                       "WHERE hash = (SELECT hash FROM blobs ORDER BY hash LIMIT 1)"],
            "runs.run_time as a fraction": ["UPDATE runs SET run_time = run_time + 0.5 WHERE number = 1"],
            "runs.reason as a blob": ["UPDATE runs SET reason = CAST(reason AS BLOB) WHERE number = 2"],
            "blobs.content as text": ["UPDATE blobs SET content = CAST(content AS TEXT) "
                                      "WHERE hash = (SELECT hash FROM blobs ORDER BY hash LIMIT 1)"],
            "swap two inputs": ["UPDATE run_inputs SET position = 99 WHERE run = 1 AND position = 1",
                                "UPDATE run_inputs SET position = 1 WHERE run = 1 AND position = 2",
                                "UPDATE run_inputs SET position = 2 WHERE run = 1 AND position = 99"],
        }
        for name, statements in tampering.items():
            log = tamper(work, name.replace(" ", "-").replace(".", "-"), statements)
            result = verify(tool, work, log)
            check(result.returncode == 65 and ("not intact" in result.stderr or "damaged" in result.stderr),
                  f"tampering detected: {name}: {result.stderr.strip()}")

        truncated = work / "truncated.db"
        data = (work / "log.db").read_bytes()
        truncated.write_bytes(data[: len(data) // 2])
        result = verify(tool, work, "truncated.db")
        check(result.returncode == 65, f"truncation detected: {result.stderr.strip()}")

        last = tamper(work, "last-run-removed", ["DELETE FROM run_inputs WHERE run = 2", "DELETE FROM runs WHERE number = 2"])
        alone = verify(tool, work, last)
        pinned = verify(tool, work, last, "--checkpoint", checkpoint)
        check(alone.returncode == 0 and pinned.returncode == 65,
              f"removing the last run is caught only against a checkpoint: {pinned.stderr.strip()}")

        reference = (work / "run1/results.json").read_bytes()
        shutil.copy(root / "samples/essex-2023-block/scores.xml", scores)  # run 1's inputs again
        killed = 0
        whole_every_time = True
        random.seed(7)
        for attempt in range(12):
            env = {**os.environ, "SOURCE_DATE_EPOCH": "1697068800"}
            process = subprocess.Popen([tool, "evaluate", "--tender", "pack/tender.xml", "--bids", "pack/bids",
                                        "--scores", "pack/scores.xml", "--out", "killed", "--audit", "log.db",
                                        "--actor", "test", "--reason", f"killed run {attempt}"],
                                       cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(random.uniform(0.0, 0.12))
            process.send_signal(signal.SIGKILL)
            if process.wait() == -signal.SIGKILL:
                killed += 1
            intact = verify(tool, work).returncode == 0
            results = work / "killed/results.json"
            workbook = work / "killed/evaluation.xlsx"
            whole = (not results.exists() or results.read_bytes() == reference) and (
                not workbook.exists() or zipfile.ZipFile(workbook).testzip() is None)
            if not (intact and whole):
                whole_every_time = False
                check(False, f"killed run {attempt}: log intact {intact}, outputs whole {whole}")
        check(whole_every_time and killed > 0, f"{killed} of 12 runs killed with SIGKILL mid-way; the log verified and outputs were whole after each")
        final = evaluate(tool, work, "killed", "test", "after the kills", "1697068800")
        leftovers = [p.name for p in (work / "killed").iterdir() if p.name.startswith(".")]
        check(final.returncode == 0 and not leftovers, f"the next run cleans up stale temporary files: {leftovers}")
        return 1 if FAILURES else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
