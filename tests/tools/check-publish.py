#!/usr/bin/env python3
"""One publish golden case: tests/golden-publish/<case>/ holds `pack` (a folder under the repository
root, or the pack itself), expected/ocds.json, expected/summaries/*.html, expected/stdout.txt and
worked.json (fields of ocds.json and the figures they must have, worked by hand in
docs/publication.md).

Runs `evaluate` for results.json and `publish` (HTML only), then checks: exit statuses; stdout,
ocds.json and every summary byte for byte; ocds.json against schemas/ocds-release-package.schema.json;
every reference in it (parties, lots, bids); award values, bid statuses, values and ranks equal to
results.json's; that each summary holds the items of reg 31 for its case; and that no summary holds
the name, bid id, homes or figures of another unsuccessful bidder. With --update, rewrites expected/.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import jsonschema

BID_NS = "{urn:tenderscore:bid:1}"
SCORES_NS = "{urn:tenderscore:scores:1}"
PREFIX = "ocds-b5fd17"
failures = []
INPUT_TEXTS = []
PUBLIC_FIGURES = set()


def fail(message):
    failures.append(message)


def pack_path(case, root, name):
    if (case / name).exists() or not (case / "pack").is_file():
        return case / name
    return root / (case / "pack").read_text().strip() / name


def run(args, cwd, env_extra=None):
    env = dict(os.environ, TENDERSCORE_CHROMIUM="", **(env_extra or {}))
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def rejected_files(scores):
    """The files of the bids folder the panel rejected at opening (scores/rejected/@file): not bids."""
    return {r.get("file") for r in ET.parse(scores).getroot().iter(SCORES_NS + "rejected")}


def bid_files(folder, rejected):
    return [p for p in sorted(folder.glob("*.xml")) if p.name not in rejected]


def read_bids(paths):
    """Each bid's id, bidder name, company number, homes (name, URN, weekly price) and band prices."""
    bids = {}
    for path in paths:
        bid = ET.parse(path).getroot()
        bidder = bid.find(BID_NS + "bidder")
        homes = [s.attrib for s in bid.iter(BID_NS + "setting")]
        prices = [p.get("amount") for p in bid.iter(BID_NS + "price")]
        bids[bid.get("id")] = {"name": bidder.get("name"), "company": bidder.get("companyNumber", ""),
                               "address": bidder.get("address", ""), "email": bidder.get("email", ""),
                               "homes": homes, "prices": prices}
    return bids


def successful(row):
    """Awarded places in a places lot, admitted in a framework lot (spec v2)."""
    return (row["awardedPlaces"] or 0) > 0 or row.get("admitted") is True


def money_forms(amount):
    value = Decimal(amount)
    return {f"{value:.2f}", f"{value:,.2f}"}


def check_ocds(ocds, results, bids):
    schema = json.loads((ROOT / "schemas/ocds-release-package.schema.json").read_text())
    for error in jsonschema.Draft202012Validator(schema).iter_errors(ocds):
        fail(f"ocds.json {'/'.join(map(str, error.path))}: {error.message}")
    release = ocds["releases"][0]
    parties = {party["id"]: party for party in release["parties"]}
    lots = {lot["id"] for lot in release["tender"]["lots"]}
    details = {bid["id"]: bid for bid in release["bids"]["details"]}
    refs = [release["buyer"]] + release["tender"]["tenderers"]
    refs += [t for bid in details.values() for t in bid["tenderers"]]
    refs += [s for award in release["awards"] for s in award.get("suppliers", [])]
    for ref in refs:
        if ref["id"] not in parties or parties[ref["id"]]["name"] != ref["name"]:
            fail(f"ocds.json: {ref} is not a party")
    for item in list(details.values()) + release["awards"]:
        if not set(item["relatedLots"]) <= lots:
            fail(f"ocds.json: {item['id']} names a lot that is not in tender.lots")
    for lot in results["lots"]:
        award = next(a for a in release["awards"] if a["relatedLots"] == [lot["lot"]])
        winners = [b for b in lot["bids"] if successful(b)]
        if award["status"] != ("active" if winners else "unsuccessful"):
            fail(f"ocds.json: award {award['id']} status {award['status']} with {len(winners)} successful bids")
        if lot.get("award") == "framework":
            # No contract value applies to a framework lot (spec v2, 2.6): results.json has none, and
            # neither has the award.
            if lot["contractValue"] is not None or "value" in award:
                fail(f"ocds.json: framework award {award['id']} has a value")
        elif winners and Decimal(str(award["value"]["amount"])) != Decimal(lot["contractValue"]):
            fail(f"ocds.json: award {award['id']} value {award['value']['amount']} != {lot['contractValue']}")
        if [d.split("/")[0] for d in award.get("relatedBids", [])] != [b["bid"] for b in winners]:
            fail(f"ocds.json: award {award['id']} relatedBids are not the bids awarded places or admitted")
        supplier_names = [s["name"] for s in award.get("suppliers", [])]
        winner_names = list(dict.fromkeys(bids[b["bid"]]["name"] for b in winners))
        if supplier_names != winner_names:
            fail(f"ocds.json: award {award['id']} suppliers {supplier_names} != {winner_names} (rank order)")
        for row in lot["bids"]:
            detail = details[row["bid"] + "/" + lot["lot"]]
            if detail["status"] != ("valid" if row["status"] == "compliant" else "disqualified"):
                fail(f"ocds.json: bid {detail['id']} status {detail['status']}")
            if detail.get("rank") != row["rank"]:
                fail(f"ocds.json: bid {detail['id']} rank {detail.get('rank')} != {row['rank']}")
            price = detail.get("value", {}).get("amount")
            if (price is None) != (row["evaluatedPrice"] is None) or (
                    price is not None and Decimal(str(price)) != Decimal(row["evaluatedPrice"])):
                fail(f"ocds.json: bid {detail['id']} value {price} != {row['evaluatedPrice']}")
    if set(details) != {row["bid"] + "/" + lot["lot"] for lot in results["lots"] for row in lot["bids"]}:
        fail("ocds.json: bids.details are not the lot bids of results.json (a rejected file is not a bid)")
    for bid_id, bid in bids.items():
        party = parties.get(f"GB-COH-{bid['company']}") if bid["company"] else parties.get(f"tenderer-{bid_id}")
        if party is None or party["name"] != bid["name"]:
            fail(f"ocds.json: no party for {bid_id}")


def check_worked(ocds, worked):
    for path, expected in worked.items():
        value = ocds
        for step in path.split("/"):
            value = value[int(step)] if isinstance(value, list) else value[step]
        if str(value) != expected:
            fail(f"ocds.json {path}: {value!r}, worked by hand as {expected}")


def forms(text):
    return {text, html.escape(text, quote=True), html.escape(text, quote=True).replace("&#x27;", "&#39;")}


def input_texts(paths):
    """Every element text and name of the tender, the scores and the bids: the council's and bidders' words."""
    texts = set()
    for path in paths:
        for element in ET.parse(path).getroot().iter():
            texts |= {element.text.strip()} if element.text and element.text.strip() else set()
            texts |= {element.get("name")} if element.get("name") else set()
    return sorted(texts, key=len, reverse=True)


def own_words(page):
    """The page without the texts that came from the inputs: what the writer itself says."""
    for text in INPUT_TEXTS:
        for form in forms(text):
            page = page.replace(form, "")
    return page


def holds(page, token):
    """Whether the page holds the token: figures only as whole figures (not 800.00 in 1,800.00)."""
    if re.fullmatch(r"[\d,.]+", token):
        return any(re.search(rf"(?<![\d,.]){re.escape(form)}(?![\d])", page) for form in forms(token))
    return any(form in page for form in forms(token))


def check_summaries(folder, results, bids):
    winners, figures, rows_of = set(), {}, {}
    all_framework = all(lot.get("award") == "framework" for lot in results["lots"])
    for lot in results["lots"]:
        for row in lot["bids"]:
            rows_of.setdefault(row["bid"], []).append(dict(row, framework=lot.get("award") == "framework"))
            if successful(row):
                winners.add(row["bid"])
    for bid_id, bid in bids.items():
        mine = {bid_id, bid["name"]}
        for home in bid["homes"]:
            mine |= {home["urn"], home.get("name", "")} | money_forms(home["weeklyPrice"])
        for price in bid["prices"]:
            mine |= money_forms(price)
        for row in rows_of.get(bid_id, []):
            for key in ("evaluatedPrice", "priceScore", "qualityScore", "totalScore"):
                if row[key] is not None:
                    mine |= money_forms(row[key]) if key == "evaluatedPrice" else {row[key]}
        figures[bid_id] = {token for token in mine if token}
    allowed_everywhere = set().union(*(figures[w] for w in winners)) if winners else set()
    allowed_everywhere |= PUBLIC_FIGURES
    for bid_id, bid in bids.items():
        page = (folder / f"{bid_id}.html").read_bytes().decode("utf-8")
        # Reg 31: who it is for, its own figures, the reasons, the successful tenders beside it.
        if "<script" in page.lower():
            fail(f"{bid_id}.html: holds a script element")
        for other, details in bids.items():
            if other != bid_id and details["email"] and details["email"] in page:
                fail(f"{bid_id}.html: holds {other}'s email, which is for its own summary only")
        needs = [bid["name"], bid["company"], bid["address"], bid["email"]]
        needs += [bids[w][key] for w in winners for key in ("name", "address", "company")]
        for needed in needs:
            if needed and not any(form in page for form in forms(needed)):
                fail(f"{bid_id}.html: does not name {needed!r}")
        for row in rows_of.get(bid_id, []):
            for key in ("priceScore", "qualityScore", "totalScore"):
                if row[key] is not None and row[key] not in page:
                    fail(f"{bid_id}.html: its {key} {row[key]} is missing")
            if row["rank"] is not None and not re.search(rf"\b{row['rank']}(st|nd|rd|th) of ", page):
                fail(f"{bid_id}.html: its rank {row['rank']} is missing")
            if row["status"] == "excluded" and "Why your tender was excluded" not in page:
                fail(f"{bid_id}.html: excluded, but gives no reason")
            if row["framework"]:
                if row["awardedPlaces"] is not None or (all_framework and re.search(
                        r"\b(homes?|(?<!decimal )places?|budgets?|caps?)\b", own_words(page), re.I)):
                    fail(f"{bid_id}.html: speaks of homes, places, caps or a budget in a framework tender")
                if row["admitted"] is True and "is admitted to the framework, ranked " not in page:
                    fail(f"{bid_id}.html: admitted, but does not say so")
                if row["admitted"] is False and "Why your tender is not admitted to the framework" not in page:
                    fail(f"{bid_id}.html: not admitted, but says not why")
            elif row["status"] == "compliant" and not row["awardedPlaces"] and "not awarded places" not in page:
                fail(f"{bid_id}.html: awarded no places, but says not why")
        # Nothing of another unsuccessful bidder: its name, id, homes, prices and scores.
        allowed = figures[bid_id] | allowed_everywhere
        for other in bids:
            if other == bid_id or other in winners:
                continue
            for token in figures[other] - allowed:
                if holds(page, token):
                    fail(f"{bid_id}.html: holds {token!r} of unsuccessful bidder {other}")


def check_checks_bite(out, ocds, results, bids):
    """The leak test and the schema fail when they should: a planted name, a misspelt field."""
    losers = [b for b in bids if not any(successful(r) for lot in results["lots"] for r in lot["bids"] if r["bid"] == b)]
    if len(losers) >= 2:
        page = out / "summaries" / f"{losers[0]}.html"
        original = page.read_bytes()
        page.write_bytes(original.replace(b"</main>", html.escape(bids[losers[1]]["name"]).encode() + b"</main>"))
        before = len(failures)
        check_summaries(out / "summaries", results, bids)
        page.write_bytes(original)
        if len(failures) == before:
            fail(f"the leak test missed {losers[1]}'s name planted in {page.name}")
        del failures[before:]
    schema = json.loads((ROOT / "schemas/ocds-release-package.schema.json").read_text())
    ocds["releases"][0]["awards"][0]["valeu"] = 1
    if jsonschema.Draft202012Validator(schema).is_valid(ocds):
        fail("the OCDS schema accepts a misspelt field")


def main():
    global ROOT
    args = [a for a in sys.argv[1:] if a != "--update"]
    update = "--update" in sys.argv
    tool, case, ROOT = (Path(a).resolve() for a in args[:3])
    tender, bids_dir, scores = (pack_path(case, ROOT, n) for n in ("tender.xml", "bids", "scores.xml"))
    pack = ["--tender", str(tender), "--bids", str(bids_dir), "--scores", str(scores)]
    work = Path(tempfile.mkdtemp())
    try:
        evaluated = run([str(tool), "evaluate", *pack, "--out", "eval"], work)
        published = run([str(tool), "publish", *pack, "--out", "pub", "--ocid-prefix", PREFIX], work)
        if evaluated.returncode != 0 or published.returncode != 0:
            sys.exit(f"evaluate exited {evaluated.returncode}, publish {published.returncode}:\n{published.stderr}")
        out, expected = work / "pub", case / "expected"
        if update:
            shutil.rmtree(expected, ignore_errors=True)
            shutil.copytree(out, expected)
            (expected / "stdout.txt").write_text(published.stdout)
        if published.stdout != (expected / "stdout.txt").read_text():
            fail(f"stdout differs:\n{published.stdout}")
        made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
        wanted = sorted(p.relative_to(expected).as_posix() for p in expected.rglob("*")
                        if p.is_file() and p.name != "stdout.txt")
        if made != wanted:
            fail(f"files {made} != expected {wanted}")
        for name in set(made) & set(wanted):
            if (out / name).read_bytes() != (expected / name).read_bytes():
                fail(f"{name} differs from expected/{name} (diff -u them to see how)")
        results = json.loads((work / "eval/results.json").read_text())
        ocds = json.loads((out / "ocds.json").read_text(), parse_float=Decimal)
        paths = bid_files(bids_dir, rejected_files(scores))
        bids = read_bids(paths)
        global INPUT_TEXTS, PUBLIC_FIGURES
        INPUT_TEXTS = input_texts([tender, scores, *paths])
        # The tender's own figures (band ceilings) are public: a bid priced at a ceiling is no leak.
        PUBLIC_FIGURES = {form for band in ET.parse(tender).getroot().iter("{urn:tenderscore:tender:1}band")
                          if band.get("maxPrice") for form in money_forms(band.get("maxPrice"))}
        xsd = run(["xmllint", "--noout", "--schema", str(ROOT / "schemas/bid.xsd"), *map(str, paths)], work)
        if xsd.returncode != 0:
            fail(f"the bids do not validate against schemas/bid.xsd:\n{xsd.stderr}")
        check_ocds(json.loads((out / "ocds.json").read_text()), results, bids)
        check_worked(ocds, json.loads((case / "worked.json").read_text()))
        check_summaries(out / "summaries", results, bids)
        check_checks_bite(out, json.loads((out / "ocds.json").read_text()), results, bids)
    finally:
        shutil.rmtree(work)
    for message in failures:
        print(message)
    if failures:
        return 1
    print(f"publish case {case.name}: ocds.json and {len(bids)} summaries identical, schema valid, "
          f"figures equal results.json, no unsuccessful bidder's details in another's summary")
    return 0


if __name__ == "__main__":
    sys.exit(main())
