#!/usr/bin/env bash
# Every XML document of a pack validates against the published XSDs.
set -euo pipefail
case_dir=$1 root=$2
pack=$case_dir
[ -f "$case_dir/pack" ] && pack="$root/$(cat "$case_dir/pack")"
xmllint --noout --schema "$root/schemas/tender.xsd" "$pack/tender.xml"
xmllint --noout --schema "$root/schemas/bid.xsd" "$pack"/bids/*.xml
xmllint --noout --schema "$root/schemas/scores.xsd" "$pack/scores.xml"
