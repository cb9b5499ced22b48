#!/usr/bin/env bash
# Renders the Essex sample's Summary sheet to docs/images/summary-sheet.png (LibreOffice to PDF,
# pdftoppm to PNG), for docs/workbook.md. Run by `make docs-images`.
set -euo pipefail
tool=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample=$root/samples/essex-2023-block
SOURCE_DATE_EPOCH=1697068800 "$tool" evaluate --tender "$sample/tender.xml" --bids "$sample/bids" \
    --scores "$sample/scores.xml" --out "$work/out" >/dev/null
HOME=$work soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" \
    "$work/out/evaluation.xlsx" >/dev/null
pdftoppm -r 110 -f 1 -l 1 -x 60 -y 40 -W 1000 -H 860 -png "$work/evaluation.pdf" "$work/summary"
cp "$work/summary-1.png" "$root/docs/images/summary-sheet.png"
echo "wrote docs/images/summary-sheet.png"
