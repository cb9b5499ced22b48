#!/usr/bin/env python3
"""`tenderscore publish` as a run: the --audit form gives the same bytes as the pack it recorded;
a failed publish leaves the earlier publication untouched; a second publish removes summaries it no
longer writes and keeps other files; the same inputs give the same bytes; PDFs when Chromium is
there (skipped, exit 77, when it is not).

check-publish-runs.py TOOL ROOT [pdf]
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PREFIX = "ocds-b5fd17"


def run(args, cwd, expect, chromium=""):
    env = dict(os.environ, TENDERSCORE_CHROMIUM=chromium)
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != expect:
        sys.exit(f"{' '.join(map(str, args))}: exit {done.returncode}, expected {expect}\n{done.stdout}{done.stderr}")
    return done


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main():
    tool, root = Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve()
    sample = root / "samples/essex-2023-block"
    pack = ["--tender", sample / "tender.xml", "--bids", sample / "bids", "--scores", sample / "scores.xml"]
    work = Path(tempfile.mkdtemp())
    try:
        if len(sys.argv) > 3:
            return check_pdf(tool, pack, work)
        publish = [tool, "publish", *pack, "--ocid-prefix", PREFIX, "--out"]
        run([*publish, "direct"], work, 0)
        run([*publish, "again"], work, 0)
        if tree(work / "direct") != tree(work / "again"):
            sys.exit("two publishes of the same pack differ")

        # The recorded run, replayed: the same publication, byte for byte.
        run([tool, "evaluate", *pack, "--out", "evaluated", "--audit", "audit.db", "--actor", "test"], work, 0)
        run([tool, "publish", "--audit", "audit.db", "--run", "1", "--ocid-prefix", PREFIX, "--out", "replayed"],
            work, 0)
        if tree(work / "direct") != tree(work / "replayed"):
            sys.exit("publish --audit differs from publishing the pack it recorded")
        missing = run([tool, "publish", "--audit", "audit.db", "--run", "2", "--ocid-prefix", PREFIX, "--out", "x"],
                      work, 65)
        if "the audit log has no run 2" not in missing.stderr:
            sys.exit(f"publish --run 2 of a one-run log: {missing.stderr}")

        # A failed publish (a broken pack) changes nothing in the folder.
        before = tree(work / "direct")
        broken = work / "broken"
        shutil.copytree(sample, broken)
        (broken / "bids/BID-001.xml").write_text("<bid")
        bad = [tool, "publish", "--tender", broken / "tender.xml", "--bids", broken / "bids", "--scores",
               broken / "scores.xml", "--ocid-prefix", PREFIX, "--out", "direct"]
        failed = run(bad, work, 65)
        if "nothing was written" not in failed.stderr or tree(work / "direct") != before:
            sys.exit(f"a failed publish changed the folder or said otherwise:\n{failed.stderr}")

        # A later publish removes summaries it does not write and keeps what is not a summary.
        summaries = work / "direct/summaries"
        (summaries / "BID-099.html").write_text("stale")
        (summaries / "BID-001.pdf").write_text("stale PDF from a machine with Chromium")
        (summaries / "notes.txt").write_text("the council's own notes")
        run([*publish, "direct"], work, 0)
        left = sorted(p.name for p in summaries.iterdir())
        wanted = sorted([f"BID-00{i}.html" for i in range(1, 10)] + ["notes.txt"])
        if left != wanted:
            sys.exit(f"summaries/ holds {left}, expected {wanted}")
    finally:
        shutil.rmtree(work)
    print("publish: deterministic, --audit equals the recorded pack, failed runs change nothing, stale summaries go")
    return 0


def check_pdf(tool, pack, work):
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed: PDFs are not made, nothing to check")
        return 77
    done = run([tool, "publish", *pack, "--ocid-prefix", PREFIX, "--out", "pdf"], work, 0, chromium)
    if "(HTML and PDF)" not in done.stdout:
        sys.exit(f"publish with Chromium did not say it made PDFs:\n{done.stdout}")
    for page in sorted((work / "pdf/summaries").glob("*.html")):
        pdf = page.with_suffix(".pdf")
        if pdf.read_bytes()[:5] != b"%PDF-":
            sys.exit(f"{pdf.name} is not a PDF")
        text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True).stdout
        for needed in ("Assessment summary", "Essex County Council", "Tender ECC-RES-2023", page.stem):
            if needed not in text:
                sys.exit(f"{pdf.name}: '{needed}' is not in its text")
    print("publish with Chromium: a PDF beside every summary, with the council and reference in its header")
    return 0


if __name__ == "__main__":
    sys.exit(main())
