#!/usr/bin/env bash
# expect-exit.sh CODE TEXT COMMAND...: the command exits with CODE and prints TEXT (stdout or
# stderr). TEXT starting with "=" must be the whole output, exactly (less the "=").
set -uo pipefail
expected=$1 text=$2
shift 2
output=$("$@" 2>&1)
status=$?
if [ "$status" -ne "$expected" ]; then
    printf 'expected exit %s, got %s\n%s\n' "$expected" "$status" "$output"; exit 1
fi
if [ "${text:0:1}" = "=" ]; then
    if [ "$output" != "${text:1}" ]; then
        printf 'expected exactly:\n%s\ngot:\n%s\n' "${text:1}" "$output"; exit 1
    fi
elif ! grep -qF -- "$text" <<<"$output"; then
    printf 'expected output to contain: %s\ngot:\n%s\n' "$text" "$output"; exit 1
fi
echo "exit $status with: $text"
