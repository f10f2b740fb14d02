#!/usr/bin/env bash
# Chaos soak (docs/testing.md): `sandbox serve` with faults switched on and off, the TUI in tmux
# and `watch` against it over HTTP, for MINUTES (default 30; CI runs 2). Every 5 s it checks that
# both are alive and samples their resident memory from /proc; at the end, with the faults off,
# both must be back in sync within two poll intervals. Prints the figures; exits 1 on a failure.
#   scripts/soak.sh [MINUTES] [BINARY]
set -uo pipefail
cd "$(dirname "$0")/.."
# Close every inherited descriptor above 2: the tmux server started below would keep them (a
# caller's pipe or process watcher) open forever, and the caller would wait for ever.
for f in /proc/$$/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-"; done
minutes=${1:-30}
bin=${2:-.build/debug/partnerhub}
interval=3          # poll interval of both clients (s)
rss_limit_mb=${SOAK_RSS_LIMIT_MB:-400}
work=$(mktemp -d)
export HOME="$work/home" LANG=C.UTF-8
mkdir -p "$HOME"
sock="soak-$$"
fail() { echo "soak: FAIL: $*"; exit 1; }
cleanup() {
  trap - EXIT
  tmux -L "$sock" kill-server 2>/dev/null
  # The TUI by PID too: its session, and with it the tmux server, end when it does.
  [ -n "${tui_pid:-}" ] && kill "$tui_pid" 2>/dev/null
  [ -n "${watch_pid:-}" ] && kill "$watch_pid" 2>/dev/null
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null
  wait 2>/dev/null
}
trap cleanup EXIT
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }

"$bin" sandbox serve --port 0 --clients 200 --time-scale 60 > "$work/serve.out" 2>&1 &
serve_pid=$!
for _ in $(seq 100); do grep -q "url=" "$work/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/.*url=\([^ ]*\).*/\1/p' "$work/serve.out" | head -1)
[ -n "$url" ] || fail "sandbox serve did not start: $(cat "$work/serve.out")"
origin=${url%/api/v2}
export PARTNERHUB_API_KEY=sandbox-key
live=(--api-base "$url" --partner-id sandboxPA)

"$bin" watch --interval "$interval" "${live[@]}" > "$work/watch.out" 2> "$work/watch.err" &
watch_pid=$!
tmux -L "$sock" -f /dev/null new-session -d -s soak -x 120 -y 40 \
  "export HOME='$HOME' LANG=C.UTF-8 PARTNERHUB_API_KEY=sandbox-key; echo \$\$ > '$work/tui.pid'; exec '$bin' ${live[*]}" </dev/null >/dev/null 2>&1
for _ in $(seq 100); do [ -s "$work/tui.pid" ] && break; sleep 0.1; done
tui_pid=$(cat "$work/tui.pid")
sleep 1
# The TUI polls live partners every 30 s by default; the soak wants the cadence of watch: r.
tmux -L "$sock" send-keys -t soak r

faults=("error-rate=0.9" "off" "timeout-rate=0.2,latency=200ms" "off" "malformed-rate=0.3,error-rate=0.2" "off")
end=$(( $(date +%s) + minutes * 60 ))
i=0; peak_tui=0; peak_watch=0; samples=0
while [ "$(date +%s)" -lt "$end" ]; do
  # Faults change every 20 s; the last third of the run is fault-free at the end.
  if [ $(( samples % 4 )) -eq 0 ]; then
    f=${faults[$(( i % ${#faults[@]} ))]}
    curl -s -X PUT --data "$f" "$origin/sandbox/faults" > /dev/null || fail "could not set faults"
    i=$(( i + 1 ))
  fi
  kill -0 "$tui_pid" 2>/dev/null || fail "the TUI died: $(tmux -L "$sock" capture-pane -p -t soak 2>/dev/null | tail -5)"
  kill -0 "$watch_pid" 2>/dev/null || fail "watch died: $(tail -3 "$work/watch.err")"
  t=$(rss "$tui_pid"); w=$(rss "$watch_pid")
  [ "$t" -gt "$peak_tui" ] && peak_tui=$t
  [ "$w" -gt "$peak_watch" ] && peak_watch=$w
  [ "$t" -lt "$rss_limit_mb" ] || fail "TUI resident memory $t MB (limit $rss_limit_mb)"
  [ "$w" -lt "$rss_limit_mb" ] || fail "watch resident memory $w MB (limit $rss_limit_mb)"
  samples=$(( samples + 1 ))
  # The TUI's r: keep it polling at the soak's pace (budgets still apply).
  [ $(( samples % 2 )) -eq 0 ] && tmux -L "$sock" send-keys -t soak r
  sleep 5
done

# Faults off: both must be in sync within two intervals.
curl -s -X PUT --data "off" "$origin/sandbox/faults" > /dev/null
marker=$(wc -l < "$work/watch.err")
sleep $(( interval * 2 + 2 ))
tmux -L "$sock" send-keys -t soak r
sleep 2
screen=$(tmux -L "$sock" capture-pane -p -t soak)
header=$(echo "$screen" | head -1)
echo "$header" | grep -q "checked" || fail "the TUI is not in sync after the faults stopped: $header"
if grep -q "retrying with backoff" "$work/watch.err"; then
  tail -n +"$((marker + 1))" "$work/watch.err" | grep -q "back in sync" || grep -q "back in sync" "$work/watch.err" \
    || fail "watch did not say it was back in sync: $(tail -3 "$work/watch.err")"
fi
injected=$(curl -s "$origin/sandbox/faults")
echo "soak: ok: $minutes min, $samples samples, $i fault changes; peak RSS (sampled) TUI $peak_tui MB (VmHWM $(hwm "$tui_pid") MB), watch $peak_watch MB (VmHWM $(hwm "$watch_pid") MB); watch printed $(wc -l < "$work/watch.out") changes, $(grep -c "retrying with backoff" "$work/watch.err") backoff episodes"
exit 0
