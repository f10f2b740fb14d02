#!/usr/bin/env bash
# Kill injection for the money path (issue 11): N trials, each a confirmed refund
# (`partnerhub refund … --confirm`) killed with SIGKILL at a random moment between start and
# its settled answer, then a restart (`partnerhub reconcile`, what the TUI does at start).
# Afterwards, against the sandbox: exactly one refund per confirmed intent (a pending-operation
# row written before sending), none lost, none doubled, none without an intent.
#
#   scripts/kill-refunds.sh [TRIALS=200]     PARTNERHUB_BIN=path/to/partnerhub to choose the binary
set -euo pipefail
trials=${1:-200}
bin=${PARTNERHUB_BIN:-.build/debug/partnerhub}
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# One direct-payment client per trial, each number with 20.00 EUR left of a 21.00 payment.
{
  echo '{"partner": {"id": "killPA", "brand_name": "Kill test"}, "clients": ['
  for i in $(seq 1 "$trials"); do
    [ "$i" -gt 1 ] && echo ','
    printf '{"id": "k%dCL", "payment_model": "direct", "channels": [{"id": "k%dCH", "phone_number": "+4930%07d", "state": "live", "waba_account_id": "k%dWA", "balance": "20.00 EUR", "usage_since_latest_payment": "1.00 EUR", "payments": [{"id": "p%d", "invoice_id": "INV-%d", "amount": "21.00 EUR", "paid_at": "2026-10-01T00:00:00Z"}]}]}' \
      "$i" "$i" "$i" "$i" "$i" "$i"
  done
  echo ']}'
} > "$work/scenario.json"

"$bin" sandbox serve --port 0 --scenario "$work/scenario.json" --time-scale 0 --faults latency=150ms > "$work/serve.out" 2>&1 &
server=$!
for _ in $(seq 1 200); do grep -q 'url=' "$work/serve.out" 2>/dev/null && break; sleep 0.05; done
url=$(sed -n 's/.*url=\([^ ]*\).*/\1/p' "$work/serve.out" | head -1)
[ -n "$url" ] || { echo "the sandbox did not start:"; cat "$work/serve.out"; exit 1; }

export PARTNERHUB_API_KEY=sandbox-key XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
conn=(--api-base "$url" --partner-id killPA)

completed=0; killed=0
for i in $(seq 1 "$trials"); do
  "$bin" refund "k${i}CH" --confirm "$(printf %04d $((i % 10000)))" "${conn[@]}" > /dev/null 2>&1 &
  pid=$!
  # Anywhere from before the process is up to after the answer (each request waits 150 ms at the sandbox).
  sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.3f", (r % 750) / 1000 }')"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null || true
  "$bin" reconcile "${conn[@]}" >> "$work/reconcile.out"
done
resumed=$(grep -c 'after the restart' "$work/reconcile.out" || true)
checked=$(grep -c 'it was applied' "$work/reconcile.out" || true)

"$bin" operations "${conn[@]}" | tail -n +2 > "$work/ops.txt"
"$bin" refunds "${conn[@]}" | tail -n +2 > "$work/refunds.txt"
intents=$(wc -l < "$work/ops.txt")
refunds=$(wc -l < "$work/refunds.txt")
unsettled=$(awk '$2 != "succeeded"' "$work/ops.txt" | wc -l)
doubled=$(awk '{print $2}' "$work/refunds.txt" | sort | uniq -d | wc -l)
lost=0
while read -r key _; do
  n=$(awk -v k="$key" '$3 == k' "$work/refunds.txt" | wc -l)
  [ "$n" -eq 1 ] || lost=$((lost + 1))
done < "$work/ops.txt"
orphans=0
while read -r _ _ key _; do
  grep -q "^$key " "$work/ops.txt" || orphans=$((orphans + 1))
done < "$work/refunds.txt"

echo "trials $trials: killed mid-way $killed, confirmed intents $intents (the rest were killed before the intent was written)," \
     "found applied after a restart $checked, sent after a restart $resumed, refunds at the sandbox $refunds; lost $lost, doubled $doubled, without an intent $orphans, unsettled $unsettled"
if [ "$lost" -eq 0 ] && [ "$doubled" -eq 0 ] && [ "$orphans" -eq 0 ] && [ "$unsettled" -eq 0 ] && [ "$intents" -eq "$refunds" ]; then
  echo "OK: exactly one refund per confirmed intent"
else
  echo "FAILED"; echo "--- operations"; cat "$work/ops.txt"; echo "--- refunds"; cat "$work/refunds.txt"; exit 1
fi
