#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: `scripts/pg-cluster.sh start DIR` creates one in DIR (initdb), starts it
# on a free loopback port with a database `tally` and prints its URL; `scripts/pg-cluster.sh stop DIR` stops it.
# Installs PostgreSQL from Debian's packages when initdb is missing (apt-get, as root). As root, the cluster runs as
# the `postgres` user (runuser), since PostgreSQL refuses to run as root.
set -euo pipefail
command=${1:?usage: scripts/pg-cluster.sh start|stop DIR}
dir=${2:?usage: scripts/pg-cluster.sh start|stop DIR}

# The newest server's programs (a client package alone has a bin folder without initdb).
server_bin() { ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 | xargs -r dirname; }
bin=$(server_bin)
if [ -z "$bin" ] && ! command -v initdb >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
        bin=$(server_bin)
    else
        echo "pg-cluster: PostgreSQL is missing; as root: apt-get install postgresql" >&2
        exit 2
    fi
fi
[ -n "$bin" ] && export PATH="$bin:$PATH"
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$command" in
start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres "$dir"
        chmod o+x "$(dirname "$dir")"  # a mktemp folder is the root's alone: let the cluster's owner through
    fi
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner initdb -D "$dir/data" -U tally --auth=trust >/dev/null
    # fsync off (a throwaway cluster), and WAL room for a million-row import between checkpoints, as PostgreSQL's
    # guide to bulk loading advises.
    as_owner pg_ctl -D "$dir/data" -l "$dir/log" -w -o "-k $dir -h 127.0.0.1 -p $port -F -c max_wal_size=4GB" start >/dev/null
    as_owner psql -h 127.0.0.1 -p "$port" -U tally -d postgres -qc "CREATE DATABASE tally" >/dev/null
    echo "$port" >"$dir/port"
    echo "postgres://tally@127.0.0.1:$port/tally"
    ;;
stop)
    [ -d "$dir/data" ] && as_owner pg_ctl -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
*)
    echo "usage: scripts/pg-cluster.sh start|stop DIR" >&2
    exit 64
    ;;
esac
