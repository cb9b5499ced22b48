#!/usr/bin/env bash
# Every XML document of a pack validates against the published XSDs.
set -euo pipefail
case_dir=$1 root=$2
. "$(dirname "$0")/pack-of.sh"
tender=$(pack_file "$case_dir" "$root" tender.xml)
bids=$(pack_file "$case_dir" "$root" bids)
scores=$(pack_file "$case_dir" "$root" scores.xml)
xmllint --noout --schema "$root/schemas/tender.xsd" "$tender"
xmllint --noout --schema "$root/schemas/bid.xsd" "$bids"/*.xml
xmllint --noout --schema "$root/schemas/scores.xsd" "$scores"
