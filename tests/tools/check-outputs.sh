#!/usr/bin/env bash
# Outputs are deterministic, written whole or not at all, and a failed run leaves an earlier good
# output byte-identical. An output folder that cannot be created gives exit 73.
set -euo pipefail
tool=$1 root=$2
sample=$root/samples/essex-2023-block
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
evaluate() { "$tool" evaluate --tender "$1/tender.xml" --bids "$1/bids" --scores "$1/scores.xml" --out "$2"; }

evaluate "$sample" "$work/out" >/dev/null
evaluate "$sample" "$work/again" >/dev/null
cmp "$work/out/results.json" "$work/again/results.json"
cmp "$work/out/evaluation.xlsx" "$work/again/evaluation.xlsx"
echo "same inputs, same bytes: results.json and evaluation.xlsx"

cp -r "$sample" "$work/broken"
sed -i 's/weeklyPrice="5450.00"/weeklyPrice="5,450.00"/' "$work/broken/bids/BID-001.xml"
cp "$work/out/results.json" "$work/results.before"
cp "$work/out/evaluation.xlsx" "$work/workbook.before"
status=0
evaluate "$work/broken" "$work/out" >/dev/null 2>"$work/stderr" || status=$?
[ "$status" -eq 65 ] || { echo "broken pack: expected exit 65, got $status"; exit 1; }
grep -q "BID-001.xml:7:5: error \[money\]" "$work/stderr" || { cat "$work/stderr"; exit 1; }
cmp "$work/results.before" "$work/out/results.json"
cmp "$work/workbook.before" "$work/out/evaluation.xlsx"
[ "$(ls -A "$work/out" | sort | tr '\n' ' ')" = "evaluation.xlsx results.json " ] || { ls -la "$work/out"; exit 1; }
echo "a failed run left the earlier outputs byte-identical and no temporary files"

touch "$work/a-file"
status=0
evaluate "$sample" "$work/a-file/out" >/dev/null 2>"$work/stderr" || status=$?
[ "$status" -eq 73 ] || { echo "unwritable folder: expected exit 73, got $status"; cat "$work/stderr"; exit 1; }
grep -q "cannot create the output folder" "$work/stderr" || { cat "$work/stderr"; exit 1; }
echo "an output folder that cannot be created gives exit 73"

# SOURCE_DATE_EPOCH (1697068800 in the tests) is the workbook's created time.
created=$("${PYTHON:-/usr/bin/python3}" -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("docProps/core.xml").decode())' "$work/out/evaluation.xlsx")
grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">2023-10-12T00:00:00Z</dcterms:created>' <<<"$created" || { echo "$created"; exit 1; }
echo "the workbook's created time is SOURCE_DATE_EPOCH"
