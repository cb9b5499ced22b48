#!/usr/bin/env bash
# The workbook of one golden case: its figures equal results.json, computed figures are formulas,
# and LibreOffice recalculating it on load gets exactly the cached values.
set -euo pipefail
tool=$1 case_dir=$2 root=$3
. "$(dirname "$0")/pack-of.sh"
tender=$(pack_file "$case_dir" "$root" tender.xml)
bids=$(pack_file "$case_dir" "$root" bids)
scores=$(pack_file "$case_dir" "$root" scores.xml)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tool" evaluate --tender "$tender" --bids "$bids" --scores "$scores" --out "$work/out" >/dev/null
"${PYTHON:-/usr/bin/python3}" "$root/tests/tools/check-workbook.py" "$work/out/evaluation.xlsx" "$work/out/results.json" --recalculate $([ -f "$case_dir/expect-truncated" ] && echo --expect-truncated)
