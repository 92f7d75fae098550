#!/usr/bin/env bash
# The project's test command (README.md): every unit, rendering and end-to-end test.
# Afterwards it prints the figures the reliability tests measured, and which tests were
# skipped because a tool is missing (they pass without it, so say it here, at the end).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/tmp/figures target/tmp/skipped
status=0
cargo test --all-targets "$@" || status=$?
if compgen -G "target/tmp/figures/*.txt" >/dev/null; then
    echo
    echo "Measured in this run:"
    cat target/tmp/figures/*.txt
fi
if compgen -G "target/tmp/skipped/*.txt" >/dev/null; then
    echo
    for f in target/tmp/skipped/*.txt; do
        tool=$(basename "$f" .txt)
        n=$(wc -l <"$f")
        how=$(head -n1 "$f" | cut -f2)
        if [ "$n" -eq 1 ]; then tests="1 test"; else tests="$n tests"; fi
        echo "$tests skipped: $tool missing (install: $how)"
    done
fi
exit "$status"
