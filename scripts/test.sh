#!/usr/bin/env bash
# The project's test command (README.md): every unit, rendering and end-to-end test.
# Afterwards it prints the figures the reliability tests measured.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/tmp/figures
cargo test --all-targets "$@"
if compgen -G "target/tmp/figures/*.txt" >/dev/null; then
    echo
    echo "Measured in this run:"
    cat target/tmp/figures/*.txt
fi
