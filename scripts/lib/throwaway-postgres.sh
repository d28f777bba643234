# Source this to get a throwaway PostgreSQL server (Debian's `postgresql`, installed with apt when missing) in a temp
# directory on a free port, stopped and deleted when the shell exits. Exports KEEL_TEST_DATABASE_URL.
# As root, the server runs as the `postgres` user (PostgreSQL refuses root).
keel_start_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      printf "installing Debian's postgresql for the indexer's Postgres tests\n"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    else
      echo "PostgreSQL is missing: install Debian's postgresql (sudo apt-get install -y postgresql) and run again." >&2
      return 1
    fi
  fi
  KEEL_PG_DIR=$(mktemp -d /tmp/keel-pg-XXXXXX)
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$KEEL_PG_DIR"
    as=(runuser -u postgres --)
  fi
  local port
  port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  "${as[@]}" "$bin/initdb" -D "$KEEL_PG_DIR/data" -U keel --auth=trust -E UTF8 >/dev/null
  "${as[@]}" "$bin/pg_ctl" -D "$KEEL_PG_DIR/data" -l "$KEEL_PG_DIR/log" -w \
    -o "-p $port -k $KEEL_PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
  KEEL_PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$KEEL_PG_DIR/data" -m fast stop)
  trap 'keel_stop_postgres' EXIT
  export KEEL_TEST_DATABASE_URL="postgres://keel@127.0.0.1:$port/postgres"
  printf 'PostgreSQL (%s) on :%s in %s\n' "$("$bin/postgres" --version)" "$port" "$KEEL_PG_DIR"
}

keel_stop_postgres() {
  if [ -n "${KEEL_PG_DIR:-}" ]; then
    "${KEEL_PG_STOP[@]}" >/dev/null 2>&1 || true
    rm -rf "$KEEL_PG_DIR"
    KEEL_PG_DIR=
  fi
}
