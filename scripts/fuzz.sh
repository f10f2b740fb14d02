#!/usr/bin/env bash
# libFuzzer over the parsers that read server and file input (docs/testing.md).
#   scripts/fuzz.sh [TARGET|all] [RUNS]     TARGET: decoders money csv scenario text
# Builds HubCore (and the scenario parser) with coverage instrumentation, then runs each
# target for RUNS inputs (default 20000) from a seed corpus in Fuzz/corpus/TARGET. A crash
# leaves its input as Fuzz/crashes/TARGET-*; make it a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-all}
runs=${2:-20000}
build=${FUZZ_BUILD:-.build/fuzz}
mkdir -p "$build" Fuzz/crashes
[ -d /opt/swift/usr/bin ] && export PATH="/opt/swift/usr/bin:$PATH"

if [ ! -x "$build/fuzz" ] || [ -n "$(find Sources/HubCore Fuzz Sources/HubSandbox/SandboxScenario*.swift -newer "$build/fuzz" -name '*.swift' | head -1)" ]; then
  echo "fuzz: building"
  swiftc -module-name HubCore -parse-as-library -O -sanitize=fuzzer -parse-as-library \
    -emit-module -emit-module-path "$build/HubCore.swiftmodule" \
    -emit-library -static -o "$build/libHubCore.a" $(find Sources/HubCore -name '*.swift')
  swiftc -module-name PartnerhubFuzz -parse-as-library -O -sanitize=fuzzer -I "$build" -L "$build" -lHubCore \
    Fuzz/FuzzTargets.swift Sources/HubSandbox/SandboxScenario.swift Sources/HubSandbox/SandboxScenario+Validation.swift \
    -o "$build/fuzz"
fi

targets=(decoders money csv scenario text)
[ "$target" != all ] && targets=("$target")
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  [ -d "Fuzz/corpus/$t" ] && cp -n Fuzz/corpus/$t/* "$corpus/" 2>/dev/null || true
  echo "fuzz: $t, $runs runs"
  # SWIFT_BACKTRACE off: libFuzzer must catch the crash to write its input.
  SWIFT_BACKTRACE=enable=no PARTNERHUB_FUZZ_TARGET=$t "$build/fuzz" -runs="$runs" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="Fuzz/crashes/$t-" "$corpus" 2>&1 | grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs|ERROR|SUMMARY|Fatal error|crash-" || true
  if ls Fuzz/crashes/$t-* >/dev/null 2>&1; then echo "fuzz: $t crashed, inputs in Fuzz/crashes/"; exit 1; fi
done
echo "fuzz: no crash"
