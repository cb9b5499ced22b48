#!/usr/bin/env python3
"""The evaluation workbook as a panel prints it: each golden case's workbook (and a pack with a
960-word answer) converted to PDF by LibreOffice, in one run of LibreOffice, and read back with
pdfinfo and pdftotext.

workbook-print.py TOOL ROOT [--keep DIR]

For every workbook:
- every sheet is set up for A4, printed at 73% or more (11-point text at 8 points or more; the
  Quality sheet at 82%, 9 points), never "fit to page", with the sheet, "Page n of m" and the
  tender's reference in its footer;
- every page of the PDF is A4, and the page count is within bounds;
- no cell prints as "###" (a number too wide for its column);
- every bidder's submitted time is printed in full on the Compliance sheet;
- every figure of the Summary's ranking tables and lot figures is printed as the workbook formats it;
- each lot's chart prints whole: its title and its legend on the same page; each signature block
  of the Sign-off sheet prints on one page;
- every answer and every rationale is printed to its last words (a row too short would cut it),
  and an answer too long for one row is printed over rows marked "(continued)".
Exits 1 naming every failure.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

FAILURES = []
SHEETS = ["Sign-off", "Summary", "Price", "Quality", "Marks", "Answers", "Compliance", "Award", "Sensitivity",
          "Audit"]
A4 = (595, 842)
MINIMUM_SCALE = {"Quality": 82}  # 9 points; every other sheet 8 points (73%)


def fail(message):
    FAILURES.append(message)


def pack_file(case_dir, root, name):
    """As pack-of.sh: the case's own document, or the one of the sample its `pack` file names."""
    own = case_dir / name
    if own.exists() or not (case_dir / "pack").is_file():
        return own
    return root / (case_dir / "pack").read_text().strip() / name


def long_answer_pack(root, work):
    """The Essex sample with BID-001's answer to its first question 960 words long."""
    sample = root / "samples" / "essex-2023-block"
    pack = work / "long-answer"
    shutil.copytree(sample, pack)
    bid = pack / "bids" / "BID-001.xml"
    words = ["word%d" % (n % 97) for n in range(957)] + ["the", "last", "words."]
    text = bid.read_text(encoding="utf-8")
    text, count = re.subn(r'(<response question="[^"]+">)[^<]*(</response>)',
                          lambda m: m.group(1) + " ".join(words) + m.group(2), text, count=1)
    assert count == 1, "no response in BID-001"
    bid.write_text(text, encoding="utf-8")
    return pack / "tender.xml", pack / "bids", pack / "scores.xml"


def evaluate(tool, tender, bids, scores, out):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1697068800"}
    subprocess.run([tool, "evaluate", "--tender", str(tender), "--bids", str(bids), "--scores", str(scores),
                    "--out", str(out)], check=True, stdout=subprocess.DEVNULL, env=env)
    return out / "evaluation.xlsx"


def to_pdf(workbooks, work):
    """Every workbook to PDF in one run of LibreOffice (starting it is most of the time)."""
    profile = work / "profile"
    out = work / "pdf"
    command = [shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{profile}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(out)] + [str(w) for w in workbooks]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, env={**os.environ, "HOME": str(work)})
    if done.returncode != 0:
        raise SystemExit(f"LibreOffice did not convert the workbooks: {done.stdout} {done.stderr}")
    return out


def pages_of(pdf, mode):
    text = subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


FOOTER = re.compile(r"^\s*(?P<sheet>" + "|".join(SHEETS) + r")\s{2,}(?:.*\s)?Page (?P<n>\d+) of (?P<m>\d+)\s{2,}(?:.*\s)?"
                    r"(?P<ref>\S+)\s*$")


def sheet_pages(name, layout, reference):
    """{sheet: [page indexes]} from the footers: the sheet's name, "Page n of m", the tender's reference."""
    pages = {}
    for index, page in enumerate(layout):
        footer = [m for m in (FOOTER.match(line) for line in page.splitlines()) if m]
        if not footer:
            fail(f"{name}: page {index + 1} has no footer with the sheet, 'Page n of m' and the reference")
            continue
        match = footer[-1]
        if match.group("ref") != reference:
            fail(f"{name}: page {index + 1} footer names {match.group('ref')!r}, not {reference!r}")
        if int(match.group("m")) != len(layout):
            fail(f"{name}: page {index + 1} footer says 'of {match.group('m')}', the PDF has {len(layout)} pages")
        pages.setdefault(match.group("sheet"), []).append(index)
    for sheet in SHEETS:
        if sheet not in pages:
            fail(f"{name}: no page prints the {sheet} sheet")
    return pages


def collapsed(text):
    return " ".join(text.split())


def squeezed(text):
    """Without any white space: a wrapped line may break a long word or after a hyphen."""
    return "".join(text.split())


def shown(value, number_format):
    """A number as the cell's format prints it: pounds with pence, or to the format's decimals."""
    decimals = len(number_format.split(".")[1].rstrip("#")) if "." in number_format else 0
    figure = f"{value:,.{decimals}f}" if "," in number_format else f"{value:.{decimals}f}"
    return ("\u00a3" + figure) if "\u00a3" in number_format else figure


def check_setup(name, book):
    for sheet in book.worksheets:
        setup = sheet.page_setup
        if str(setup.paperSize) != "9":
            fail(f"{name}: {sheet.title} is set for paper {setup.paperSize}, not A4 (9)")
        if sheet.sheet_properties.pageSetUpPr is not None and sheet.sheet_properties.pageSetUpPr.fitToPage:
            fail(f"{name}: {sheet.title} is fitted to pages, so its scale is not bounded")
        minimum = MINIMUM_SCALE.get(sheet.title, 73)
        if setup.scale is not None and int(setup.scale) < minimum:
            fail(f"{name}: {sheet.title} prints at {setup.scale}%, below {minimum}%")
    if book.sheetnames != SHEETS:
        fail(f"{name}: sheets {book.sheetnames}, expected {SHEETS}")


def check_summary(name, book, text):
    """Every figure of the Summary's ranking tables and lot figures, as formatted, is on its pages."""
    summary = book["Summary"]
    in_lot = False
    for row in summary.iter_rows():
        first = row[0].value
        if isinstance(first, str) and first.startswith("Lot "):
            in_lot = True
            if squeezed(first) not in squeezed(text):
                fail(f"{name}: the Summary's heading {first!r} is not printed")
            continue
        if not in_lot:
            continue
        for cell in row:
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                figure = shown(cell.value, cell.number_format or "General")
                if figure not in text:
                    fail(f"{name}: Summary!{cell.coordinate} {cell.value!r} is not printed as {figure!r}")


def check_charts(name, book, summary_pages):
    for row in book["Summary"].iter_rows(values_only=True):
        if isinstance(row[0], str) and row[0].startswith("Lot "):
            lot = row[0][4:].split(":")[0]
            title = f"Lot {lot}: price and quality scores in rank order"
            holding = [p for p in summary_pages if title in p]
            if len(holding) != 1:
                fail(f"{name}: the chart title {title!r} is on {len(holding)} pages")
                continue
            after = holding[0].split(title, 1)[1]
            if not re.search(r"Price score\s+Quality score", after):
                fail(f"{name}: lot {lot}'s chart is split: its legend is not on the page of its title")


def check_signatures(name, signoff_pages):
    """Each declaration and its name, role, signature and date lines are on one page."""
    for page in signoff_pages:
        declarations = len(re.findall(r"^\s*Declaration\s", page, re.MULTILINE))
        dates = len(re.findall(r"^\s*Date\s*$", page, re.MULTILINE))
        if declarations != dates:
            fail(f"{name}: a Sign-off page holds {declarations} declarations and {dates} date lines: "
                 "a signature block is split")


def check_submitted(name, bids_dir, text):
    for bid in sorted(pathlib.Path(bids_dir).glob("*.xml")):
        match = re.search(r'submitted="([^"]+)"', bid.read_text(encoding="utf-8", errors="replace"))
        if match and match.group(1) not in text:
            fail(f"{name}: {bid.name}'s submitted time {match.group(1)} is not printed in full on Compliance")


def ending(text, words=4):
    return collapsed(" ".join(collapsed(text).split(" ")[-words:]))


def check_whole_text(name, book, raw):
    """The last words of every answer and rationale are printed: no row cuts its text short."""
    printed = squeezed(raw)
    for sheet, title in [("Answers", "Bidder's answer, as submitted"), ("Quality", "rationale")]:
        columns = [c.column - 1 for c in book[sheet][1] if isinstance(c.value, str) and title in c.value]
        for row in book[sheet].iter_rows(min_row=2, values_only=True):
            for col in columns:
                value = row[col]
                if isinstance(value, str) and value.strip() and squeezed(ending(value)) not in printed:
                    fail(f"{name}: {sheet} text ending {ending(value)!r} is not printed whole")


def main():
    tool, root = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    keep = pathlib.Path(sys.argv[sys.argv.index("--keep") + 1]) if "--keep" in sys.argv else None
    work = pathlib.Path(tempfile.mkdtemp())
    try:
        cases = {}
        for case_dir in sorted((root / "tests" / "golden").iterdir()):
            if (case_dir / "expected").is_dir():
                cases[case_dir.name] = [pack_file(case_dir, root, n) for n in ("tender.xml", "bids", "scores.xml")]
        cases["long-answer"] = list(long_answer_pack(root, work))
        books = work / "books"
        books.mkdir()
        for name, (tender, bids, scores) in cases.items():
            shutil.copy(evaluate(tool, tender, bids, scores, work / name / "out"), books / f"{name}.xlsx")
        pdfs = to_pdf(sorted(books.glob("*.xlsx")), work)
        for name, (tender, bids, scores) in cases.items():
            pdf = pdfs / f"{name}.pdf"
            book = openpyxl.load_workbook(books / f"{name}.xlsx", data_only=True)
            check_setup(name, book)
            info = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], capture_output=True, text=True,
                                  check=True).stdout
            sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
            for index, (w, h) in enumerate(sizes):
                if sorted((round(float(w)), round(float(h)))) != sorted(A4):
                    fail(f"{name}: page {index + 1} is {w} x {h} pt, not A4")
            layout = pages_of(pdf, "-layout")
            raw = pages_of(pdf, "-raw")
            # Bounds: a page or two for each sheet, a page for each lot's block and chart, and the answers.
            answer_chars = sum(len(str(c.value or "")) for r in book["Answers"].iter_rows(min_row=2) for c in r)
            bound = 2 * len(SHEETS) + 3 * len([r for r in book["Summary"].iter_rows(values_only=True)
                                                if isinstance(r[0], str) and r[0].startswith("Lot ")])
            bound += answer_chars // 1500 + book["Quality"].max_row // 6 + book["Marks"].max_row // 20
            if not len(SHEETS) <= len(layout) <= bound:
                fail(f"{name}: {len(layout)} pages, expected {len(SHEETS)} to {bound}")
            if len(sizes) != len(layout):
                fail(f"{name}: pdfinfo gives {len(sizes)} page sizes for {len(layout)} pages")
            reference = next((r[1] for r in book["Sign-off"].iter_rows(values_only=True) if r[0] == "Reference"), "")
            pages = sheet_pages(name, layout, reference)
            for index, page in enumerate(layout):
                if "###" in page:
                    fail(f"{name}: page {index + 1} prints '###': a figure is too wide for its column")
            sheet_text = {s: "\n".join(layout[i] for i in idx) for s, idx in pages.items()}
            check_summary(name, book, sheet_text.get("Summary", ""))
            check_charts(name, book, [layout[i] for i in pages.get("Summary", [])])
            check_signatures(name, [layout[i] for i in pages.get("Sign-off", [])])
            check_submitted(name, bids, sheet_text.get("Compliance", ""))
            check_whole_text(name, book, "\n".join(raw))
            if name == "long-answer" and "(continued)" not in sheet_text.get("Answers", ""):
                fail(f"{name}: the 960-word answer is not printed over rows marked as continued")
            print(f"{name}: {len(layout)} A4 pages ({', '.join(f'{s} {len(i)}' for s, i in pages.items())})")
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            for pdf in pdfs.glob("*.pdf"):
                shutil.copy(pdf, keep / pdf.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for message in FAILURES:
        print(message)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
