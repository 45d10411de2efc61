#!/usr/bin/env bash
# Batched recording's loss window, measured by killing Warden mid-session (issue 4).
#
# Each round starts a Warden silo (co-hosted edge, --dev, recording.durability batched, file store in
# $WORK/warden/data/recordings) in front of a throwaway PostgreSQL, and runs bench/LossWindow: one
# connection sends SELECT 1, SELECT 2, ... (as fast as answered, or paced), SIGKILLs the silo at a random
# moment 2-4 s in, then reads the session's recording and counts the statements the client saw executed
# that the recording lacks, and how long before the kill the last recorded one was acknowledged. Then
# the recordings are removed and the next round starts a fresh silo. bench/README.md explains the columns.
#
# Settings (environment):
#   BENCH_ROUNDS   rounds per rate (10)             BENCH_RATES   statements per second, "max" = unpaced ("max 100")
#   BENCH_BATCH_INTERVAL_MS  Warden:Edge:RecordingBatchInterval in ms (unset: Warden's default, 200)
#   BENCH_KILL_AFTER  seconds after the first statement, MIN-MAX, when the silo is killed (2-4)
#   BENCH_RESULTS  results directory (bench/results) BENCH_LABEL  file name suffix (loss-window[-<ms>ms])
#   BENCH_WARDEN_BUILD  1 builds src/Silo and bench/LossWindow in Release first; 0 reuses the builds
#   WARDEN_PG_BINDIR PostgreSQL server binaries (else newest /usr/lib/postgresql/*/bin, else pg_config)
set -euo pipefail

ROUNDS=${BENCH_ROUNDS:-10}
RATES=${BENCH_RATES:-"max 100"}
INTERVAL_MS=${BENCH_BATCH_INTERVAL_MS:-}
KILL_AFTER=${BENCH_KILL_AFTER:-2-4}
LABEL=${BENCH_LABEL:-loss-window${INTERVAL_MS:+-${INTERVAL_MS}ms}}
export BENCH_RECORDING=batched

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS_DIR=${BENCH_RESULTS:-$REPO_ROOT/bench/results}
CLIENT_DLL=$REPO_ROOT/bench/LossWindow/bin/Release/net10.0/Warden.LossWindow.dll
# shellcheck source=../infra/throwaway-postgres.sh
source "$REPO_ROOT/infra/throwaway-postgres.sh"
# shellcheck source=warden.sh
source "$REPO_ROOT/bench/warden.sh"
LOOPBACK=$TP_LOOPBACK
DBNAME=bench
PG_BINDIR=""

WORK=$(mktemp -d /tmp/warden-loss.XXXXXX)
# The servers run as postgres when we are root, and must reach their directories under WORK.
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$WORK"; fi
RECORDINGS=$WORK/warden/data/recordings

log() { printf '[loss-window] %s\n' "$*" >&2; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_warden
    tp_stop "$WORK/pg"
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT INT TERM

if [[ -n $INTERVAL_MS ]]; then
    # A TimeSpan for the silo's configuration (hh:mm:ss.fff); start_warden's subshell inherits it.
    export Warden__Edge__RecordingBatchInterval
    Warden__Edge__RecordingBatchInterval=$(awk -v ms="$INTERVAL_MS" \
        'BEGIN {s = ms / 1000; printf "%02d:%02d:%06.3f\n", int(s / 3600), int(s / 60) % 60, s - 60 * int(s / 60)}')
fi

build_client() {
    if [[ ${BENCH_WARDEN_BUILD:-1} == 1 ]]; then
        log "building bench/LossWindow (dotnet build -c Release)"
        (cd "$REPO_ROOT" && dotnet build bench/LossWindow -c Release -nologo -v q) >"$WORK/client-build.log" 2>&1 \
            || { tail -n 30 "$WORK/client-build.log" >&2; return 1; }
    fi
    [[ -f $CLIENT_DLL ]] || { log "no build at $CLIENT_DLL"; return 1; }
}

start_postgres() {
    tp_start "$WORK/pg"
    PG_BINDIR=$TP_BINDIR
    tp_psql -d postgres -c "CREATE DATABASE $DBNAME" >/dev/null
    PG_VERSION=$("$PG_BINDIR/postgres" --version | awk '{print $3}')
    log "PostgreSQL $PG_VERSION on $LOOPBACK:$TP_PORT"
}

# A key's value from the client's "RESULT key=value ..." line.
field() { # line key
    sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"
}

declare -A LOST WINDOW WINDOW_LAST   # rate -> values of every round, space-separated
ROWS=()
DETAILS=()
BUGS=()

# One round at one rate: a fresh silo, the client (which kills it), the figures, recordings removed.
run_round() { # round rate
    local round=$1 rate=$2 rate_arg output status line
    rate_arg=$([[ $rate == max ]] && echo 0 || echo "$rate")
    local attempt
    # A free port can be taken between the check and the silo's bind (other users of the machine): retry.
    for attempt in 1 2 3; do
        if start_warden "$LOOPBACK" "$TP_PORT" "$DBNAME"; then break; fi
        stop_warden
        ((attempt < 3)) || { log "Warden did not start"; return 1; }
        log "Warden did not start (attempt $attempt); trying again on other ports"
    done
    status=0
    output=$(WARDEN_HOST=$WARDEN_HOST WARDEN_PORT=$WARDEN_PORT WARDEN_DBNAME=$WARDEN_DBNAME WARDEN_TOKEN=$WARDEN_TOKEN \
        dotnet "$CLIENT_DLL" --pid "$WARDEN_PID" --recordings "$RECORDINGS" --rate "$rate_arg" --kill-after "$KILL_AFTER" 2>&1) \
        || status=$?
    # The client SIGKILLed the silo (our child): reap it, so stop_warden has nothing left to wait for.
    wait "$WARDEN_PID" 2>/dev/null || true
    WARDEN_PID=""
    DETAILS+=("round $round, rate $rate:" "$(grep -v '^RESULT ' <<<"$output" | sed 's/^/  /')")
    line=$(grep '^RESULT ' <<<"$output" || true)
    if [[ $status -ne 0 || -z $line ]]; then
        log "round $round rate $rate not measured (exit $status):"
        printf '%s\n' "$output" | tail -n 20 >&2
        tail -n 20 "$WORK/warden/silo.log" >&2 || true
        ROWS+=("$(printf '%5s %5s  not measured (exit %s)' "$round" "$rate" "$status")")
        rm -rf "$RECORDINGS"
        return 0
    fi
    local lost window window_last gaps dups chain
    lost=$(field "$line" lost) window=$(field "$line" window_kill_ms) window_last=$(field "$line" window_last_ack_ms)
    gaps=$(field "$line" gaps) dups=$(field "$line" duplicates) chain=$(field "$line" chain)
    LOST[$rate]+="$lost " WINDOW[$rate]+="$window " WINDOW_LAST[$rate]+="$window_last "
    if [[ $gaps != 0 || $dups != 0 || $chain != ok ]]; then
        BUGS+=("round $round rate $rate: gaps $gaps, duplicates $dups, chain $chain (session $(field "$line" session))")
    fi
    ROWS+=("$(printf '%5s %5s %7s %6s %7s %5s %5s %4s %11s %13s %15s %10s %10s %9s %8s %8s %5s' \
        "$round" "$rate" "$(field "$line" kill_ms)" "$(field "$line" acked)" "$(field "$line" refused)" "$lost" "$(field "$line" recorded_unacked)" \
        "$gaps" "$window" "$window_last" "$(field "$line" since_last_append_ms)" "$(field "$line" batch_gap_median_ms)" \
        "$(field "$line" delay_max_ms)" "$(field "$line" acked_after_kill)" \
        "$([[ $rate == max ]] && field "$line" longest_wait_ms || echo -)" \
        "$([[ $rate == max ]] && field "$line" longest_waits_at_append || echo -)" "$chain")")
    log "${ROWS[-1]}"
    rm -rf "$RECORDINGS"
}

header() {
    printf '%5s %5s %7s %6s %7s %5s %5s %4s %11s %13s %15s %10s %10s %9s %8s %8s %5s\n' round rate kill_ms acked refused lost unack gaps \
        window_ms window_last_ms since_append_ms batch_ms delay_max post_kill stall_ms at_batch chain
}

# Median and max of space-separated values; n/a when there are none.
med() {
    tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{v[NR] = $1}
        END {if (NR == 0) print "n/a"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
max() {
    tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | tail -n1 | grep . || echo n/a
}

main() {
    mkdir -p "$RESULTS_DIR"
    local report load_before round rate
    report="$RESULTS_DIR/$(date -u +%Y-%m-%dT%H%M%SZ)-$LABEL.txt"
    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    build_client
    start_postgres
    log "$(header)"
    for ((round = 1; round <= ROUNDS; round++)); do
        for rate in $RATES; do
            run_round "$round" "$rate"
        done
    done
    {
        echo "# batched recording loss window: SIGKILL of the Warden silo mid-session, $(date -u '+%Y-%m-%d %H:%M UTC'), $ROUNDS rounds per rate"
        echo "# machine: $(nproc) cores, $(uname -sr); client, PostgreSQL and Warden share it"
        echo "# load average before $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "# PostgreSQL $PG_VERSION, Warden ${WARDEN_VERSION:-n/a} (--dev, co-hosted edge, recording batched to the file store)"
        echo "# Warden:Edge:RecordingBatchInterval ${INTERVAL_MS:-200 (default)} ms; kill ${KILL_AFTER} s after the first statement; one connection, extended protocol, SELECT <n>"
        echo
        echo "## per rate: lost = statements the client saw executed that the recording lacks;"
        echo "## window = last recorded statement's acknowledgement -> kill; window_last = -> last acknowledgement"
        printf '%5s %11s %9s %15s %14s %20s %19s\n' rate lost_median lost_max window_median_ms window_max_ms window_last_median_ms window_last_max_ms
        for rate in $RATES; do
            printf '%5s %11s %9s %15s %14s %20s %19s\n' "$rate" "$(med "${LOST[$rate]:-}")" "$(max "${LOST[$rate]:-}")" \
                "$(med "${WINDOW[$rate]:-}")" "$(max "${WINDOW[$rate]:-}")" "$(med "${WINDOW_LAST[$rate]:-}")" "$(max "${WINDOW_LAST[$rate]:-}")"
        done
        if ((${#BUGS[@]} > 0)); then
            echo
            echo "## BUGS: gaps below the highest recorded statement, duplicates or a broken chain"
            printf '# %s\n' "${BUGS[@]}"
        else
            echo "# no gaps, no duplicates, every chain intact"
        fi
        echo
        echo "## rounds in the order they ran"
        header
        printf '%s\n' "${ROWS[@]}"
        echo
        echo "## client output per round"
        printf '%s\n' "${DETAILS[@]}"
    } | tee "$report"
    log "saved $report"
}

main "$@"
