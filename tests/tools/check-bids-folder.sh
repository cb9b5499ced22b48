#!/usr/bin/env bash
# check-bids-folder.sh TOOL ROOT: a bids folder, or an input path, that cannot be listed or read is
# missing or unreadable input with the path named (66 for a path given on the command line, 65 for
# what is found in the bids folder), never an internal error (70) or a bid silently left out.
set -uo pipefail
tool=$1 root=$2
work=$(mktemp -d)
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work" || exit 1
cp "$root/samples/essex-2023-block/tender.xml" tender.xml
failures=0

# expect CODE TEXT COMMAND...: exit CODE, TEXT in the output, within 20 seconds.
expect() {
    local code=$1 text=$2
    shift 2
    local output status
    output=$(timeout 20 "$@" 2>&1)
    status=$?
    if [ "$status" -ne "$code" ] || ! grep -qF -- "$text" <<<"$output"; then
        printf 'FAILED: %s\n  expected exit %s with: %s\n  got exit %s:\n%s\n' "$*" "$code" "$text" "$status" "$output"
        failures=$((failures + 1))
    else
        printf 'ok: exit %s: %s\n' "$status" "$(head -1 <<<"$output")"
    fi
}

fresh() {
    chmod -R u+rwx bids 2>/dev/null
    rm -rf bids && cp -r "$root/samples/essex-2023-block/bids" bids
}

fresh
ln -s loop.xml bids/loop.xml
expect 65 "bids/loop.xml: error [read]: cannot read the file: Too many levels of symbolic links" \
    "$tool" validate --tender tender.xml --bids bids

fresh
ln -s loop bids/loop
expect 0 "no problems found in 9 bids" "$tool" validate --tender tender.xml --bids bids

fresh
ln -s missing.xml bids/BID-010.xml
expect 65 "bids/BID-010.xml: error [read]: cannot read the file: No such file or directory" \
    "$tool" validate --tender tender.xml --bids bids

fresh
mkdir bids/folder.xml
expect 65 "bids/folder.xml: error [read]: a bid file must be a regular file; this is not" \
    "$tool" validate --tender tender.xml --bids bids

fresh
mkfifo bids/pipe.xml
expect 65 "bids/pipe.xml: error [read]: a bid file must be a regular file; this is not" \
    "$tool" validate --tender tender.xml --bids bids

ln -s looping looping
expect 66 "cannot open the bids folder looping" "$tool" validate --tender tender.xml --bids looping
expect 66 "cannot open the tender file looping" "$tool" validate --tender looping
expect 66 "cannot open the scores file looping" "$tool" validate --tender tender.xml --scores looping
expect 66 "cannot open the configuration file looping" "$tool" validate --tender tender.xml --config looping

# A folder that cannot be listed. Root lists any folder, so as root the tool runs without the
# capabilities that let it (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH).
fresh
chmod 000 bids
unprivileged=()
if [ "$(id -u)" = 0 ]; then
    unprivileged=(setpriv --bounding-set=-dac_override,-dac_read_search)
fi
expect 65 "bids: error [bids-folder]: cannot list the bids folder: Permission denied" \
    "${unprivileged[@]}" "$tool" validate --tender tender.xml --bids bids
expect 65 "bids: error [bids-folder]: cannot list the bids folder: Permission denied" \
    "${unprivileged[@]}" "$tool" evaluate --tender tender.xml --bids bids \
    --scores "$root/samples/essex-2023-block/scores.xml" --out out
if [ -e out ]; then
    echo "FAILED: a refused pack left output behind"; failures=$((failures + 1))
fi
chmod 755 bids

exit $((failures > 0))
