#!/usr/bin/env bash
# Every XML document of a pack validates against the published XSDs, except the files its scores
# reject at opening.
set -euo pipefail
case_dir=$1 root=$2
. "$(dirname "$0")/pack-of.sh"
tender=$(pack_file "$case_dir" "$root" tender.xml)
bids=$(pack_file "$case_dir" "$root" bids)
scores=$(pack_file "$case_dir" "$root" scores.xml)
xmllint --noout --schema "$root/schemas/tender.xsd" "$tender"
xmllint --noout --schema "$root/schemas/scores.xsd" "$scores"
# The files the panel rejected at opening (version 2) are not bids: they are never read as one.
rejected=$(xmllint --xpath '//*[local-name()="rejected"]/@file' "$scores" 2>/dev/null |
    sed -e 's/^ *file="//' -e 's/"$//' || true)
for bid in "$bids"/*.xml; do
    if ! printf '%s\n' "$rejected" | grep -qxF "$(basename "$bid")"; then
        xmllint --noout --schema "$root/schemas/bid.xsd" "$bid"
    fi
done
