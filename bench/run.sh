#!/usr/bin/env bash
# pgbench select-only throughput and latency through three paths to the same PostgreSQL:
#   direct    client -> PostgreSQL
#   pgbouncer client -> PgBouncer (transaction pooling) -> PostgreSQL
#   warden    client -> Warden edge -> PostgreSQL
# for the simple and extended query protocols and 1 and 16 clients. Starts its own throwaway
# PostgreSQL (and PgBouncer) on loopback in a temp directory and removes them on exit.
#
# Settings (environment):
#   BENCH_DURATION   seconds per run (10)           BENCH_SCALE     pgbench -i scale (1)
#   BENCH_CLIENTS    client counts ("1 16")         BENCH_PROTOCOLS ("simple extended")
#   BENCH_TARGETS    ("direct pgbouncer warden")    BENCH_RESULTS   results directory (bench/results)
#   WARDEN_HOST (127.0.0.1) WARDEN_PORT (6432) WARDEN_DBNAME (bench) WARDEN_TOKEN (token used as password)
#   WARDEN_PG_BINDIR  PostgreSQL server binaries (else newest /usr/lib/postgresql/*/bin, else pg_config)
#
# Warden is measured only if it is reachable and WARDEN_TOKEN is set; its target must hold the
# pgbench tables. A function start_warden, if defined, is called with the PostgreSQL port first
# (see maybe_start_warden) so the script can later start Warden itself.
set -euo pipefail

DURATION=${BENCH_DURATION:-10}
SCALE=${BENCH_SCALE:-1}
CLIENT_COUNTS=${BENCH_CLIENTS:-"1 16"}
PROTOCOLS=${BENCH_PROTOCOLS:-"simple extended"}
TARGETS=${BENCH_TARGETS:-"direct pgbouncer warden"}
WARDEN_HOST=${WARDEN_HOST:-127.0.0.1}
WARDEN_PORT=${WARDEN_PORT:-6432}
WARDEN_DBNAME=${WARDEN_DBNAME:-bench}
WARDEN_TOKEN=${WARDEN_TOKEN:-}

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS_DIR=${BENCH_RESULTS:-$REPO_ROOT/bench/results}
# shellcheck source=../infra/throwaway-postgres.sh
source "$REPO_ROOT/infra/throwaway-postgres.sh"
LOOPBACK=$TP_LOOPBACK
DBNAME=bench
PG_USER=$TP_USER
PG_BINDIR=""
PG_PASSWORD=""

WORK=$(mktemp -d /tmp/warden-bench.XXXXXX)
# The servers run as postgres when we are root, and must reach their directories under WORK.
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$WORK"; fi
PG_PORT=""
PGBOUNCER_PORT=""
WARDEN_UNAVAILABLE_REASON=""

log() { printf '[bench] %s\n' "$*" >&2; }

cleanup() {
    local status=$?
    if [[ -f $WORK/pgbouncer/pgbouncer.pid ]]; then
        kill "$(cat "$WORK/pgbouncer/pgbouncer.pid")" 2>/dev/null || true
    fi
    tp_stop "$WORK/pg"
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT INT TERM

start_postgres() {
    tp_start "$WORK/pg"
    PG_BINDIR=$TP_BINDIR PG_PORT=$TP_PORT PG_PASSWORD=$TP_PASSWORD
    tp_psql -d postgres -c "CREATE DATABASE $DBNAME"
    PGPASSWORD=$PG_PASSWORD "$PG_BINDIR/pgbench" -i -q -s "$SCALE" -h "$LOOPBACK" -p "$PG_PORT" -U "$PG_USER" "$DBNAME" \
        >"$WORK/pgbench-init.log" 2>&1
    log "PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') on $LOOPBACK:$PG_PORT, pgbench scale $SCALE"
}

start_pgbouncer() {
    if ! command -v pgbouncer >/dev/null; then
        log "installing pgbouncer"
        apt-get install -y -qq pgbouncer >/dev/null || { apt-get update -qq && apt-get install -y -qq pgbouncer >/dev/null; }
    fi
    PGBOUNCER_PORT=$(tp_free_port)
    local dir=$WORK/pgbouncer
    mkdir -p "$dir"
    # Plain-text entry: PgBouncer needs the password itself to answer the server's SCRAM challenge.
    printf '"%s" "%s"\n' "$PG_USER" "$PG_PASSWORD" >"$dir/userlist.txt"
    chmod 600 "$dir/userlist.txt"
    cat >"$dir/pgbouncer.ini" <<INI
[databases]
$DBNAME = host=$LOOPBACK port=$PG_PORT dbname=$DBNAME

[pgbouncer]
listen_addr = $LOOPBACK
listen_port = $PGBOUNCER_PORT
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 20
max_client_conn = 200
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi
    tp_as_server_user pgbouncer -d -q "$dir/pgbouncer.ini"
    tp_wait_ready "$LOOPBACK" "$PGBOUNCER_PORT"
    log "PgBouncer $(pgbouncer --version | head -n1 | awk '{print $2}') on $LOOPBACK:$PGBOUNCER_PORT (transaction pooling)"
}

# Sets WARDEN_UNAVAILABLE_REASON when Warden cannot be measured.
maybe_start_warden() {
    if declare -F start_warden >/dev/null; then
        start_warden "$LOOPBACK" "$PG_PORT" "$DBNAME"
    fi
    if [[ -z $WARDEN_TOKEN ]]; then
        WARDEN_UNAVAILABLE_REASON="WARDEN_TOKEN not set"
    elif ! "$PG_BINDIR/pg_isready" -q -h "$WARDEN_HOST" -p "$WARDEN_PORT" -t 3; then
        WARDEN_UNAVAILABLE_REASON="nothing listening on $WARDEN_HOST:$WARDEN_PORT"
    elif ! PGPASSWORD=$WARDEN_TOKEN "$PG_BINDIR/psql" -qAt -h "$WARDEN_HOST" -p "$WARDEN_PORT" -U bench -d "$WARDEN_DBNAME" \
            -c "SELECT count(*) FROM pgbench_accounts" >/dev/null 2>"$WORK/warden-check.log"; then
        WARDEN_UNAVAILABLE_REASON="cannot query pgbench_accounts through Warden: $(head -n1 "$WORK/warden-check.log")"
    fi
    if [[ -n $WARDEN_UNAVAILABLE_REASON ]]; then
        log "Warden not measured: $WARDEN_UNAVAILABLE_REASON"
    fi
}

# Prints "tps latency_ms" for one pgbench run.
run_pgbench() { # host port dbname user password protocol clients
    local threads=$(($7 < 2 ? $7 : 2)) output
    output=$(PGPASSWORD=$5 "$PG_BINDIR/pgbench" -n -S -M "$6" -c "$7" -j "$threads" -T "$DURATION" \
        -h "$1" -p "$2" -U "$4" "$3" 2>&1) || { echo "pgbench failed: $output" >&2; return 1; }
    local tps latency
    tps=$(awk '/^tps = / {print $3; exit}' <<<"$output")
    latency=$(awk '/^latency average = / {print $4; exit}' <<<"$output")
    printf '%.0f %.3f\n' "$tps" "$latency"
}

measure() { # target
    case $1 in
        direct) echo "$LOOPBACK $PG_PORT $DBNAME $PG_USER $PG_PASSWORD" ;;
        pgbouncer) echo "$LOOPBACK $PGBOUNCER_PORT $DBNAME $PG_USER $PG_PASSWORD" ;;
        warden) echo "$WARDEN_HOST $WARDEN_PORT $WARDEN_DBNAME bench $WARDEN_TOKEN" ;;
    esac
}

main() {
    mkdir -p "$RESULTS_DIR"
    local report
    report="$RESULTS_DIR/$(date -u +%Y-%m-%dT%H%M%SZ)-pgbench.txt"

    start_postgres
    if [[ " $TARGETS " == *" pgbouncer "* ]]; then start_pgbouncer; fi
    if [[ " $TARGETS " == *" warden "* ]]; then maybe_start_warden; fi

    {
        echo "# pgbench -S (select-only), ${DURATION}s per run, scale $SCALE, $(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "# machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg); pgbench runs on the same machine"
        printf '%-10s %-9s %7s %10s %12s\n' target protocol clients tps latency_ms
    } | tee "$report"

    local target protocol clients endpoint result
    for target in $TARGETS; do
        for protocol in $PROTOCOLS; do
            for clients in $CLIENT_COUNTS; do
                if [[ $target == warden && -n $WARDEN_UNAVAILABLE_REASON ]]; then
                    result="n/a n/a"
                else
                    # shellcheck disable=SC2046 # endpoint fields are single words by construction
                    result=$(run_pgbench $(measure "$target") "$protocol" "$clients")
                fi
                read -r tps latency <<<"$result"
                printf '%-10s %-9s %7s %10s %12s\n' "$target" "$protocol" "$clients" "$tps" "$latency" | tee -a "$report"
            done
        done
    done
    if [[ -n $WARDEN_UNAVAILABLE_REASON && " $TARGETS " == *" warden "* ]]; then
        echo "# warden n/a: $WARDEN_UNAVAILABLE_REASON" | tee -a "$report"
    fi
    log "saved $report"
}

main "$@"
