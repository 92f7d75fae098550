#!/usr/bin/env bash
# The project's test command (README.md): every unit, rendering and end-to-end test,
# and a check that the benchmarks still build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --all-targets "$@"
