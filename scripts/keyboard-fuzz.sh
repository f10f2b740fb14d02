#!/usr/bin/env bash
# Random keys with dialogs open, as the suite's KeyboardFuzzTests but longer (issue 26):
# no crash, no hang, and no change asked for in read-only.
#   scripts/keyboard-fuzz.sh [EVENTS=50000]
set -euo pipefail
cd "$(dirname "$0")/.."
PARTNERHUB_FUZZ_EVENTS="${1:-50000}" swift test --filter KeyboardFuzzTests
