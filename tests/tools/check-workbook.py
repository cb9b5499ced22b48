#!/usr/bin/env python3
"""Checks an evaluation workbook against the results.json written beside it.

check-workbook.py WORKBOOK RESULTS [--recalculate]

1. The figures on the Summary and Award sheets equal those of results.json (read back with
   openpyxl from the cached values the tool wrote).
2. Every score, total and cost on the Summary, Price, Quality and Award sheets is a formula.
3. With --recalculate: LibreOffice opens the workbook with recalculation forced on load and saves
   it again; every formula must recalculate to the value the tool cached.
Exits 1 naming every difference.
"""
import json
import re
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal, ROUND_HALF_UP

import openpyxl

FAILURES = []


def fail(message):
    FAILURES.append(message)


def fixed(value, decimals):
    quantum = Decimal(1).scaleb(-decimals)
    return str(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def summary_tables(sheet):
    """Yields (lot id, {bid: row values}, {label: value}) for each lot block of the Summary."""
    rows = list(sheet.iter_rows(values_only=True))
    index = 0
    while index < len(rows):
        first = rows[index][0]
        if isinstance(first, str) and first.startswith("Lot "):
            lot = first[4:].split(":")[0]
            index += 2  # heading and column titles
            ranked = {}
            while index < len(rows) and isinstance(rows[index][0], (int, float)):
                ranked[rows[index][2]] = rows[index]
                index += 1
            figures = {}
            while index < len(rows) and not (isinstance(rows[index][0], str) and rows[index][0].startswith("Lot ")):
                label = rows[index][1]
                if isinstance(label, str):
                    figures.setdefault(label, rows[index][2])
                index += 1
            yield lot, ranked, figures
        else:
            index += 1


def check_against_results(book, results):
    summary = book["Summary"]
    decimals = int(summary_value(summary, "Decimals (rounding half-up)"))
    lots = {lot["lot"]: lot for lot in results["lots"]}
    seen = set()
    for lot_id, ranked, figures in summary_tables(summary):
        seen.add(lot_id)
        lot = lots.get(lot_id)
        if lot is None:
            fail(f"Summary shows lot {lot_id}, which results.json does not have")
            continue
        framework = lot.get("award") == "framework"
        compliant = [b for b in lot["bids"] if b["status"] == "compliant"]
        if list(ranked) != [b["bid"] for b in compliant]:
            fail(f"lot {lot_id}: Summary ranks {list(ranked)}, results.json {[b['bid'] for b in compliant]}")
        for bid in compliant:
            row = ranked.get(bid["bid"])
            if row is None:
                continue
            shown = {
                "rank": int(row[0]),
                "evaluatedPrice": fixed(row[3], 2),
                "priceScore": fixed(row[4], decimals),
                "qualityScore": fixed(row[5], decimals),
                "totalScore": fixed(row[6], decimals),
            }
            if framework:  # admitted or not; no places (version 2)
                shown["admitted"] = {"yes": True, "no": False}.get(row[7], row[7])
            else:
                shown["awardedPlaces"] = int(row[7])
            for key, value in shown.items():
                if value != bid[key]:
                    fail(f"lot {lot_id} {bid['bid']} {key}: workbook {value}, results.json {bid[key]}")
        figures_shown = [("Providers admitted", "providers", int)] if framework else [
            ("Places awarded", "awardedPlaces", int), ("Providers", "providers", int),
            ("Annual cost", "annualCost", lambda v: fixed(v, 2)),
            ("Contract value", "contractValue", lambda v: fixed(v, 2))]
        if framework and figures.get("Annual cost") != "n/a":
            fail(f"lot {lot_id}: a framework lot's annual cost shows {figures.get('Annual cost')!r}, not n/a")
        for label, key, convert in figures_shown:
            value = convert(figures.get(label))
            if value != lot[key]:
                fail(f"lot {lot_id} {label}: workbook {value}, results.json {lot[key]}")
    if seen != set(lots):
        fail(f"Summary shows lots {sorted(seen)}, results.json has {sorted(lots)}")

    awarded = []
    for row in book["Award"].iter_rows(min_row=2, values_only=True):
        if row[7]:
            awarded.append((row[0], row[2], row[4], int(row[7]), fixed(row[9], 2)))
    expected = [(lot["lot"], a["bid"], a["urn"], a["places"], a["weeklyPrice"]) for lot in results["lots"]
                for a in lot["awards"]]
    if awarded != expected:
        fail(f"Award sheet places {awarded}, results.json awards {expected}")
    # A framework lot's admission walk: the admitted bids, in rank order.
    admitted = [(row[0], row[2]) for row in book["Award"].iter_rows(min_row=2, values_only=True)
                if isinstance(row[8], str) and row[8].startswith("admitted")]
    expected = [(lot["lot"], b["bid"]) for lot in results["lots"] for b in lot["bids"] if b.get("admitted")]
    if admitted != expected:
        fail(f"Award sheet admits {admitted}, results.json {expected}")


def summary_value(sheet, label):
    for row in sheet.iter_rows(values_only=True):
        if row[1] == label:
            return row[2]
    raise SystemExit(f"no '{label}' on the Summary sheet")


# The columns holding figures the tool computes, by sheet: each filled cell must be a formula.
COMPUTED = {
    "Price": {"Evaluated price", "Lowest in lot", "Price score"},
    "Quality": {"Weighted score", "Quality score", "Moderation hotspot"},
    "Award": {"Annual cost", "Places so far", "Annual cost so far"},
    "Summary": {"Evaluated price (per place-week)", "Price score", "Quality score", "Total score",
                "Places awarded", "Annual cost"},
}


def check_formulas_present(formulas):
    for name, computed in COMPUTED.items():
        headers = {}
        for row in formulas[name].iter_rows():
            values = [c.value for c in row]
            is_header = row[0].row == 1 if name != "Summary" else values[0] == "Rank"
            if is_header:
                headers = {c.column: c.value for c in row
                           if c.value in computed or (isinstance(c.value, str) and (
                               c.value.startswith("Question score") or c.value.startswith("Evaluated price (per ")))}
                continue
            if name == "Summary" and not isinstance(values[0], (int, float)):
                headers = {} if values[0] is None and values[1] is not None else headers
                continue
            for cell in row:
                if cell.column in headers and cell.value is not None:
                    if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                        fail(f"{name}!{cell.coordinate} ({headers[cell.column]}) is a value, not a formula")


FUNCTIONS = {"ROUND", "SUMPRODUCT", "SUM", "MIN", "MAX", "IF", "AVERAGE", "MEDIAN", "COUNT", "COUNTIF", "SUMIF"}
NAMES = {"PriceWeight", "QualityWeight", "Decimals", "ScaleMax", "MinScoreEach", "MinQualityPercent",
         "WeeksPerYear", "UpliftPercent", "ContractYears"}
STRINGS = {'""', '"hotspot"', '">0"', '"yes"'}
TOKEN = re.compile(r'\s*(?:(?P<string>"[^"]*")|(?P<ref>(?:(?:Price|Quality|Award|Summary)!)?\$?[A-Z]{1,3}\$?[0-9]+)'
                   r'|(?P<number>[0-9]+(?:\.[0-9]+)?)|(?P<name>[A-Za-z][A-Za-z0-9_.]*)|(?P<op>[-+*/^(),:=<>]))')


def check_formula_text(formulas):
    """Formulas are only the tool's own: references, the method's names, a few functions. Bidder
    text written as a formula would show up here."""
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                text = cell.value[1:]
                position = 0
                while position < len(text):
                    match = TOKEN.match(text, position)
                    if match is None or match.end() == position:
                        fail(f"{sheet.title}!{cell.coordinate}: unexpected formula text {cell.value!r}")
                        break
                    if match.group("string") and match.group("string") not in STRINGS:
                        fail(f"{sheet.title}!{cell.coordinate}: unexpected string in formula {cell.value!r}")
                    name = match.group("name")
                    if name and name not in FUNCTIONS and name not in NAMES:
                        fail(f"{sheet.title}!{cell.coordinate}: unexpected name {name!r} in formula {cell.value!r}")
                    position = match.end()


def check_text(cached, results):
    """Every bidder's name is shown exactly as written, as text, and no cell exceeds Excel's limit."""
    names = {bid["bid"]: bid["bidder"] for lot in results["lots"] for bid in lot["bids"]}
    for row in cached["Compliance"].iter_rows(min_row=2):
        bid, bidder = row[0], row[1]
        # OOXML writes control characters as _xHHHH_; openpyxl leaves them escaped.
        shown = re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), bidder.value or "")
        if bidder.data_type != "s" or shown != names.get(bid.value):
            fail(f"Compliance!{bidder.coordinate}: bidder {bidder.value!r} ({bidder.data_type}), "
                 f"results.json {names.get(bid.value)!r}")
    for sheet in cached.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and len(cell.value) > 32767:
                    fail(f"{sheet.title}!{cell.coordinate}: {len(cell.value)} characters, over the cell limit")


def recalculated(workbook):
    """The workbook after LibreOffice has opened it with recalculation forced and saved it."""
    work = pathlib.Path(tempfile.mkdtemp())
    profile = work / "profile" / "user"
    profile.mkdir(parents=True)
    (profile / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
        '<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
        '</oor:items>\n', encoding="utf-8")
    source = work / "in" / "evaluation.xlsx"
    source.parent.mkdir()
    shutil.copy(workbook, source)
    out = work / "out"
    command = [shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{work / 'profile'}",
               "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out),
               str(source)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180,
                          env={**os.environ, "HOME": str(work)})
    result = out / "evaluation.xlsx"
    if done.returncode != 0 or not result.exists():
        raise SystemExit(f"LibreOffice did not convert the workbook: {done.stdout} {done.stderr}")
    return result, work


def check_recalculation(formulas, cached, workbook):
    result, work = recalculated(workbook)
    try:
        recalc = openpyxl.load_workbook(result, data_only=True)
        count = 0
        for sheet in formulas.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                        continue
                    count += 1
                    want = cached[sheet.title][cell.coordinate].value
                    got = recalc[sheet.title][cell.coordinate].value
                    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
                        if abs(want - got) > 1e-9 * max(1.0, abs(want)):
                            fail(f"{sheet.title}!{cell.coordinate} {cell.value}: cached {want!r}, recalculated {got!r}")
                    elif (want or "") != (got or ""):
                        fail(f"{sheet.title}!{cell.coordinate} {cell.value}: cached {want!r}, recalculated {got!r}")
        if count == 0:
            fail("the workbook has no formulas")
        print(f"{count} formulas recalculated by LibreOffice to their cached values")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    workbook, results_path = sys.argv[1], sys.argv[2]
    results = json.load(open(results_path, encoding="utf-8"))
    formulas = openpyxl.load_workbook(workbook)
    cached = openpyxl.load_workbook(workbook, data_only=True)
    check_against_results(cached, results)
    check_formulas_present(formulas)
    check_formula_text(formulas)
    check_text(cached, results)
    if "--expect-truncated" in sys.argv[3:]:
        # Cut at the cell's limit, or (a rationale) at the tallest row Excel has, with a visible marker.
        markers = (" [truncated]", " [cut to fit the row: the whole text is in the input file]")
        truncated = [c for ws in cached.worksheets for r in ws.iter_rows() for c in r
                     if isinstance(c.value, str) and c.value.endswith(markers)]
        if not truncated or any(len(c.value) > 32767 for c in truncated):
            fail("expected a cell cut at the 32,767-character limit or the tallest row, with a visible marker")
    if "--recalculate" in sys.argv[3:]:
        check_recalculation(formulas, cached, workbook)
    for message in FAILURES:
        print(message)
    if not FAILURES:
        print(f"{workbook}: figures match {results_path}")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
