#!/usr/bin/env bash
# One golden case: evaluate the pack, compare results.json (and stdout when expected) byte for
# byte, and check results.json against schemas/results.schema.json.
set -euo pipefail
tool=$1 case_dir=$2 root=$3
. "$(dirname "$0")/pack-of.sh"
tender=$(pack_file "$case_dir" "$root" tender.xml)
bids=$(pack_file "$case_dir" "$root" bids)
scores=$(pack_file "$case_dir" "$root" scores.xml)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
status=0
"$tool" evaluate --tender "$tender" --bids "$bids" --scores "$scores" --out out \
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
