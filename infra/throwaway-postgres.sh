# Bash helpers for a throwaway PostgreSQL on loopback, sourced by bench/run.sh and .ci/run.
# The C# counterpart is src/Silo/LocalPostgres/ThrowawayPostgres.cs; keep the two in step.
#
#   tp_start DIR    initdb in DIR/data, start on 127.0.0.1 at a free port; sets TP_PORT, TP_PASSWORD
#   tp_stop DIR     fast shutdown (safe to call when not running)
#   tp_psql ...     psql as the superuser over TCP
# Superuser: postgres; host connections need SCRAM; the unix socket lives in DIR.

TP_LOOPBACK=127.0.0.1
TP_USER=postgres
TP_PORT=""
TP_PASSWORD=""
TP_BINDIR=""

# initdb, postgres and pgbouncer refuse to run as root.
tp_as_server_user() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# WARDEN_PG_BINDIR, else the newest /usr/lib/postgresql/<major>/bin, else pg_config --bindir.
tp_find_bindir() {
    if [[ -n ${WARDEN_PG_BINDIR:-} ]]; then
        echo "$WARDEN_PG_BINDIR"
        return
    fi
    local newest
    newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4,4n | tail -n1 || true)
    if [[ -n $newest && -x $newest/initdb ]]; then
        echo "$newest"
    elif command -v pg_config >/dev/null; then
        pg_config --bindir
    else
        echo "PostgreSQL server binaries not found; set WARDEN_PG_BINDIR" >&2
        return 1
    fi
}

# A loopback port nobody answers on.
tp_free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/$TP_LOOPBACK/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
    echo "no free loopback port found" >&2
    return 1
}

tp_wait_ready() { # host port
    for _ in $(seq 1 150); do
        if "$TP_BINDIR/pg_isready" -q -h "$1" -p "$2"; then
            return 0
        fi
        sleep 0.1
    done
    echo "nothing accepting connections on $1:$2" >&2
    return 1
}

tp_start() { # dir
    local dir=$1
    TP_BINDIR=${TP_BINDIR:-$(tp_find_bindir)}
    TP_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    TP_PORT=$(tp_free_port)
    mkdir -p "$dir"
    chmod 700 "$dir"
    printf '%s\n' "$TP_PASSWORD" >"$dir/pw"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi
    tp_as_server_user "$TP_BINDIR/initdb" -D "$dir/data" -U "$TP_USER" --pwfile="$dir/pw" \
        -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$dir/initdb.log"
    rm -f "$dir/pw"
    # Durability is worthless for a server deleted after the run.
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '$TP_LOOPBACK'
port = $TP_PORT
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = '128MB'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    tp_as_server_user "$TP_BINDIR/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 >/dev/null
    tp_wait_ready "$TP_LOOPBACK" "$TP_PORT"
}

tp_stop() { # dir
    if [[ -f $1/data/postmaster.pid ]]; then
        tp_as_server_user "$TP_BINDIR/pg_ctl" stop -D "$1/data" -m fast -w >/dev/null 2>&1 || true
    fi
}

tp_psql() {
    PGPASSWORD=$TP_PASSWORD "$TP_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$TP_LOOPBACK" -p "$TP_PORT" -U "$TP_USER" "$@"
}
