#!/usr/bin/env bash
# Renders the Essex sample's assessment summary for BID-005 (an unsuccessful bidder) to
# docs/images/assessment-summary-{1,3}.png: publish with Chromium to PDF, pdftoppm to PNG, for
# docs/publication.md. Usage: render-assessment-summary.sh TOOL ROOT
set -euo pipefail
tool=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample=$root/samples/essex-2023-block
SOURCE_DATE_EPOCH=1697068800 TENDERSCORE_CHROMIUM=${TENDERSCORE_CHROMIUM:-$(command -v chromium)} \
    "$tool" publish --tender "$sample/tender.xml" --bids "$sample/bids" --scores "$sample/scores.xml" \
    --ocid-prefix ocds-b5fd17 --out "$work/out" >/dev/null
for page in 1 3; do
    pdftoppm -r 80 -f "$page" -l "$page" -png "$work/out/summaries/BID-005.pdf" "$work/page"
    cp "$work"/page-*"$page".png "$root/docs/images/assessment-summary-$page.png"
    rm "$work"/page-*.png
done
echo "wrote docs/images/assessment-summary-1.png and -3.png"
