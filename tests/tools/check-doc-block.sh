#!/usr/bin/env bash
# check-doc-block.sh DOC NAME EXPECTED: the fenced block between <!-- NAME:begin --> and
# <!-- NAME:end --> in DOC equals EXPECTED (less its last "Wrote ..." lines), so docs cannot rot.
set -euo pipefail
doc=$1 name=$2 expected=$3
actual=$(sed -n "/<!-- $name:begin -->/,/<!-- $name:end -->/p" "$doc" | sed '1,2d;$d' | sed '$d')
wanted=$(sed '/^Wrote /d' "$expected" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}')
if [ "$actual" != "$wanted" ]; then
    diff -u <(echo "$wanted") <(echo "$actual") || true
    echo "$doc: block '$name' differs from $expected"; exit 1
fi
echo "$doc: block '$name' matches $expected"
