# shellcheck shell=bash disable=SC2034 # sets variables run.sh reads
# Starts and stops a Warden silo (co-hosted edge) for bench/run.sh, which sources this file.
#
#   start_warden HOST PG_PORT DBNAME   build (once), write a policy whose target "bench" is that
#                                      PostgreSQL, start the silo in --dev on free loopback ports,
#                                      wait for /healthz, mint a dev token; sets WARDEN_HOST,
#                                      WARDEN_PORT, WARDEN_DBNAME, WARDEN_TOKEN, WARDEN_VERSION
#   stop_warden                        stop the silo (safe to call when not running)
# start_warden may be called again after stop_warden (bench/loss-window.sh does, once per round): the
# build and the upstream role are made once, the policy, ports and token are new each time.
#
# Uses from run.sh: REPO_ROOT, WORK, log, tp_psql, tp_free_port.
# Settings: BENCH_WARDEN_BUILD (1; 0 reuses the existing Release build); BENCH_RECORDING (strict |
# batched, default strict): the policy's recording.durability; BENCH_SAMPLES (none | masked, default none):
# recording.results, with masking of pgbench_accounts.filler (redact) and the e-mail detector, so every
# result's first rows are decoded, masked and recorded. Recordings go to the file store in the silo's temp
# working directory (data/recordings), on the same disk as everything else.
# The upstream login is a dedicated role with SELECT on the pgbench tables; its random password
# reaches the silo only through BENCH_PG_PASSWORD in the silo's environment (the policy says
# ${env:BENCH_PG_PASSWORD}). Neither it nor the token is ever printed.

WARDEN_PID=""
WARDEN_API_PORT=""
WARDEN_VERSION=""
_WARDEN_BUILT=""
_WARDEN_ROLE_CREATED=""
readonly WARDEN_ROLE=bench_reader

_warden_dir() { echo "$WORK/warden"; }

_warden_build() {
    if [[ ${BENCH_WARDEN_BUILD:-1} == 1 ]]; then
        log "building Warden (dotnet build src/Silo -c Release)"
        (cd "$REPO_ROOT" && dotnet build src/Silo -c Release -nologo -v q) >"$(_warden_dir)/build.log" 2>&1 \
            || { tail -n 30 "$(_warden_dir)/build.log" >&2; return 1; }
    fi
    WARDEN_DLL=$REPO_ROOT/src/Silo/bin/Release/net10.0/Warden.Silo.dll
    [[ -f $WARDEN_DLL ]] || { log "no build at $WARDEN_DLL"; return 1; }
    WARDEN_VERSION="$(git -C "$REPO_ROOT" rev-parse --short HEAD)$(git -C "$REPO_ROOT" diff --quiet HEAD -- src || echo '+dirty'), dotnet $(dotnet --version)"
}

# A login role that can read the pgbench tables and nothing else. The password goes to psql on stdin,
# so it never shows in a process list.
_warden_create_role() { # dbname
    BENCH_PG_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    tp_psql -d "$1" <<SQL
CREATE ROLE $WARDEN_ROLE LOGIN PASSWORD '$BENCH_PG_PASSWORD';
GRANT SELECT ON ALL TABLES IN SCHEMA public TO $WARDEN_ROLE;
SQL
}

_warden_write_policy() { # host pg_port dbname file
    cat >"$4" <<YAML
targets:
  bench:
    host: $1
    port: $2
    database: $3
    tls: disable
    roles:
      reader: { user: $WARDEN_ROLE, password: "\${env:BENCH_PG_PASSWORD}" }
access:
  - name: bench
    groups: [bench]
    targets: [bench]
    role: reader
    allow: [read, write, transaction, session]
recording:
  durability: ${BENCH_RECORDING:-strict}
  results: ${BENCH_SAMPLES:-none}
YAML
    if [[ ${BENCH_SAMPLES:-none} == masked ]]; then
        cat >>"$4" <<YAML
masking:
  columns:
    public.pgbench_accounts.filler: redact
  detectors: [email]
YAML
    fi
}

# Four distinct free loopback ports.
_warden_ports() {
    local ports=() port
    while ((${#ports[@]} < 4)); do
        port=$(tp_free_port)
        [[ " ${ports[*]} " == *" $port "* ]] || ports+=("$port")
    done
    echo "${ports[@]}"
}

start_warden() { # host pg_port dbname
    local dir
    dir=$(_warden_dir)
    mkdir -p "$dir"
    # Called in a || list by run.sh, where set -e is off: every step checks its own status.
    if [[ -z $_WARDEN_BUILT ]]; then _warden_build || return 1; _WARDEN_BUILT=1; fi
    if [[ -z $_WARDEN_ROLE_CREATED ]]; then _warden_create_role "$3" >/dev/null || return 1; _WARDEN_ROLE_CREATED=1; fi
    _warden_write_policy "$1" "$2" "$3" "$dir/policy.yaml" || return 1

    local edge_port silo_port gateway_port
    read -r WARDEN_API_PORT edge_port silo_port gateway_port <<<"$(_warden_ports)" || return 1
    # The working directory is the temp dir, so anything the silo writes (data/...) goes away with it.
    (
        cd "$dir" || exit 1
        export BENCH_PG_PASSWORD
        export Warden__Silo__ApiPort=$WARDEN_API_PORT Warden__Edge__Port=$edge_port \
            Warden__Silo__SiloPort=$silo_port Warden__Silo__GatewayPort=$gateway_port \
            Logging__LogLevel__Default=Warning DOTNET_CLI_TELEMETRY_OPTOUT=1
        exec dotnet "$WARDEN_DLL" --dev --policy "$dir/policy.yaml"
    ) >"$dir/silo.log" 2>&1 &
    WARDEN_PID=$!

    local health=""
    for _ in $(seq 1 300); do
        if ! kill -0 "$WARDEN_PID" 2>/dev/null; then
            log "Warden exited during start; last lines of its log:"
            tail -n 20 "$dir/silo.log" >&2
            WARDEN_PID=""
            return 1
        fi
        health=$(curl -s -o /dev/null -w '%{http_code}' "http://$1:$WARDEN_API_PORT/healthz" || true)
        [[ $health == 200 ]] && break
        sleep 0.2
    done
    [[ $health == 200 ]] || { log "Warden /healthz did not answer 200 within 60 s"; return 1; }

    WARDEN_TOKEN=$(curl -sf -X POST "http://$1:$WARDEN_API_PORT/dev/token" -H 'content-type: application/json' \
        -d '{"sub":"bench","groups":["bench"],"ttlSeconds":3600}' | jq -r .token)
    [[ -n $WARDEN_TOKEN && $WARDEN_TOKEN != null ]] || { log "could not mint a dev token"; WARDEN_TOKEN=""; return 1; }
    WARDEN_HOST=$1 WARDEN_PORT=$edge_port WARDEN_DBNAME=bench
    log "Warden ($WARDEN_VERSION) pid $WARDEN_PID: edge $1:$edge_port, API $1:$WARDEN_API_PORT, upstream role $WARDEN_ROLE"
}

stop_warden() {
    [[ -n $WARDEN_PID ]] || return 0
    kill -TERM "$WARDEN_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do
        kill -0 "$WARDEN_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$WARDEN_PID" 2>/dev/null || true
    wait "$WARDEN_PID" 2>/dev/null || true
    WARDEN_PID=""
}
