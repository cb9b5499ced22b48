#!/usr/bin/env python3
"""Outputs in a folder others can write to, runs racing each other, and steps that fail half-way.

check-output-safety.py TOOL ROOT

- links planted at the names a run's temporary files could have are never followed;
- files of other programs (".notes.txt.tmp-<a dead pid>") are left alone, the tool's own stale
  temporary files are removed;
- two runs into one folder at the same moment leave the workbook and results.json of the same run
  (the workbook's Audit sheet holds the SHA-256 of its results.json), and a run waits for another
  one holding the folder;
- a run whose second file cannot be put in place (a folder planted at its name) leaves the earlier
  outputs byte-identical, says that nothing was written, and records nothing in the audit log;
- a run whose audit log cannot COMMIT (the file size limit stops SQLite writing its WAL) puts the
  previous outputs back and records nothing.
"""
import concurrent.futures
import fcntl
import hashlib
import os
import pathlib
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile

FAILURES = []
PAIRS = 60


def check(condition, message):
    print(("ok: " if condition else "FAILED: ") + message)
    if not condition:
        FAILURES.append(message)


def run(tool, *args, cwd, preexec=None):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1697068800", "TZ": "UTC", "LC_ALL": "C"}
    return subprocess.run([tool, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
                          preexec_fn=preexec)


def evaluate(tool, work, pack, out, *extra, preexec=None):
    return run(tool, "evaluate", "--tender", f"{pack}/tender.xml", "--bids", f"{pack}/bids", "--scores",
               f"{pack}/scores.xml", "--out", out, *extra, cwd=work, preexec=preexec)


def sha256(path):
    return hashlib.sha256(pathlib.Path(path).read_bytes()).hexdigest()


def workbook_names(workbook, digest):
    """Whether the workbook's sheets hold `digest` (its Audit sheet names its results.json)."""
    with zipfile.ZipFile(workbook) as book:
        return any(digest.encode() in book.read(name) for name in book.namelist())


def own_files(folder):
    return sorted(p.name for p in pathlib.Path(folder).iterdir() if ".tenderscore-" in p.name)


def audit_runs(tool, work, log):
    result = run(tool, "audit", "checkpoint", "--audit", log, cwd=work)
    return int(result.stdout.split(":")[0]) if result.returncode == 0 else None


def planted_links(tool, work):
    victim = work / "victim.txt"
    victim.write_text("a file the user can write, somewhere else\n")
    shared = work / "shared"
    shared.mkdir()
    # The names today's temporary files would have: ".<name>.tmp-<pid>" for the next few hundred pids.
    probe = subprocess.Popen(["true"])
    probe.wait()
    last = probe.pid
    pid_max = int(pathlib.Path("/proc/sys/kernel/pid_max").read_text())
    for pid in range(last + 1, last + 400):
        pid = pid % pid_max
        for name in ["results.json", "evaluation.xlsx"]:
            link = shared / f".{name}.tmp-{pid}"
            if not link.exists() and not link.is_symlink():
                link.symlink_to(victim)
    result = evaluate(tool, work, "pack", "shared")
    check(result.returncode == 0, f"a run into a folder full of planted links succeeds: {result.stderr.strip()}")
    check(victim.read_text() == "a file the user can write, somewhere else\n",
          "no planted link was followed: the file they point at is unchanged")
    check(sha256(shared / "results.json") == sha256(work / "reference/results.json"),
          "results.json is the run's own")
    check(not (shared / "results.json").is_symlink() and not (shared / "evaluation.xlsx").is_symlink(),
          "the outputs are files, not links")


def other_programs_files(tool, work):
    folder = work / "other-files"
    folder.mkdir()
    dead = 99999  # above pid_max: no such process
    foreign = [f".notes.txt.tmp-{dead}", f".results.json.tmp-{dead}", ".results.json.tenderscore-new-short",
               ".report.docx.tenderscore-tmp-ABCDEFGH"]
    for name in foreign:
        (folder / name).write_text("someone else's work\n")
    stale = [".results.json.tenderscore-new-AbCd1234", ".evaluation.xlsx.tenderscore-old-zZ09aB7q"]
    for name in stale:
        (folder / name).write_text("left by a killed run\n")
    result = evaluate(tool, work, "pack", "other-files")
    check(result.returncode == 0, "a run into a folder holding other programs' files succeeds")
    kept = [name for name in foreign if (folder / name).exists()]
    check(kept == foreign, f"other programs' files are left alone: {sorted(set(foreign) - set(kept))} were removed")
    check(not any((folder / name).exists() for name in stale), "the tool's own stale temporary files are removed")


def concurrent_pairs(tool, work):
    folder = work / "pairs"
    digests = {sha256(work / "reference/results.json"), sha256(work / "moderated-reference/results.json")}
    mismatched = 0
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(PAIRS):
            runs = [pool.submit(evaluate, tool, work, pack, "pairs") for pack in ["pack", "moderated"]]
            results = [future.result() for future in runs]
            failed += sum(1 for result in results if result.returncode != 0)
            digest = sha256(folder / "results.json")
            if digest not in digests or not workbook_names(folder / "evaluation.xlsx", digest):
                mismatched += 1
    check(failed == 0, f"{PAIRS} pairs of runs into one folder: every run succeeded ({failed} failed)")
    check(mismatched == 0,
          f"{PAIRS} pairs of runs into one folder: the workbook and results.json always belong to the same run "
          f"({mismatched} mixed)")
    check(own_files(folder) == [], f"no temporary files are left: {own_files(folder)}")


def waits_for_the_folder(tool, work):
    folder = work / "held"
    folder.mkdir()
    held = 1.5
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    release = threading.Timer(held, lambda: os.close(descriptor))
    release.start()
    start = time.monotonic()
    result = evaluate(tool, work, "pack", "held")
    waited = time.monotonic() - start
    release.join()
    check(result.returncode == 0 and waited >= held,
          f"a run waits for another one holding its output folder ({waited:.1f} s for a {held} s hold)")


def second_rename_fails(tool, work):
    folder = work / "planted-folder"
    first = evaluate(tool, work, "pack", "planted-folder", "--audit", "planted.db")
    check(first.returncode == 0, "a first run records and writes its outputs")
    workbook_before = (folder / "evaluation.xlsx").read_bytes()
    (folder / "results.json").unlink()
    (folder / "results.json").mkdir()  # the second file cannot be renamed over a folder
    (folder / "results.json" / "keep").write_text("x")
    for extra in [[], ["--audit", "planted.db"]]:
        what = "with --audit" if extra else "without --audit"
        result = evaluate(tool, work, "moderated", "planted-folder", *extra)
        check(result.returncode == 73 and "nothing was written" in result.stderr,
              f"{what}: a run whose second file cannot be put in place fails with 73: {result.stderr.strip()}")
        check((folder / "evaluation.xlsx").read_bytes() == workbook_before,
              f"{what}: the workbook already moved into place was put back: nothing was written")
        check(own_files(folder) == [], f"{what}: no temporary files are left: {own_files(folder)}")
    check(audit_runs(tool, work, "planted.db") == 1, "the failed run was not recorded in the audit log")


def commit_fails(tool, work):
    folder = work / "commit-fails"
    first = evaluate(tool, work, "pack", "commit-fails", "--audit", "commit.db")
    check(first.returncode == 0, "a first run records and writes its outputs")
    before = {name: (folder / name).read_bytes() for name in ["results.json", "evaluation.xlsx"]}
    # A bid padded with a 1 MB comment: its stored copy cannot go into the log's WAL under a 512 KiB
    # file size limit, while the outputs (tens of KiB) can be written.
    big = work / "big"
    shutil.copytree(work / "moderated", big)
    bid = big / "bids/BID-001.xml"
    text = bid.read_text()
    declaration = text.index("?>") + 2
    bid.write_text(text[:declaration] + "\n<!-- " + "x" * 1_000_000 + " -->" + text[declaration:])

    def limited():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (512 * 1024, 512 * 1024))

    result = evaluate(tool, work, "big", "commit-fails", "--audit", "commit.db", preexec=limited)
    check(result.returncode == 73 and "could not record the run" in result.stderr and "put back" in result.stderr,
          f"a run whose log cannot COMMIT fails with 73 and says so: {result.stderr.strip()}")
    check("Recorded as run" not in result.stdout, "it does not say the run was recorded")
    after = {name: (folder / name).read_bytes() for name in before}
    check(after == before, "the previous outputs were put back byte for byte")
    check(own_files(folder) == [], f"no temporary files are left: {own_files(folder)}")
    check(audit_runs(tool, work, "commit.db") == 1, "the log holds only the first run")


def main():
    tool, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    work = pathlib.Path(tempfile.mkdtemp())
    try:
        shutil.copytree(root / "samples/essex-2023-block", work / "pack")
        shutil.copytree(root / "samples/essex-2023-block", work / "moderated")
        scores = work / "moderated/scores.xml"
        scores.write_text(scores.read_text().replace(
            '<mark bid="BID-007" question="Q1" evaluator="E2" score="0">',
            '<mark bid="BID-007" question="Q1" evaluator="E2" score="3">').replace(
            '<consensus bid="BID-007" question="Q1" score="1" moderator="E1">',
            '<consensus bid="BID-007" question="Q1" score="3" moderator="E1">'))
        for pack, out in [("pack", "reference"), ("moderated", "moderated-reference")]:
            result = evaluate(tool, work, pack, out)
            check(result.returncode == 0, f"{pack}: a single run succeeds")
        check(sha256(work / "reference/results.json") != sha256(work / "moderated-reference/results.json"),
              "the two packs give different results")
        planted_links(tool, work)
        other_programs_files(tool, work)
        concurrent_pairs(tool, work)
        waits_for_the_folder(tool, work)
        second_rename_fails(tool, work)
        commit_fails(tool, work)
        return 1 if FAILURES else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
