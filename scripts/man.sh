#!/usr/bin/env bash
# Regenerates docs/man/partnerhub.1 from the commands themselves (swift-argument-parser's
# manual generator run on the built binary); ManPageTests keeps the file equal to this.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product partnerhub >/dev/null
swift build --product generate-manual >/dev/null
.build/debug/generate-manual .build/debug/partnerhub --date 2026-12-04 --authors "partnerhub developers" -o docs/man
echo "docs/man/partnerhub.1"
