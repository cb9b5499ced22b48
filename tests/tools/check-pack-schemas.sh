#!/usr/bin/env bash
# Every XML document of a pack validates against the published XSDs.
set -euo pipefail
case_dir=$1 root=$2
. "$(dirname "$0")/pack-of.sh"
pack=$(pack_of "$case_dir" "$root")
xmllint --noout --schema "$root/schemas/tender.xsd" "$pack/tender.xml"
xmllint --noout --schema "$root/schemas/bid.xsd" "$pack"/bids/*.xml
xmllint --noout --schema "$root/schemas/scores.xsd" "$pack/scores.xml"
