#!/usr/bin/env python3
"""Generates a large, realistic tender pack for benchmarks and scale tests.

generate.py --bids N --seed S --out DIR

A national framework with three lots, 1-4 homes per lot bid, four questions, three evaluators
with a mark and a rationale each and a moderated consensus, answers of a few hundred words, and a
share of awkward cases: late bids, requirements not met, homes over the price ceiling or rated
below the minimum, places above registration, and exact ties. The same N and S give the same bytes.
About 5.8 KB of XML per bid.
"""
import argparse
import os
import random

WORDS = ("children young people home staff safeguarding school local authority placement support "
         "therapeutic care plan outcomes review family contact education health transition team "
         "manager training supervision risk assessment missing protocol police social worker").split()
RATIONALES = {
    0: "No relevant answer.",
    1: "Serious gaps; key protocol missing.",
    2: "Limited evidence; several points unaddressed.",
    3: "Meets the specification; outcomes not quantified.",
    4: "Good answer with clear evidence of practice and named leads.",
    5: "Excellent, fully evidenced with local examples and outcomes data.",
}
RATINGS = ["Outstanding", "Good", "Good", "Good", "RequiresImprovement", "NotYetInspected"]


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bids", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "bids"), exist_ok=True)
    n = args.bids
    lots = [("NF-L1", "Residential group care", "5963.00"), ("NF-L2", "Solo and dual placements", "7800.00"),
            ("NF-L3", "Parent and child residential", "6500.00")]
    max_places = max(18, n // 2)
    with open(os.path.join(args.out, "tender.xml"), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        f.write('<tender xmlns="urn:tenderscore:tender:1" id="NF-BENCH" deadline="2024-01-31T12:00:00Z">\n')
        f.write(f"  <title>National framework benchmark, {n} bids</title>\n  <authority>Benchmark Council</authority>\n")
        f.write('  <contract initialYears="2" extensionYears="2" weeksPerYear="52.14" annualUpliftPercent="2.5"/>\n')
        f.write('  <evaluation priceWeight="60" qualityWeight="40" priceMethod="lowest-over-bid" consensus="moderated">\n')
        f.write('    <quality scaleMax="5" minScoreEach="1" minQualityPercent="30">\n')
        for q, w in [("Q1", 12), ("Q2", 10), ("Q3", 10), ("Q4", 8)]:
            f.write(f'      <question id="{q}" weight="{w}">{sentence(rng, 8)}</question>\n')
        f.write('    </quality>\n    <abnormallyLow belowMeanPercent="25"/>\n  </evaluation>\n')
        f.write('  <requirement id="OFSTED-REG">Registered with Ofsted</requirement>\n')
        f.write('  <requirement id="INSURANCE">Insurance of at least GBP 10m</requirement>\n')
        for lot, name, ceiling in lots:
            f.write(f'  <lot id="{lot}" name="{name}" minPlaces="6" maxPlaces="{max_places}" maxPlacesPerSetting="5" '
                    f'maxProviders="{max(8, n // 4)}" maxWeeklyPrice="{ceiling}" minOfstedRating="Good">\n')
            f.write(f'    <phase byMonth="6" places="{max_places // 3}"/>\n  </lot>\n')
        f.write("</tender>\n")

    urn = 100000
    scores = open(os.path.join(args.out, "scores.xml"), "w")
    scores.write('<?xml version="1.0" encoding="UTF-8"?>\n<scores xmlns="urn:tenderscore:scores:1" tender="NF-BENCH">\n')
    for e, name in [("E1", "Commissioning manager"), ("E2", "Placements lead"), ("E3", "Independent reviewer")]:
        scores.write(f'  <evaluator id="{e}" name="{name}"/>\n')
    tie = None
    for b in range(1, n + 1):
        bid = f"NB-{b:06d}"
        day = rng.randint(1, 28)
        late = rng.random() < 0.03
        submitted = f"2024-0{2 if late else 1}-{day:02d}T{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}:00Z"
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 f'<bid xmlns="urn:tenderscore:bid:1" id="{bid}" tender="NF-BENCH" submitted="{submitted}">',
                 f'  <bidder name="Provider {b} Care Ltd" companyNumber="{10000000 + b}"/>',
                 '  <declaration requirement="OFSTED-REG" met="true"/>',
                 f'  <declaration requirement="INSURANCE" met="{"false" if rng.random() < 0.03 else "true"}"/>']
        chosen = rng.sample(lots, rng.choice([1, 1, 2, 3]))
        settings_of_bid = []
        for lot, _, ceiling in sorted(chosen):
            lines.append(f'  <lotBid lot="{lot}">')
            for _ in range(rng.randint(1, 4)):
                urn += 1
                registered = rng.randint(2, 6)
                places = registered + (1 if rng.random() < 0.03 else 0)
                price = round(float(ceiling) * rng.uniform(0.72, 1.03), 2)
                if tie is not None and rng.random() < 0.02:
                    price = tie
                tie = price
                settings_of_bid.append(price)
                lines.append(f'    <setting urn="SC{urn}" name="{rng.choice(WORDS).capitalize()} House" '
                             f'registeredPlaces="{registered}" ofstedRating="{rng.choice(RATINGS)}" places="{places}" '
                             f'weeklyPrice="{price:.2f}" availableMonths="{rng.choice([0, 0, 0, 3, 6, 9, 12])}" '
                             f'localAuthority="Authority {rng.randint(1, 150)}"/>')
            lines.append("  </lotBid>")
        for q in ["Q1", "Q2", "Q3", "Q4"]:
            lines.append(f'  <response question="{q}">' + " ".join(sentence(rng, 12) for _ in range(5)) + "</response>")
        lines.append("</bid>\n")
        with open(os.path.join(args.out, "bids", f"{bid}.xml"), "w") as f:
            f.write("\n".join(lines))
        for q in ["Q1", "Q2", "Q3", "Q4"]:
            consensus = rng.choice([1, 2, 3, 3, 4, 4, 5]) if rng.random() > 0.01 else 0
            for e in ["E1", "E2", "E3"]:
                mark = max(0, min(5, consensus + rng.choice([-1, 0, 0, 1])))
                scores.write(f'  <mark bid="{bid}" question="{q}" evaluator="{e}" score="{mark}">{RATIONALES[mark]} '
                             f'{sentence(rng, 6)}</mark>\n')
            scores.write(f'  <consensus bid="{bid}" question="{q}" score="{consensus}" moderator="E1">Agreed at '
                         f'moderation: {RATIONALES[consensus].lower()}</consensus>\n')
    scores.write("</scores>\n")
    scores.close()


if __name__ == "__main__":
    main()
