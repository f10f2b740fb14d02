#!/usr/bin/env bash
# Polling cost measured from outside (issue 14, docs/PERFORMANCE.md): the release binary in
# tmux 200x60, 10,000 clients (about 48,000 channels), default intervals.
#   scripts/measure-live.sh [live|embedded|all] [MINUTES] [BINARY] [SERVE_BINARY]
# live:     `sandbox serve` over HTTP, the TUI against it; requests counted at the sandbox
#           (GET /sandbox/requests, when the serving binary has it).
# embedded: `partnerhub --clients 10000` (the sandbox in the TUI's process).
# For each: time to the first frame with numbers on it, CPU of the TUI process as
# utime+stime of every thread from /proc/PID/stat over MINUTES (default 5) after the first full
# load, in 10 s windows (mean and max), peak resident memory (VmHWM) and, for live, a restart
# that first shows the cached snapshot. Prints Markdown rows; never fails on a figure.
set -uo pipefail
cd "$(dirname "$0")/.."
for f in /proc/$$/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-"; done
mode=${1:-all}
minutes=${2:-5}
bin=$(realpath "${3:-.build/release/partnerhub}")
serve_bin=$(realpath "${4:-$bin}")
clients=${MEASURE_CLIENTS:-10000}
window=10
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
sock="measure-$$"
# One tmux server per session: a server whose last session ended may still be exiting when
# the next one starts on the same socket.
tmx() { local s=$1; shift; tmux -L "$sock-$s" "$@"; }
cleanup() {
  trap - EXIT
  for s in live cached embedded; do tmx "$s" kill-server 2>/dev/null; done
  [ -n "${serve_pid:-}" ] && kill "$serve_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
now_ms() { date +%s%3N; }
requests() { curl -s "$origin/sandbox/requests" | sed -n "s/.*\"total\" *: *\([0-9]*\).*/\1/p"; }

# Starts the TUI in session $1 with the rest as its command line; sets tui_pid, first_ms
# (first frame with a phone number on it) and loaded_ms (the header counts all $total numbers;
# without a total: says "checked").
start_tui() {
  local s=$1; shift
  local t0; t0=$(now_ms)
  tmx "$s" -f /dev/null new-session -d -s "$s" -x 200 -y 60 \
    "export HOME='$work/home' XDG_DATA_HOME='$work/data' LANG=C.UTF-8; echo \$\$ > '$work/$s.pid'; exec $*" </dev/null >/dev/null 2>&1
  first_ms=""; loaded_ms=""
  for _ in $(seq 3000); do
    screen=$(tmx "$s" capture-pane -p -t "$s" 2>/dev/null)
    if [ -z "$first_ms" ] && grep -q '+[0-9]\{6,\}' <<< "$screen"; then first_ms=$(( $(now_ms) - t0 )); fi
    # "1000 of 48439 numbers" is a first page: the load is over when the count stands alone.
    if [ -n "$first_ms" ] && grep -v " of [0-9]* numbers" <<< "$screen" | grep -q "${total:-checked}"; then loaded_ms=$(( $(now_ms) - t0 )); break; fi
    sleep 0.02
  done
  tui_pid=$(cat "$work/$s.pid" 2>/dev/null)
}

# CPU over MINUTES in 10 s windows: sets cpu_mean, cpu_max (percent of one core), peak (MB),
# and cpu_late: the mean of the windows after the first $2 (the embedded sandbox's walk-in).
sample() {
  local pid=$1 skip=${2:-0} n=$(( minutes * 60 / window )) i a b w max=0 late=0
  local start_ticks; start_ticks=$(ticks "$pid")
  local t0; t0=$(now_ms)
  for i in $(seq "$n"); do
    a=$(ticks "$pid"); sleep "$window"; b=$(ticks "$pid")
    w=$(( (b - a) * 1000 / hz / window ))   # per mille of a core
    [ "$w" -gt "$max" ] && max=$w
    [ "$i" -gt "$skip" ] && late=$(( late + b - a ))
  done
  cpu_late=$(awk -v t="$late" -v hz="$hz" -v s=$(( (n - skip) * window )) 'BEGIN { if (s > 0) printf "%.2f", t / hz / s * 100; else print "-" }')
  local elapsed=$(( $(now_ms) - t0 ))
  local total=$(( $(ticks "$pid") - start_ticks ))
  cpu_mean=$(awk -v t="$total" -v hz="$hz" -v e="$elapsed" 'BEGIN { printf "%.2f", t / hz / (e / 1000) * 100 }')
  cpu_max=$(awk -v m="$max" 'BEGIN { printf "%.1f", m / 10 }')
  peak=$(hwm "$pid")
}

row() { echo "| $1 | $2 | $3 |"; }

# The first full load ends with its database save (all rows, once): the steady state starts
# at the first 10 s window under 5 % of a core after it (at most 2 minutes). Sets settled_s.
settle() {
  local pid=$1 i a b
  settled_s=0
  for i in $(seq 12); do
    a=$(ticks "$pid"); sleep "$window"; b=$(ticks "$pid")
    settled_s=$(( i * window ))
    [ $(( (b - a) * 1000 / hz / window )) -lt 50 ] && break
  done
}

# At the default time scale (60 sandbox seconds per second) the sandbox's numbers that are on
# their way to live all take their steps in its first two minutes: about 34,000 changes. The
# live run lets `sandbox serve` settle that long first (a real partner is not in that state);
# the embedded run reports the whole window and the part after it.
warmup=${MEASURE_WARMUP:-150}

# Restarts on the snapshot the live run left: CACHED_RUNS times (default 1), each quit before
# the next; the row gives every run and their median.
cached_starts() {
  local runs=${CACHED_RUNS:-1} all=()
  for _ in $(seq "$runs"); do
    start_tui cached "env PARTNERHUB_API_KEY=sandbox-key '$bin' --api-base '$url' --partner-id sandboxPA"
    all+=("${first_ms:-99999}")
    tmx cached send-keys -t cached q
    for _ in $(seq 100); do kill -0 "$tui_pid" 2>/dev/null || break; sleep 0.1; done
    tmx cached kill-server 2>/dev/null
    sleep 1
  done
  local med; med=$(printf '%s\n' "${all[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  row "live: first frame with numbers from the cached snapshot" "≤ 300 ms" "$med ms$([ "$runs" -gt 1 ] && echo " (median of $runs: ${all[*]})")"
}

if [ "$mode" = live ] || [ "$mode" = all ]; then
  "$serve_bin" sandbox serve --port 0 --clients "$clients" > "$work/serve.out" 2>&1 &
  serve_pid=$!
  for _ in $(seq 300); do grep -q "url=" "$work/serve.out" && break; sleep 0.1; done
  url=$(sed -n 's/.*url=\([^ ]*\).*/\1/p' "$work/serve.out" | head -1)
  sleep "$warmup"
  origin=${url%/api/v2}
  total=$(curl -s -H 'X-API-Key: sandbox-key' "$url/partners/sandboxPA/channels?limit=1" | sed -n 's/.*"total" *: *\([0-9]*\).*/\1/p')
  [ -n "$total" ] && total="$total numbers"
  start_tui live "env PARTNERHUB_API_KEY=sandbox-key '$bin' --api-base '$url' --partner-id sandboxPA"
  row "live: first frame with numbers (no cache)" "reported" "${first_ms:-timeout} ms"
  row "live: all channels loaded and shown" "reported" "${loaded_ms:-timeout} ms"
  settle "$tui_pid"
  row "live: first load settled (database save included) after" "reported" "$settled_s s"
  r0=$(requests); t0=$(now_ms)
  curl -s "$origin/sandbox/requests" > "$work/requests0.json"
  sample "$tui_pid"
  r1=$(requests); t1=$(now_ms)
  curl -s "$origin/sandbox/requests" > "$work/requests1.json"
  row "live: TUI CPU, mean over $minutes min (max of ${window} s windows)" "≤ 1 %" "$cpu_mean % (max $cpu_max %)"
  row "live: TUI peak resident memory (VmHWM, from the start)" "≤ 150 MB" "$peak MB"
  if [ -n "$r0" ] && [ -n "$r1" ]; then
    row "live: Partner API requests per minute, steady state" "≤ 6" "$(awk -v r=$(( r1 - r0 )) -v ms=$(( t1 - t0 )) 'BEGIN { printf "%.1f", r / (ms / 60000) }')"
    # Which requests, in the window (kind: count).
    python3 - "$work/requests0.json" "$work/requests1.json" <<'PY' || true
import json, sys
a = json.load(open(sys.argv[1]))["kinds"]; b = json.load(open(sys.argv[2]))["kinds"]
d = {k: b[k] - a.get(k, 0) for k in b if b[k] - a.get(k, 0)}
print("| live: requests in the window, by kind | | " + ", ".join(f"{k}: {v}" for k, v in sorted(d.items())) + " |")
PY
  else
    row "live: Partner API requests per minute, steady state" "≤ 6" "not counted (serving binary has no /sandbox/requests)"
  fi
  tmx live send-keys -t live q
  for _ in $(seq 100); do kill -0 "$tui_pid" 2>/dev/null || break; sleep 0.1; done
  cached_starts
  kill "$serve_pid" 2>/dev/null; wait "$serve_pid" 2>/dev/null; serve_pid=""
fi

if [ "$mode" = embedded ] || [ "$mode" = all ]; then
  start_tui embedded "'$bin' --clients $clients"
  row "embedded: first frame with numbers" "≤ 1000 ms" "${first_ms:-timeout} ms"
  sleep 5
  sample "$tui_pid" $(( warmup / window ))
  row "embedded: TUI CPU, mean over $minutes min (max of ${window} s windows)" "≤ 2 %" "$cpu_mean % (max $cpu_max %)"
  row "embedded: TUI CPU after the sandbox's walk-in (${warmup} s)" "≤ 2 %" "$cpu_late %"
  row "embedded: peak resident memory (VmHWM, from the start)" "≤ 150 MB" "$peak MB"
fi
