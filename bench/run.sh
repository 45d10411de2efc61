#!/usr/bin/env bash
# pgbench select-only (-S) through three paths to the same PostgreSQL, side by side in one run:
#   direct    client -> PostgreSQL
#   pgbouncer client -> PgBouncer (transaction pooling) -> PostgreSQL
#   warden    client -> Warden edge (co-hosted in a --dev silo) -> PostgreSQL
# Two measurements (bench/README.md explains every column):
#   statements  steady-state TPS, mean latency and the proxy's CPU time per statement, simple and
#               extended protocol, 1 and 16 clients; "added" is the mean latency minus direct's for the
#               same protocol and client count
#   connect     connection setup cost: pgbench -C (a new connection per transaction), 1 client; connect
#               time and the proxy's CPU time per connection
# Runs are interleaved: for each (protocol, clients) the three targets run back to back, each after its
# own warm-up, so drift in machine load hits all three alike; with several rounds the order rotates
# and the table shows medians. Starts its own throwaway PostgreSQL, PgBouncer and Warden on loopback
# in a temp directory and removes them on exit.
#
# Settings (environment):
#   BENCH_SECONDS    seconds per measured run (10)    BENCH_WARMUP    warm-up seconds before each run (2)
#   BENCH_ROUNDS     rounds; the table shows medians (1)
#   BENCH_MODE       "all", "statements" or "connect" (all)
#   BENCH_CONNECT_SECONDS  seconds per pgbench -C run (5)
#   BENCH_SCALE      pgbench -i scale (1)              BENCH_CLIENTS   client counts ("1 16")
#   BENCH_PROTOCOLS  ("simple extended")               BENCH_TARGETS   ("direct pgbouncer warden")
#                    "pipeline" adds 10 point selects sent as one pipeline (tps counts pipelines;
#                    proxy_cpu_us stays per statement)
#   BENCH_RESULTS    results directory (bench/results) BENCH_LABEL     file name suffix (pgbench)
#   BENCH_WARDEN_BUILD  1 builds src/Silo in Release first; 0 reuses the existing build
#   BENCH_RECORDING  Warden's recording durability, strict or batched (strict)
#   BENCH_SAMPLES    recording.results: none, or masked (sample rows masked and recorded) (none)
#   WARDEN_PG_BINDIR PostgreSQL server binaries (else newest /usr/lib/postgresql/*/bin, else pg_config)
# To measure an already running Warden instead of starting one, set WARDEN_TOKEN (and WARDEN_HOST
# 127.0.0.1, WARDEN_PORT 6432, WARDEN_DBNAME bench); its target must hold this run's pgbench tables.
set -euo pipefail

DURATION=${BENCH_SECONDS:-${BENCH_DURATION:-10}}
WARMUP=${BENCH_WARMUP:-2}
ROUNDS=${BENCH_ROUNDS:-1}
MODE=${BENCH_MODE:-all}
CONNECT_DURATION=${BENCH_CONNECT_SECONDS:-5}
SCALE=${BENCH_SCALE:-1}
CLIENT_COUNTS=${BENCH_CLIENTS:-"1 16"}
PROTOCOLS=${BENCH_PROTOCOLS:-"simple extended"}
TARGETS=${BENCH_TARGETS:-"direct pgbouncer warden"}
LABEL=${BENCH_LABEL:-pgbench}
WARDEN_HOST=${WARDEN_HOST:-127.0.0.1}
WARDEN_PORT=${WARDEN_PORT:-6432}
WARDEN_DBNAME=${WARDEN_DBNAME:-bench}
WARDEN_TOKEN=${WARDEN_TOKEN:-}

case $MODE in all | statements | connect) ;; *) echo "BENCH_MODE must be all, statements or connect" >&2; exit 2 ;; esac

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS_DIR=${BENCH_RESULTS:-$REPO_ROOT/bench/results}
# shellcheck source=../infra/throwaway-postgres.sh
source "$REPO_ROOT/infra/throwaway-postgres.sh"
if [[ -z $WARDEN_TOKEN ]]; then
    # shellcheck source=warden.sh
    source "$REPO_ROOT/bench/warden.sh"
fi
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
# Every libpq connection goes without TLS: PostgreSQL and PgBouncer have none configured, and a --dev
# Warden would otherwise negotiate TLS with its self-signed certificate and pay for it alone.
export PGSSLMODE=disable

log() { printf '[bench] %s\n' "$*" >&2; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if declare -F stop_warden >/dev/null; then stop_warden; fi
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
    PG_VERSION=$("$PG_BINDIR/postgres" --version | awk '{print $3}')
    log "PostgreSQL $PG_VERSION on $LOOPBACK:$PG_PORT, pgbench scale $SCALE"
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
    PGBOUNCER_VERSION=$(pgbouncer --version | head -n1 | awk '{print $2}')
    log "PgBouncer $PGBOUNCER_VERSION on $LOOPBACK:$PGBOUNCER_PORT (transaction pooling)"
}

# Sets WARDEN_UNAVAILABLE_REASON when Warden cannot be measured.
maybe_start_warden() {
    if declare -F start_warden >/dev/null; then
        start_warden "$LOOPBACK" "$PG_PORT" "$DBNAME" || WARDEN_UNAVAILABLE_REASON="Warden did not start (see the messages above)"
    fi
    if [[ -n $WARDEN_UNAVAILABLE_REASON ]]; then
        :
    elif [[ -z $WARDEN_TOKEN ]]; then
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

endpoint() { # target -> "host port dbname user password"
    case $1 in
        direct) echo "$LOOPBACK $PG_PORT $DBNAME $PG_USER $PG_PASSWORD" ;;
        pgbouncer) echo "$LOOPBACK $PGBOUNCER_PORT $DBNAME $PG_USER $PG_PASSWORD" ;;
        warden) echo "$WARDEN_HOST $WARDEN_PORT $WARDEN_DBNAME bench $WARDEN_TOKEN" ;;
    esac
}

measurable() { [[ $1 != warden || -z $WARDEN_UNAVAILABLE_REASON ]]; }

# Runs pgbench -n -S against a target; extra pgbench options follow. Prints pgbench's output.
pgbench_on() { # target seconds clients protocol [options...]
    local target=$1 seconds=$2 clients=$3 protocol=$4 host port db user password output
    shift 4
    read -r host port db user password <<<"$(endpoint "$target")"
    local threads=$((clients < 2 ? clients : 2)) workload=(-S -M "$protocol")
    [[ $protocol == pipeline ]] && workload=(-M extended -f "$(pipeline_script)")
    output=$(PGPASSWORD=$password "$PG_BINDIR/pgbench" -n "${workload[@]}" -c "$clients" -j "$threads" -T "$seconds" \
        "$@" -h "$host" -p "$port" -U "$user" "$db" 2>&1) || { echo "pgbench on $target failed: $output" >&2; return 1; }
    printf '%s\n' "$output"
}

# The "pipeline" protocol: a pgbench script sending PIPELINE_STATEMENTS point selects as one pipeline
# (extended protocol, one Sync), the shape of a driver's batch. One pgbench transaction is one pipeline.
PIPELINE_STATEMENTS=10
pipeline_script() {
    local file=$WORK/pipeline.sql
    if [[ ! -f $file ]]; then
        {
            echo '\set aid random(1, 100000 * :scale)'
            echo '\startpipeline'
            for _ in $(seq 1 "$PIPELINE_STATEMENTS"); do echo 'SELECT abalance FROM pgbench_accounts WHERE aid = :aid;'; done
            echo '\endpipeline'
        } >"$file"
    fi
    echo "$file"
}

# The proxy process of a target, whose CPU time is counted: PgBouncer, or the Warden silo this script
# started (an external Warden is not counted). Nothing for direct.
proxy_pid() { # target
    case $1 in
        pgbouncer) cat "$WORK/pgbouncer/pgbouncer.pid" ;;
        warden) echo "${WARDEN_PID:-}" ;;
    esac
}

# User + system CPU seconds a process (all its threads) has used so far; 0 without a process.
cpu_seconds() { # pid
    if [[ -z $1 ]]; then echo 0; return; fi
    # Fields after the ")" closing the command name: utime and stime are the 12th and 13th.
    sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$(getconf CLK_TCK)" '{printf "%.3f\n", ($12 + $13) / hz}'
}

# Prints "tps latency_ms proxy_cpu_us" of a steady-state run, after a warm-up run whose figures are
# dropped; proxy_cpu_us is the proxy's CPU time per statement ("-" for direct). Nothing when pgbench
# failed (its error goes to stderr).
measure_statements() { # target protocol clients
    local output pid cpu_before cpu_after
    if ((WARMUP > 0)); then pgbench_on "$1" "$WARMUP" "$3" "$2" >/dev/null || return 0; fi
    pid=$(proxy_pid "$1")
    cpu_before=$(cpu_seconds "$pid")
    output=$(pgbench_on "$1" "$DURATION" "$3" "$2") || return 0
    cpu_after=$(cpu_seconds "$pid")
    local per_tx=1
    [[ $2 == pipeline ]] && per_tx=$PIPELINE_STATEMENTS
    awk -v cpu="$(awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN {print a - b}')" -v counted="${pid:+1}" -v per_tx="$per_tx" '
        /^tps = / {tps = $3}
        /^latency average = / {lat = $4}
        /^number of transactions actually processed: / {n = $NF * per_tx}
        END {if (tps != "" && lat != "" && n > 0) printf "%.0f %.3f %s\n", tps, lat, counted ? sprintf("%.1f", cpu * 1e6 / n) : "-"}' <<<"$output"
}

# Prints "connections_per_s connect_ms proxy_cpu_ms": pgbench -C opens a new connection for every
# transaction; proxy_cpu_ms is the proxy's CPU time per connection (with its one statement).
measure_connect() { # target
    local output pid cpu_before cpu_after
    # The warm-up also lets the JIT finish with the login path, which the statement runs barely touch.
    if ((WARMUP > 0)); then pgbench_on "$1" "$WARMUP" 1 simple -C >/dev/null || return 0; fi
    pid=$(proxy_pid "$1")
    cpu_before=$(cpu_seconds "$pid")
    output=$(pgbench_on "$1" "$CONNECT_DURATION" 1 simple -C) || return 0
    cpu_after=$(cpu_seconds "$pid")
    awk -v cpu="$(awk -v a="$cpu_after" -v b="$cpu_before" 'BEGIN {print a - b}')" -v counted="${pid:+1}" '
        /^tps = / {tps = $3}
        /^average connection time = / {ms = $5}
        /^number of transactions actually processed: / {n = $NF}
        END {if (tps != "" && ms != "" && n > 0) printf "%.0f %.3f %s\n", tps, ms, counted ? sprintf("%.2f", cpu * 1e3 / n) : "-"}' <<<"$output"
}

# The target list rotated by N places, so no target always runs first.
rotated() { # n
    local -a list
    read -ra list <<<"$TARGETS"
    local n=$(($1 % ${#list[@]})) i
    for ((i = 0; i < ${#list[@]}; i++)); do printf '%s ' "${list[(i + n) % ${#list[@]}]}"; done
}

declare -A TPS LAT CPU CONN_RATE CONN_MS CONN_CPU   # "target|protocol|clients" -> values of every round, space-separated
RAW=()

run_statements() {
    local round protocol clients target tps latency cpu key
    for ((round = 1; round <= ROUNDS; round++)); do
        for protocol in $PROTOCOLS; do
            for clients in $CLIENT_COUNTS; do
                for target in $(rotated $((round - 1))); do
                    measurable "$target" || continue
                    read -r tps latency cpu <<<"$(measure_statements "$target" "$protocol" "$clients")" || true
                    key="$target|$protocol|$clients"
                    if [[ -n $tps ]]; then
                        TPS[$key]+="$tps " LAT[$key]+="$latency "
                        if [[ $cpu != - ]]; then CPU[$key]+="$cpu "; fi
                    fi
                    RAW+=("$(printf 'statements round %d %-9s %-8s c=%-3s tps %7s latency_ms %-6s proxy_cpu_us %s' \
                        "$round" "$target" "$protocol" "$clients" "${tps:-failed}" "${latency:--}" "${cpu:--}")")
                    log "${RAW[-1]}"
                done
            done
        done
    done
}

run_connect() {
    local round target rate ms cpu
    for ((round = 1; round <= ROUNDS; round++)); do
        for target in $(rotated $((round - 1))); do
            measurable "$target" || continue
            read -r rate ms cpu <<<"$(measure_connect "$target")" || true
            if [[ -n $rate ]]; then
                CONN_RATE[$target]+="$rate " CONN_MS[$target]+="$ms "
                if [[ $cpu != - ]]; then CONN_CPU[$target]+="$cpu "; fi
            fi
            RAW+=("$(printf 'connect    round %d %-9s conn/s %5s connect_ms %-7s proxy_cpu_ms %s' \
                "$round" "$target" "${rate:-failed}" "${ms:--}" "${cpu:--}")")
            log "${RAW[-1]}"
        done
    done
}

# Median, and min-max range, of space-separated values; n/a when there are none.
med() {
    tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{v[NR] = $1}
        END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
spread() {
    tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{v[NR] = $1}
        END {if (NR == 0) print "n/a"; else if (v[1] == v[NR]) print v[1]; else print v[1] "-" v[NR]}'
}
# A target's mean minus direct's: "-" for direct itself, n/a when either is missing.
added() { # target value direct_value
    if [[ $1 == direct ]]; then
        echo -
    elif [[ $2 == n/a || $3 == n/a ]]; then
        echo n/a
    else
        awk -v a="$2" -v b="$3" 'BEGIN {printf "%+.3f\n", a - b}'
    fi
}

print_statements() {
    printf '%-10s %-9s %7s %8s %11s %13s %10s %13s\n' target protocol clients tps latency_ms latency_range added_ms proxy_cpu_us
    local protocol clients target key lat cpu direct_lat
    for protocol in $PROTOCOLS; do
        for clients in $CLIENT_COUNTS; do
            direct_lat=$(med "${LAT[direct|$protocol|$clients]:-}")
            for target in $TARGETS; do
                key="$target|$protocol|$clients"
                lat=$(med "${LAT[$key]:-}") cpu=-
                if [[ $target != direct ]]; then cpu=$(med "${CPU[$key]:-}"); fi
                printf '%-10s %-9s %7s %8s %11s %13s %10s %13s\n' "$target" "$protocol" "$clients" \
                    "$(med "${TPS[$key]:-}")" "$lat" "$(spread "${LAT[$key]:-}")" \
                    "$(added "$target" "$lat" "$direct_lat")" "$cpu"
            done
        done
    done
}

print_connect() {
    printf '%-10s %10s %11s %13s %10s %13s\n' target conn_per_s connect_ms connect_range added_ms proxy_cpu_ms
    local target ms cpu direct_ms
    direct_ms=$(med "${CONN_MS[direct]:-}")
    for target in $TARGETS; do
        ms=$(med "${CONN_MS[$target]:-}") cpu=-
        if [[ $target != direct ]]; then cpu=$(med "${CONN_CPU[$target]:-}"); fi
        printf '%-10s %10s %11s %13s %10s %13s\n' "$target" "$(med "${CONN_RATE[$target]:-}")" "$ms" \
            "$(spread "${CONN_MS[$target]:-}")" "$(added "$target" "$ms" "$direct_ms")" "$cpu"
    done
}

main() {
    mkdir -p "$RESULTS_DIR"
    local report load_before
    report="$RESULTS_DIR/$(date -u +%Y-%m-%dT%H%M%SZ)-$LABEL.txt"
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)

    start_postgres
    PGBOUNCER_VERSION=n/a
    if [[ " $TARGETS " == *" pgbouncer "* ]]; then start_pgbouncer; fi
    if [[ " $TARGETS " == *" warden "* ]]; then
        maybe_start_warden
        if measurable warden; then
            # One-off JIT warm-up, so tiered compilation is done before the first measured run.
            log "warming Warden up"
            pgbench_on warden 5 2 simple >/dev/null
            pgbench_on warden 5 2 extended >/dev/null
        fi
    fi

    if [[ $MODE != connect ]]; then run_statements; fi
    if [[ $MODE != statements ]]; then run_connect; fi

    {
        echo "# pgbench -S (select-only), scale $SCALE, $(date -u '+%Y-%m-%d %H:%M UTC'), rounds $ROUNDS (medians; range = min-max over rounds)"
        echo "# machine: $(nproc) cores, $(uname -sr); pgbench, PostgreSQL, PgBouncer and Warden all share it"
        echo "# load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "# PostgreSQL $PG_VERSION, PgBouncer $PGBOUNCER_VERSION (transaction pooling), Warden ${WARDEN_VERSION:-external} (--dev, co-hosted edge, recording ${BENCH_RECORDING:-strict} to the file store, results ${BENCH_SAMPLES:-none}), sslmode=disable"
        if [[ $MODE != connect ]]; then
            echo
            echo "## statements: ${DURATION}s per run after ${WARMUP}s warm-up; added_ms = latency_ms - direct's (same protocol, clients);"
            echo "## proxy_cpu_us = CPU time of the PgBouncer / Warden process per statement"
            print_statements
        fi
        if [[ $MODE != statements ]]; then
            echo
            echo "## connect: pgbench -C -S -M simple -c 1, ${CONNECT_DURATION}s per run; connect_ms = pgbench's average connection time;"
            echo "## proxy_cpu_ms = CPU time of the PgBouncer / Warden process per connection"
            print_connect
        fi
        if [[ -n $WARDEN_UNAVAILABLE_REASON && " $TARGETS " == *" warden "* ]]; then
            echo "# warden n/a: $WARDEN_UNAVAILABLE_REASON"
        fi
        echo
        echo "## runs in the order they ran"
        printf '# %s\n' "${RAW[@]}"
    } | tee "$report"
    log "saved $report"
}

main "$@"
