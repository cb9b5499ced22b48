#!/usr/bin/env python3
"""The audit log is only read by the commands that read it, refuses what is not a log, notices an
altered schema, and takes concurrent runs in turn.

check-audit-safety.py TOOL ROOT

- verify, log, checkpoint, diff and replay change no byte of the log, and work on a read-only log
  (0444, and in a folder its reader cannot write) as an unprivileged user;
- an SQLite file that is not a tenderscore log is refused by every command, evaluate included, and
  left byte-identical;
- a trigger that swallows new entries (and a view, and an index) is reported by verify, and
  evaluate refuses to append rather than saying it recorded a run it did not;
- two runs creating a new log at the same moment both succeed, and a run waits for another program
  holding the log's write lock.
"""
import concurrent.futures
import hashlib
import os
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

FAILURES = []
PAIRS = 40
NOBODY = 65534


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message)
    if not condition:
        FAILURES.append(message)


def as_nobody():
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def run(tool, *args, cwd, user=None):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1697068800", "TZ": "UTC", "LC_ALL": "C"}
    return subprocess.run([tool, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                          preexec_fn=user)


def evaluate(tool, work, pack, out, log, *, epoch="1697068800"):
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "TZ": "UTC", "LC_ALL": "C"}
    return subprocess.run([tool, "evaluate", "--tender", f"{pack}/tender.xml", "--bids", f"{pack}/bids", "--scores",
                           f"{pack}/scores.xml", "--out", out, "--audit", log], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120)


def readers(log, out):
    """Every command that only reads the log."""
    return {
        "audit verify": ["audit", "verify", "--audit", log],
        "audit log": ["audit", "log", "--audit", log],
        "audit checkpoint": ["audit", "checkpoint", "--audit", log],
        "audit diff": ["audit", "diff", "1", "2", "--audit", log],
        "replay": ["replay", "--audit", log, "--run", "1", "--out", out],
    }


def digest(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def runs_in(log):
    db = sqlite3.connect(f"file:{log}?mode=ro", uri=True)
    try:
        return db.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    finally:
        db.close()


def reading_changes_nothing(tool, work):
    before = digest(work / "log.db")
    for name, args in readers("log.db", "replayed").items():
        result = run(tool, *args, cwd=work)
        check(result.returncode == 0, f"{name} reads the log: {result.stderr.strip()}")
    check(digest(work / "log.db") == before, "the readers changed no byte of the log")


def read_only_log(tool, work):
    for case, folder_mode in [("a read-only log (0444)", 0o777), ("a log in a folder its reader cannot write", 0o555)]:
        folder = work / ("ro-" + str(oct(folder_mode)))
        folder.mkdir()
        shutil.copy(work / "log.db", folder / "log.db")
        os.chmod(folder / "log.db", 0o444)
        os.chmod(folder, folder_mode)
        out = work / f"nobody-out-{oct(folder_mode)}"
        out.mkdir()
        os.chmod(out, 0o777)
        before = digest(folder / "log.db")
        for name, args in readers(str(folder / "log.db"), str(out / "replayed")).items():
            result = run(tool, *args, cwd=work, user=as_nobody)
            check(result.returncode == 0, f"{case}: {name} as an unprivileged user: {result.stderr.strip()}")
        check(digest(folder / "log.db") == before, f"{case}: no byte changed")
        os.chmod(folder, 0o755)


def not_a_log(tool, work):
    other = work / "other.db"
    db = sqlite3.connect(other)
    db.execute("CREATE TABLE notes (text TEXT)")
    db.execute("INSERT INTO notes VALUES ('minutes of the moderation meeting')")
    db.commit()
    db.close()
    before = digest(other)
    commands = readers("other.db", "other-replayed")
    commands["evaluate --audit"] = ["evaluate", "--tender", "pack/tender.xml", "--bids", "pack/bids", "--scores",
                                    "pack/scores.xml", "--out", "other-out", "--audit", "other.db"]
    for name, args in commands.items():
        result = run(tool, *args, cwd=work)
        check(result.returncode == 65 and "is not a tenderscore audit log" in result.stderr,
              f"{name} refuses an SQLite file that is not a log: {result.stderr.strip()}")
    check(digest(other) == before, "the file was left byte-identical")
    check(not (work / "other.db-wal").exists(), "and was not switched to WAL")
    check(not (work / "other-out").exists(), "evaluate wrote nothing")
    text = work / "notes.txt"
    text.write_text("not a database\n")
    result = run(tool, "audit", "verify", "--audit", "notes.txt", cwd=work)
    check(result.returncode == 65 and "is not a tenderscore audit log (it is not an SQLite database)" in result.stderr,
          f"a file that is not SQLite is refused: {result.stderr.strip()}")


def altered_schema(tool, work):
    objects = {
        "a trigger that swallows new entries": ("trigger 'swallow' on runs",
                                                "CREATE TRIGGER swallow BEFORE INSERT ON runs "
                                                "BEGIN SELECT RAISE(IGNORE); END"),
        "a view": ("view 'everything'", "CREATE VIEW everything AS SELECT * FROM runs"),
        "an index": ("index 'by_actor' on runs", "CREATE INDEX by_actor ON runs (actor)"),
        "a changed table": ("table 'blobs' is not defined", "ALTER TABLE blobs ADD COLUMN note TEXT"),
    }
    for name, (reported, statement) in objects.items():
        log = f"schema-{name.replace(' ', '-')}.db"
        shutil.copy(work / "log.db", work / log)
        db = sqlite3.connect(work / log)
        db.execute(statement)
        db.commit()
        db.close()
        result = run(tool, "audit", "verify", "--audit", log, cwd=work)
        check(result.returncode == 65 and "schema has been altered" in result.stderr and reported in result.stderr,
              f"verify reports {name}: {result.stderr.strip()}")
        if name.startswith("a trigger"):
            appended = evaluate(tool, work, "pack", "swallowed-out", log)
            check(appended.returncode == 65 and "Recorded as run" not in appended.stdout,
                  f"evaluate does not append to it, nor say it recorded a run: {appended.stderr.strip()}")
            check(runs_in(work / log) == 2 and not (work / "swallowed-out/results.json").exists(),
                  "nothing was recorded and no output written")


def concurrent_creation(tool, work):
    failures = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for pair in range(PAIRS):
            log = f"new-{pair}.db"
            futures = [pool.submit(evaluate, tool, work, "pack", f"new-out-{pair}-{side}", log) for side in "ab"]
            for result in [future.result() for future in futures]:
                if result.returncode != 0:
                    failures.append(result.stderr.strip())
            if runs_in(work / log) != 2 or run(tool, "audit", "verify", "--audit", log, cwd=work).returncode != 0:
                failures.append(f"{log} does not hold both runs intact")
    check(not failures, f"{PAIRS} pairs of runs creating a new log at the same moment all succeed: {failures[:3]}")


def waits_for_the_log(tool, work):
    shutil.copy(work / "log.db", work / "held.db")
    held = 1.5
    db = sqlite3.connect(work / "held.db", isolation_level=None, check_same_thread=False)
    db.execute("BEGIN IMMEDIATE")
    release = threading.Timer(held, lambda: db.execute("ROLLBACK"))
    release.start()
    start = time.monotonic()
    result = evaluate(tool, work, "pack", "held-out", "held.db")
    waited = time.monotonic() - start
    release.join()
    db.close()
    check(result.returncode == 0 and "Recorded as run 3" in result.stdout and waited >= held,
          f"a run waits for another program holding the log's write lock ({waited:.1f} s): {result.stderr.strip()}")


def main():
    tool, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    work = pathlib.Path(tempfile.mkdtemp())
    os.chmod(work, 0o755)
    try:
        shutil.copy(tool, work / "tool")
        shutil.copytree(root / "samples/essex-2023-block", work / "pack")
        shutil.copytree(root / "samples/essex-2023-block", work / "moderated")
        scores = work / "moderated/scores.xml"
        scores.write_text(scores.read_text().replace(
            '<consensus bid="BID-007" question="Q1" score="1" moderator="E1">',
            '<consensus bid="BID-007" question="Q1" score="3" moderator="E1">'))
        first = evaluate(tool, work, "pack", "run1", "log.db")
        second = evaluate(tool, work, "moderated", "run2", "log.db", epoch="1697673600")
        check(first.returncode == 0 and second.returncode == 0, "a log of two runs is built")
        tool = str(work / "tool")  # a copy an unprivileged user can run
        reading_changes_nothing(tool, work)
        read_only_log(tool, work)
        not_a_log(tool, work)
        altered_schema(tool, work)
        concurrent_creation(tool, work)
        waits_for_the_log(tool, work)
        return 1 if FAILURES else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
