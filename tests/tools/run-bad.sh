#!/usr/bin/env bash
# One broken-input case: run the case's command inside its folder (so file names in messages are
# short and stable), compare the exit code and standard error exactly, and check nothing was written.
set -uo pipefail
tool=$1 case_dir=$2
cd "$case_dir"
read -r -a args <command
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# @OUT@ in the command stands for an output folder outside the source tree.
args=("${args[@]//@OUT@/$work/out}")
"$tool" "${args[@]}" >"$work/stdout" 2>"$work/stderr"
status=$?
expected=$(cat expected/exit-code)
if [ "$status" -ne "$expected" ]; then
    echo "expected exit $expected, got $status"; cat "$work/stderr"; exit 1
fi
diff -u expected/stderr.txt "$work/stderr" || exit 1
if [ "$expected" -ne 0 ] && [ -e "$work/out" ]; then
    echo "a failed run left output behind"; ls -la "$work/out"; exit 1
fi
echo "bad case $(basename "$case_dir"): exit $status, message as expected"
