#!/usr/bin/env bash
# Kill injection for changes that must happen exactly once: N trials, each a confirmed intent
# (`partnerhub refund … --confirm` for issue 11, `partnerhub partner-change … --confirm` for
# issue 10) killed with SIGKILL at a random moment between start and its settled answer, then a
# restart (`partnerhub reconcile`, what the TUI does at start). Afterwards, against the sandbox:
# exactly one refund or request per confirmed intent (a pending-operation row written before
# sending), none lost, none doubled, none without an intent.
#
#   scripts/kill-injection.sh refund [TRIALS=200]
#   scripts/kill-injection.sh partner-change [TRIALS=50]
#   PARTNERHUB_BIN=path/to/partnerhub chooses the binary (default .build/debug/partnerhub)
set -euo pipefail
mode=${1:-refund}
# The kill lands anywhere from before the process is up to after its answer (each request waits
# 150 ms at the sandbox; a refund asks for the funds and the number first).
case "$mode" in refund) trials=${2:-200}; window=750 ;; partner-change) trials=${2:-50}; window=350 ;; *) echo "mode: refund or partner-change"; exit 2 ;; esac
bin=${PARTNERHUB_BIN:-.build/debug/partnerhub}
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# One direct-payment client per trial, each number with 20.00 EUR left of a 21.00 payment.
{
  echo '{"partner": {"id": "killPA", "brand_name": "Kill test"},'
  echo ' "partners": [{"id": "destPA", "brand_name": "Destination", "auto_approve": false, "different_payment_processor": false, "payment_method_required": false}],'
  echo ' "clients": ['
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
  if [ "$mode" = refund ]; then
    "$bin" refund "k${i}CH" --confirm "$(printf %04d $((i % 10000)))" "${conn[@]}" > /dev/null 2>&1 &
  else
    "$bin" partner-change "k${i}CL" "k${i}WA" --to destPA --confirm destPA "${conn[@]}" > /dev/null 2>&1 &
  fi
  pid=$!
  sleep "$(awk -v r="$RANDOM" -v w="$window" 'BEGIN { printf "%.3f", (r % w) / 1000 }')"
  if kill -9 "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
  wait "$pid" 2>/dev/null || true
  "$bin" reconcile "${conn[@]}" >> "$work/reconcile.out"
done
resumed=$(grep -c 'after the restart' "$work/reconcile.out" || true)
checked=$(grep -c 'it was applied' "$work/reconcile.out" || true)

"$bin" operations "${conn[@]}" | tail -n +2 > "$work/ops.txt"
if [ "$mode" = refund ]; then
  # refund id, channel, key, …: one line per refund, keyed by the intent's idempotency key.
  "$bin" refunds "${conn[@]}" | tail -n +2 > "$work/refunds.txt"
else
  # request id, status, source client, …: one line per request; the intent's target names the WABA.
  # Only the requests to destPA: the sandbox also has incoming ones from other partners' clients.
  "$bin" partner-requests "${conn[@]}" | tail -n +2 | awk '$4 == "destPA" { sub(/CL$/, "", $3); print $1, $3 }' > "$work/requests.txt"
fi
intents=$(wc -l < "$work/ops.txt")
unsettled=$(awk '$2 != "succeeded"' "$work/ops.txt" | wc -l)
lost=0; orphans=0
if [ "$mode" = refund ]; then
  made=$(wc -l < "$work/refunds.txt")
  doubled=$(awk '{print $2}' "$work/refunds.txt" | sort | uniq -d | wc -l)
  while read -r key _; do
    n=$(awk -v k="$key" '$3 == k' "$work/refunds.txt" | wc -l)
    [ "$n" -eq 1 ] || lost=$((lost + 1))
  done < "$work/ops.txt"
  while read -r _ _ key _; do grep -q "^$key " "$work/ops.txt" || orphans=$((orphans + 1)); done < "$work/refunds.txt"
else
  made=$(wc -l < "$work/requests.txt")
  doubled=$(awk '{print $2}' "$work/requests.txt" | sort | uniq -d | wc -l)
  # An intent's target is "waba kNWA": one request from client kNCL each.
  while read -r _ _ _ _ waba _; do
    n=$(awk -v c="${waba%WA}" '$2 == c' "$work/requests.txt" | wc -l)
    [ "$n" -eq 1 ] || lost=$((lost + 1))
  done < "$work/ops.txt"
  while read -r _ client; do grep -q " waba ${client}WA " "$work/ops.txt" || orphans=$((orphans + 1)); done < "$work/requests.txt"
fi
echo "trials $trials: killed mid-way $killed, confirmed intents $intents (the rest were killed before the intent was written)," \
     "found applied after a restart $checked, sent after a restart $resumed, made at the sandbox $made; lost $lost, doubled $doubled, without an intent $orphans, unsettled $unsettled"
if [ "$lost" -eq 0 ] && [ "$doubled" -eq 0 ] && [ "$orphans" -eq 0 ] && [ "$unsettled" -eq 0 ] && [ "$intents" -eq "$made" ]; then
  echo "OK: exactly one $mode per confirmed intent"
else
  echo "FAILED"; echo "--- operations"; cat "$work/ops.txt"; echo "--- made"; cat "$work"/refunds.txt "$work"/requests.txt 2>/dev/null; exit 1
fi
