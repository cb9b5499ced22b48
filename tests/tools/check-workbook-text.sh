#!/usr/bin/env bash
# Text that reaches the workbook is made safe for XML in one place: a bid file whose name holds
# ESC, a C1 control and a byte that is not UTF-8 gives a workbook every part of which is
# well-formed XML (xmllint), with the name shown as \xNN on the Audit sheet. And a run at
# SOURCE_DATE_EPOCH=0 is reproducible: two runs give the same bytes.
set -euo pipefail
tool=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample="$root/samples/essex-2023-block"
mkdir "$work/bids"
for f in "$sample"/bids/*.xml; do cp "$f" "$work/bids/"; done
mv "$work/bids/BID-001.xml" "$work/bids/$(printf 'BID-001\033[31m\302\233\377.xml')"
"$tool" evaluate --tender "$sample/tender.xml" --bids "$work/bids" --scores "$sample/scores.xml" --out "$work/out" >/dev/null
mkdir "$work/parts"
(cd "$work/parts" && unzip -q "$work/out/evaluation.xlsx")
count=0
while IFS= read -r -d '' part; do
    xmllint --noout "$part" || { echo "not well-formed: ${part#"$work/parts/"}"; exit 1; }
    count=$((count + 1))
done < <(find "$work/parts" -type f \( -name '*.xml' -o -name '*.rels' \) -print0)
# ESC and the byte that is not UTF-8 are shown; U+009B, which XML allows, is kept as it is.
grep -qF "$(printf 'BID-001\\x1B[31m\302\233\\xFF.xml')" "$work/parts/xl/worksheets/sheet10.xml" \
    || { echo "the Audit sheet does not show the file name's ESC and non-UTF-8 byte as \\xNN"; exit 1; }
echo "all $count XML parts of the workbook are well-formed; the hostile file name is shown as \\xNN"

for run in 1 2; do
    SOURCE_DATE_EPOCH=0 "$tool" evaluate --tender "$sample/tender.xml" --bids "$sample/bids" \
        --scores "$sample/scores.xml" --out "$work/epoch-$run" >/dev/null
    sleep 1
done
cmp "$work/epoch-1/evaluation.xlsx" "$work/epoch-2/evaluation.xlsx" \
    || { echo "two runs at SOURCE_DATE_EPOCH=0 gave different workbooks"; exit 1; }
echo "two runs at SOURCE_DATE_EPOCH=0 give the same workbook"
