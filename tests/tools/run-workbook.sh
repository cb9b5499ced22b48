#!/usr/bin/env bash
# The workbook of one golden case: its figures equal results.json, computed figures are formulas,
# and LibreOffice recalculating it on load gets exactly the cached values.
set -euo pipefail
tool=$1 case_dir=$2 root=$3
. "$(dirname "$0")/pack-of.sh"
pack=$(pack_of "$case_dir" "$root")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tool" evaluate --tender "$pack/tender.xml" --bids "$pack/bids" --scores "$pack/scores.xml" --out "$work/out" >/dev/null
"${PYTHON:-/usr/bin/python3}" "$root/tests/tools/check-workbook.py" "$work/out/evaluation.xlsx" "$work/out/results.json" --recalculate $([ -f "$case_dir/expect-truncated" ] && echo --expect-truncated)
