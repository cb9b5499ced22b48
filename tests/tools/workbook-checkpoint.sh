#!/usr/bin/env bash
# The audit log's checkpoint printed in a workbook is exactly what `audit verify --checkpoint`
# takes: two runs recorded in one log, the second workbook's checkpoint (on the Audit and Sign-off
# sheets) read back with openpyxl and handed to `audit verify`, which must accept it.
set -euo pipefail
tool=$1 root=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sample="$root/samples/essex-2023-block"
for run in 1 2; do
    "$tool" evaluate --tender "$sample/tender.xml" --bids "$sample/bids" --scores "$sample/scores.xml" \
        --audit "$work/audit.db" --out "$work/run-$run" >/dev/null
done
checkpoints=$("${PYTHON:-/usr/bin/python3}" - "$work/run-2/evaluation.xlsx" <<'PY'
import sys
import openpyxl
book = openpyxl.load_workbook(sys.argv[1], data_only=True)
for sheet, label in [("Audit", "Audit log checkpoint before this run"),
                     ("Sign-off", "Audit log checkpoint before this run")]:
    print(next(row[1] for row in book[sheet].iter_rows(values_only=True) if row[0] == label))
PY
)
audit_sheet=$(sed -n 1p <<<"$checkpoints")
signoff_sheet=$(sed -n 2p <<<"$checkpoints")
[ "$audit_sheet" = "$signoff_sheet" ] || { echo "Audit shows $audit_sheet, Sign-off $signoff_sheet"; exit 1; }
[[ "$audit_sheet" =~ ^1:[0-9a-f]{64}$ ]] || { echo "checkpoint '$audit_sheet' is not SIZE:HEAD after one run"; exit 1; }
"$tool" audit verify --audit "$work/audit.db" --checkpoint "$audit_sheet" >/dev/null \
    || { echo "audit verify refuses the workbook's checkpoint $audit_sheet"; exit 1; }
echo "the workbook's checkpoint $audit_sheet is accepted by audit verify --checkpoint"
