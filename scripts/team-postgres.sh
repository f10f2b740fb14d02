#!/usr/bin/env bash
# A throwaway PostgreSQL for trying team mode and for the tests (docs/team.md).
#   scripts/team-postgres.sh start [DIR] [PORT]   prints the URL to pass as --database
#   scripts/team-postgres.sh ca    [DIR]          prints the path of its CA certificate
#   scripts/team-postgres.sh stop  [DIR]
# It lives in DIR (default /tmp/partnerhub-pg), listens on 127.0.0.1:PORT (default 54329)
# and trusts local connections: for a laptop or CI, not for a team's real database.
# It serves TLS with a certificate for the name localhost (no IP: verify-full checks names),
# signed by its own CA, both made with openssl in DIR/tls (ca.crt is what sslrootcert= takes;
# the tests read PARTNERHUB_TEST_POSTGRES_CA, which .ci/run points there).
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
    tls=$dir/tls
    if [ ! -f "$tls/server.crt" ] && command -v openssl >/dev/null 2>&1; then
      mkdir -p "$tls"
      openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=partnerhub test CA" \
        -keyout "$tls/ca.key" -out "$tls/ca.crt" >"$tls/openssl.log" 2>&1
      openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$tls/server.key" -out "$tls/server.csr" >>"$tls/openssl.log" 2>&1
      printf 'subjectAltName=DNS:localhost\n' >"$tls/san.ext"
      openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 3650 \
        -extfile "$tls/san.ext" -out "$tls/server.crt" >>"$tls/openssl.log" 2>&1
      chmod 600 "$tls/server.key"
      [ ${#as[@]} -gt 0 ] && chown -R postgres "$tls"
    fi
    ssl=""
    [ -f "$tls/server.crt" ] && ssl="-c ssl=on -c ssl_cert_file=$tls/server.crt -c ssl_key_file=$tls/server.key"
    if ! "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200 $ssl" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  ca)
    echo "$dir/tls/ca.crt"
    ;;
  stop)
    "${as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|ca|stop [DIR] [PORT]" >&2
    exit 2
    ;;
esac
