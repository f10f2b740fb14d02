#!/usr/bin/env bash
# A throwaway PostgreSQL for trying team mode and for the tests (docs/team.md).
#   scripts/team-postgres.sh start [DIR] [PORT]   prints the URL to pass as --database
#   scripts/team-postgres.sh stop  [DIR]
# It lives in DIR (default /tmp/partnerhub-pg), listens on 127.0.0.1:PORT (default 54329)
# and trusts local connections: for a laptop or CI, not for a team's real database.
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/partnerhub-pg}
port=${3:-54329}

bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir=$d; done
[ -z "$bindir" ] && command -v initdb >/dev/null 2>&1 && bindir=$(dirname "$(command -v initdb)")
if [ -z "$bindir" ]; then
  echo "team-postgres: PostgreSQL is not installed (Debian: apt-get install postgresql)" >&2
  exit 1
fi

# initdb refuses to run as root: the cluster belongs to the postgres user then.
as=()
if [ "$(id -u)" -eq 0 ]; then as=(runuser -u postgres --); fi

case "$cmd" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ ${#as[@]} -gt 0 ] && chown postgres "$dir"
      "${as[@]}" "$bindir/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    if ! "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
