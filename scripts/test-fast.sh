#!/usr/bin/env bash
# The fast tier (docs/testing.md): everything but the end-to-end tests (the built binary in
# tmux, headless commands, sandbox serve) and the PostgreSQL suites. About a minute after a
# build on 2 cores; run it between edits. README's command (and .ci/run) still runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift test --no-parallel --skip EndToEndTests --skip HubTeamTests "$@"
