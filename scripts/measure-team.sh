#!/usr/bin/env bash
# Team mode measured from outside (issue 15, docs/PERFORMANCE.md): `sandbox serve`, one
# `partnerhub serve` into PostgreSQL, and AGENTS TUIs (default 2) on it in tmux 200x60.
#   scripts/measure-team.sh DATABASE_URL [MINUTES] [BINARY]
# MEASURE_CLIENTS (default 10000: about 48,000 channels). Prints, for the poller and each
# agent, CPU as utime+stime of every thread from /proc/PID/stat over MINUTES, starting WARMUP
# seconds (default 180: the sandbox's walk-in, tens of thousands of changes at time scale 60)
# after the agents' first full screen, and peak resident memory (VmHWM); the agents' time to a
# first frame with numbers; PostgreSQL's own CPU (all its processes); Partner API requests/min.
set -uo pipefail
cd "$(dirname "$0")/.."
for f in /proc/$$/fd/*; do n=${f##*/}; [ "$n" -gt 2 ] 2>/dev/null && eval "exec $n>&-"; done
db=${1:?usage: scripts/measure-team.sh DATABASE_URL [MINUTES] [BINARY]}
minutes=${2:-5}
bin=$(realpath "${3:-.build/release/partnerhub}")
clients=${MEASURE_CLIENTS:-10000}
agents=${AGENTS:-2}
warmup=${WARMUP:-180}
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
sock="team-$$"
cleanup() {
  trap - EXIT
  tmux -L "$sock" kill-server 2>/dev/null
  [ -n "${poller_pid:-}" ] && kill "$poller_pid" 2>/dev/null
  [ -n "${sandbox_pid:-}" ] && kill "$sandbox_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ticks() { awk '{ s = $0; sub(/.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() { local t=0; for p in $(pgrep -x postgres); do t=$(( t + $(ticks "$p") )); done; echo $t; }
hwm() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
now_ms() { date +%s%3N; }

HOME="$work/home" "$bin" sandbox serve --port 0 --clients "$clients" > "$work/sandbox.out" 2>&1 &
sandbox_pid=$!
for _ in $(seq 600); do grep -q "url=" "$work/sandbox.out" && break; sleep 0.1; done
base=$(grep -o 'url=[^ ]*' "$work/sandbox.out" | head -1 | cut -d= -f2)
origin=${base%/api/v2}
requests() { curl -s "$origin/sandbox/requests" | sed -n "s/.*\"total\" *: *\([0-9]*\).*/\1/p"; }
export PARTNERHUB_API_KEY=sandbox-key PARTNERHUB_PARTNER_ID=sandboxPA PARTNERHUB_API_BASE=$base
total=$(curl -s -H "X-API-Key: sandbox-key" "$base/partners/sandboxPA/channels?limit=1" | sed -n 's/.*"total" *: *\([0-9]*\).*/\1/p')

t0=$(now_ms)
HOME="$work/home" "$bin" serve --database "$db" > "$work/poller.out" 2>&1 &
poller_pid=$!
for _ in $(seq 3000); do grep -q "serve: polling" "$work/poller.out" && break; sleep 0.1; done

declare -a pids firsts
for i in $(seq "$agents"); do
  a0=$(now_ms)
  tmux -L "$sock" -f /dev/null new-session -d -s "a$i" -x 200 -y 60 \
    "export HOME='$work/home$i' XDG_DATA_HOME='$work/data$i' LANG=C.UTF-8; echo \$\$ > '$work/a$i.pid'; exec '$bin' --database '$db'" </dev/null >/dev/null 2>&1
  first=""
  for _ in $(seq 6000); do
    screen=$(tmux -L "$sock" capture-pane -p -t "a$i" 2>/dev/null)
    if [ -z "$first" ] && grep -q '+[0-9]\{6,\}' <<< "$screen"; then first=$(( $(now_ms) - a0 )); fi
    if [ -n "$first" ] && grep -q "$total numbers" <<< "$screen"; then break; fi
    sleep 0.05
  done
  pids[$i]=$(cat "$work/a$i.pid"); firsts[$i]=$first
done
loaded=$(( $(now_ms) - t0 ))
sleep "$warmup"

p0=$(ticks "$poller_pid"); g0=$(pg_ticks); r0=$(requests)
declare -a a0s; for i in $(seq "$agents"); do a0s[$i]=$(ticks "${pids[$i]}"); done
sleep $(( minutes * 60 ))
secs=$(( minutes * 60 ))
pct() { awk -v d="$1" -v s="$secs" -v hz="$hz" 'BEGIN { printf "%.2f", d / hz / s * 100 }'; }
echo "| measure | figure |"
echo "|---|---|"
echo "| numbers | $total |"
echo "| poller: first snapshot written and all agents loaded | ${loaded} ms |"
echo "| poller: CPU over $minutes min, from ${warmup} s after the agents loaded | $(pct $(( $(ticks "$poller_pid") - p0 ))) % |"
echo "| poller: peak RSS | $(hwm "$poller_pid") MB |"
echo "| PostgreSQL (all its processes): CPU, same window | $(pct $(( $(pg_ticks) - g0 ))) % |"
echo "| Partner API requests/min, same window | $(awk -v a="$r0" -v b="$(requests)" -v m="$minutes" 'BEGIN { printf "%.1f", (b - a) / m }') |"
for i in $(seq "$agents"); do
  echo "| agent $i: first frame with numbers | ${firsts[$i]} ms |"
  echo "| agent $i: CPU, same window | $(pct $(( $(ticks "${pids[$i]}") - a0s[$i] ))) % |"
  echo "| agent $i: peak RSS | $(hwm "${pids[$i]}") MB |"
done
