#!/usr/bin/env python3
"""Renders the workbook as printed for docs/workbook.md: the Essex sample's workbook to PDF with
LibreOffice, and the first page of each sheet to docs/images/workbook-<sheet>.png with pdftoppm
(and the Kent sample's Summary, which has two lots). Run by `make docs-images`.

workbook-docs-images.py TOOL ROOT
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

FOOTER = re.compile(r"^\s*(?P<sheet>\S.*?)\s{2,}Page \d+ of \d+\s{2,}\S.*$")
RESOLUTION = "90"


def workbook(tool, sample, out):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1697068800"}
    subprocess.run([tool, "evaluate", "--tender", str(sample / "tender.xml"), "--bids", str(sample / "bids"),
                    "--scores", str(sample / "scores.xml"), "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL, env=env)
    return out / "evaluation.xlsx"


def sheet_pages(pdf):
    """{sheet: its pages (1-based)}, from each page's footer."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    first = {}
    for index, page in enumerate(text.split("\f")[:-1]):
        footers = [m for m in (FOOTER.match(line) for line in page.splitlines()) if m]
        if footers:
            first.setdefault(footers[-1].group("sheet"), []).append(index + 1)
    return first


def render(pdf, page, target):
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", RESOLUTION, "-f", str(page), "-l", str(page), "-singlefile", "-png", str(pdf),
                    str(stem)], check=True)
    print(f"wrote {target.relative_to(target.parents[2])}")


def main():
    tool, root = sys.argv[1], pathlib.Path(sys.argv[2])
    images = root / "docs" / "images"
    work = pathlib.Path(tempfile.mkdtemp())
    try:
        books = work / "books"
        books.mkdir()
        shutil.copy(workbook(tool, root / "samples" / "essex-2023-block", work / "essex"), books / "essex.xlsx")
        shutil.copy(workbook(tool, root / "samples" / "kent-2021-regional", work / "kent"), books / "kent.xlsx")
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'profile'}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(work / "pdf"), str(books / "essex.xlsx"),
                        str(books / "kent.xlsx")], check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "HOME": str(work)})
        # The first page of each sheet; every page of the Summary (the method, the lot, its chart).
        for sheet, pages in sheet_pages(work / "pdf" / "essex.pdf").items():
            if sheet == "Summary":
                for number, page in enumerate(pages, 1):
                    render(work / "pdf" / "essex.pdf", page, images / f"workbook-summary-{number}.png")
            else:
                render(work / "pdf" / "essex.pdf", pages[0], images / f"workbook-{sheet.lower()}.png")
        kent = sheet_pages(work / "pdf" / "kent.pdf")
        render(work / "pdf" / "kent.pdf", kent["Summary"][1], images / "workbook-summary-kent.png")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
