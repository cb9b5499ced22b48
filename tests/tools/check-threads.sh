#!/usr/bin/env bash
# Results do not depend on threads: a generated 2,000-bid pack evaluated reading one file at a time
# and with four threads gives byte-identical results.json and evaluation.xlsx.
set -euo pipefail
tool=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${PYTHON:-/usr/bin/python3}" "$root/tests/bench/generate.py" --bids 2000 --seed 7 --out "$work/pack"
for threads in 1 4; do
    printf 'threads = %s\n' "$threads" >"$work/threads-$threads.properties"
    "$tool" evaluate --tender "$work/pack/tender.xml" --bids "$work/pack/bids" --scores "$work/pack/scores.xml" \
        --out "$work/out-$threads" --config "$work/threads-$threads.properties" >/dev/null
done
cmp "$work/out-1/results.json" "$work/out-4/results.json"
cmp "$work/out-1/evaluation.xlsx" "$work/out-4/evaluation.xlsx"
echo "2,000 bids: results.json and evaluation.xlsx identical with 1 and 4 threads"
