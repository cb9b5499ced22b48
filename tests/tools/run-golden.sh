#!/usr/bin/env bash
# One golden case: evaluate the pack, compare results.json (and stdout when expected) byte for
# byte, and check results.json against schemas/results.schema.json.
set -euo pipefail
tool=$1 case_dir=$2 root=$3
. "$(dirname "$0")/pack-of.sh"
pack=$(pack_of "$case_dir" "$root")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
status=0
"$tool" evaluate --tender "$pack/tender.xml" --bids "$pack/bids" --scores "$pack/scores.xml" --out out \
    >stdout.txt 2>stderr.txt || status=$?
if [ "$status" -ne 0 ]; then
    echo "evaluate exited $status"; cat stderr.txt; exit 1
fi
diff -u "$case_dir/expected/results.json" out/results.json
if [ -f "$case_dir/expected/stdout.txt" ]; then
    diff -u "$case_dir/expected/stdout.txt" stdout.txt
fi
"${PYTHON:-/usr/bin/python3}" "$root/tests/tools/check-json-schema.py" "$root/schemas/results.schema.json" out/results.json
test -s out/evaluation.xlsx
echo "golden case $(basename "$case_dir"): results.json identical, schema valid"
