#!/bin/sh
# Starts or stops a PostgreSQL cluster of the tests' own, from Debian's postgresql package: made
# by initdb in FOLDER, listening only on a Unix socket in FOLDER (no TCP port, so it meets no other
# server), trusting local connections as the user `waymark`, without fsync (a test cluster is
# thrown away). initdb refuses to run as root: as root, the cluster is run as the `postgres`
# system user, which owns FOLDER.
#   postgres_cluster.sh start|stop FOLDER POSTGRES_BIN_DIR
# kill and restart stop the server at once, as a crash would (pg_ctl -m immediate), and start it
# again on the same data, for the tests of what Waymark does while its server is down.
set -eu
action=$1
folder=$2
bin=$3

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_server() {
  if ! as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
    -o "-k $folder -c listen_addresses= -F -c max_connections=100" start >/dev/null; then
    cat "$folder/server.log" >&2
    exit 1
  fi
}

stop() {
  if [ -f "$folder/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$folder"
}

case "$action" in
  start)
    # A cluster left by an interrupted run is stopped and thrown away first.
    stop
    mkdir -p "$folder"
    chmod 700 "$folder"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$folder"; fi
    if ! as_owner "$bin/initdb" -D "$folder/data" -A trust -U waymark -E UTF8 --locale=C --no-sync \
      >"$folder/initdb.log" 2>&1; then
      cat "$folder/initdb.log" >&2
      exit 1
    fi
    start_server
    # The client runs as root: it needs to reach the socket in the postgres user's folder.
    if [ "$(id -u)" -eq 0 ]; then chmod 711 "$folder"; fi
    ;;
  stop) stop ;;
  kill) as_owner "$bin/pg_ctl" -D "$folder/data" -m immediate -w stop >/dev/null ;;
  restart) start_server ;;
  *)
    echo "usage: $0 start|stop|kill|restart FOLDER POSTGRES_BIN_DIR" >&2
    exit 2
    ;;
esac
