#!/usr/bin/env python3
"""Every value the format allows evaluates quickly and exactly; one past a limit is refused.

check-value-limits.py TOOL ROOT

The largest values of docs/formats.md ("Largest values") together: 1,000 lots of 1,000,000 places,
each awarded whole to one home (the same home in every lot, so that its places across the tender
reach 1,000,000,000) at GBP 1,000,000.00 a week, 53 weeks a year, over 25 + 25 years with a 10%
yearly uplift. `tenderscore evaluate` must exit 0 within the time limit with every lot's annual cost
and contract value exactly as computed here with Python's fractions, and the pack must validate
against the schemas. Then each limit is passed by the smallest step, and by the values the probes
used (initialYears 10000 and 100000 with an uplift, 2,000 places at GBP 999,999,999,999.99): the tool
must refuse each with exit 65 naming the attribute, and the schema must refuse it too.
"""
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time
from fractions import Fraction

TIME_LIMIT = 30  # seconds, for the whole evaluation at the limits; it takes well under one
LOTS = 1000
PLACES = 1_000_000
PRICE = "1000000.00"
INITIAL, EXTENSION, WEEKS, UPLIFT = 25, 25, 53, 10


def tender(initial=INITIAL, extension=EXTENSION, weeks=WEEKS, uplift=UPLIFT, lots=LOTS, places=PLACES,
           ceiling=PRICE):
    lot_elements = "".join(f'  <lot id="L{n}" maxPlaces="{places}" maxWeeklyPrice="{ceiling}"/>\n'
                           for n in range(1, lots + 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<tender xmlns="urn:tenderscore:tender:1" id="T-MAX" deadline="2023-10-02T12:00:00Z">\n'
            '  <title>The largest values</title>\n'
            '  <authority>Test Council</authority>\n'
            f'  <contract initialYears="{initial}" extensionYears="{extension}" weeksPerYear="{weeks}" '
            f'annualUpliftPercent="{uplift}"/>\n'
            '  <evaluation priceWeight="100" qualityWeight="0"/>\n'
            f'{lot_elements}</tender>\n')


def bid(lots=LOTS, places=PLACES, price=PRICE):
    lot_bids = "".join(f'  <lotBid lot="L{n}">\n'
                       f'    <setting urn="SC000001" registeredPlaces="{places}" ofstedRating="Good" '
                       f'places="{places}" weeklyPrice="{price}"/>\n'
                       '  </lotBid>\n' for n in range(1, lots + 1))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<bid xmlns="urn:tenderscore:bid:1" id="B1" tender="T-MAX" submitted="2023-10-01T10:00:00Z">\n'
            '  <bidder name="Provider"/>\n'
            f'{lot_bids}</bid>\n')


SCORES = ('<?xml version="1.0" encoding="UTF-8"?>\n'
          '<scores xmlns="urn:tenderscore:scores:1" tender="T-MAX"/>\n')


def pence(value):
    """Half-up rounding of a positive exact amount of pence, as text in pounds."""
    whole = (value + Fraction(1, 2)).__floor__()
    return f"{whole // 100}.{whole % 100:02d}"


def expected_figures():
    annual = Fraction(WEEKS) * Fraction(PRICE) * 100 * PLACES
    growth = 1 + Fraction(UPLIFT, 100)
    total = sum(annual * growth ** year for year in range(INITIAL + EXTENSION))
    assert total < 2 ** 63, "the limits must keep every figure within 64-bit pence"
    return pence(annual), pence(total)


def write_pack(folder, tender_text, bid_text):
    (folder / "bids").mkdir(parents=True)
    (folder / "tender.xml").write_text(tender_text)
    (folder / "bids" / "B1.xml").write_text(bid_text)
    (folder / "scores.xml").write_text(SCORES)


def schema_accepts(root, pack):
    documents = [("tender.xsd", pack / "tender.xml"), ("bid.xsd", pack / "bids" / "B1.xml"),
                 ("scores.xsd", pack / "scores.xml")]
    return all(subprocess.run(["xmllint", "--noout", "--schema", str(root / "schemas" / xsd), str(path)],
                              capture_output=True).returncode == 0 for xsd, path in documents)


def main():
    tool, root = sys.argv[1], pathlib.Path(sys.argv[2])
    work = pathlib.Path(tempfile.mkdtemp())
    failures = []
    try:
        pack = work / "max"
        write_pack(pack, tender(), bid())
        start = time.monotonic()
        done = subprocess.run([tool, "evaluate", "--tender", str(pack / "tender.xml"), "--bids", str(pack / "bids"),
                               "--scores", str(pack / "scores.xml"), "--out", str(work / "out")],
                              capture_output=True, text=True, timeout=TIME_LIMIT * 4)
        seconds = time.monotonic() - start
        annual, contract = expected_figures()
        if done.returncode != 0 or seconds > TIME_LIMIT:
            failures.append(f"the largest values: exit {done.returncode} after {seconds:.1f} s: {done.stderr}")
        else:
            lots = json.loads((work / "out" / "results.json").read_text())["lots"]
            wrong = [lot["lot"] for lot in lots
                     if (lot["annualCost"], lot["contractValue"], lot["awardedPlaces"]) != (annual, contract, PLACES)]
            if len(lots) != LOTS or wrong:
                failures.append(f"the largest values: {len(lots)} lots, wrong figures in {wrong[:5]}")
        if not schema_accepts(root, pack):
            failures.append("the largest values: the schemas refuse the pack")
        print(f"the largest values: exit {done.returncode} in {seconds:.1f} s; every lot: annual cost {annual}, "
              f"contract value {contract}")

        # One step past each limit, and the probes' values: (name, tender, bid, expected message part).
        past = [
            ("initialYears 26", tender(initial=26), bid(), "attribute 'initialYears' must be from 1 to 25"),
            ("initialYears 10000 with an uplift", tender(initial=10000), bid(), "'initialYears' must be from 1 to 25"),
            ("initialYears 100000", tender(initial=100000, uplift=0), bid(), "'initialYears' must be from 1 to 25"),
            ("extensionYears 26", tender(extension=26), bid(), "attribute 'extensionYears' must be from 0 to 25"),
            ("weeksPerYear 53.000001", tender(weeks="53.000001"), bid(),
             "attribute 'weeksPerYear' must be greater than 0 and at most 53"),
            ("annualUpliftPercent 10.000001", tender(uplift="10.000001"), bid(),
             "attribute 'annualUpliftPercent' must be from 0 to 10"),
            ("maxPlaces 1000001", tender(lots=1, places=PLACES + 1), bid(lots=1),
             "attribute 'maxPlaces' must be from 1 to 1000000"),
            ("1001 lots", tender(lots=LOTS + 1), bid(lots=1), "<tender> may contain <lot> at most 1000 times"),
            ("maxWeeklyPrice 1000000.01", tender(lots=1, ceiling="1000000.01"), bid(lots=1),
             "attribute 'maxWeeklyPrice' must be at most 1000000.00"),
            ("weeklyPrice 1000000.01", tender(lots=1), bid(lots=1, price="1000000.01"),
             "attribute 'weeklyPrice' must be at most 1000000.00"),
            ("2,000 places at 999999999999.99", tender(lots=1, places=2000, ceiling="999999999999.99"),
             bid(lots=1, places=2000, price="999999999999.99"), "must be at most 1000000.00"),
        ]
        for name, tender_text, bid_text, message in past:
            folder = work / name.replace(" ", "-").replace(",", "")
            write_pack(folder, tender_text, bid_text)
            start = time.monotonic()
            done = subprocess.run([tool, "validate", "--tender", str(folder / "tender.xml"), "--bids",
                                   str(folder / "bids"), "--scores", str(folder / "scores.xml")],
                                  capture_output=True, text=True, timeout=TIME_LIMIT * 4)
            seconds = time.monotonic() - start
            ok = done.returncode == 65 and message in done.stderr and seconds < TIME_LIMIT
            schema_ok = not schema_accepts(root, folder)
            first = done.stderr.splitlines()[0] if done.stderr else "no message"
            print(f"{'ok' if ok and schema_ok else 'FAILED'}: {name}: exit {done.returncode} in {seconds:.1f} s, "
                  f"schema {'refuses' if schema_ok else 'ACCEPTS'}: {first}")
            if not (ok and schema_ok):
                failures.append(name)
        for failure in failures:
            print(f"FAILED: {failure}")
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
