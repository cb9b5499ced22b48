#!/usr/bin/env bash
# run-fuzzers.sh BUILD_DIR SECONDS: runs each libFuzzer target for SECONDS on a working copy of its
# checked-in seed corpus, prints the runs and coverage of each, and fails on any finding (a crash,
# a sanitizer report, a timeout or a leak leaves an artifact and a non-zero exit).
set -uo pipefail
build=$1 seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
status=0
for target in tender bid scores evaluate; do
    work="$build/fuzz-work/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    log="$work/fuzz.log"
    "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -dict="$here/tenderscore.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
        "$work/corpus" "$here/corpus/$target" >"$log" 2>&1
    code=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "fuzz_$target: exit $code, ${runs:-?} runs in ${seconds}s, ${cov:-cov: ?}, corpus $(ls "$work/corpus" | wc -l) new inputs"
    if [ "$code" -ne 0 ]; then
        status=1
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -20
    fi
done
exit $status
