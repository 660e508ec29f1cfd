#!/usr/bin/env bash
# A throwaway local PostgreSQL cluster for trying things by hand and for the sample.
#   eng/postgres.sh start <dir>   initdb + start; prints postgresql://postgres@127.0.0.1:PORT/postgres
#   eng/postgres.sh stop <dir>    stops it and deletes <dir>
# Same recipe as the test harness: trust auth, no fsync, random free port, run as the
# `postgres` OS user when invoked as root (the server refuses to run as root).
# A directory under /dev/shm makes it several times faster. Logs go to stderr.
set -euo pipefail

usage() {
    echo "usage: $0 start|stop <dir>" >&2
    exit 2
}

log() { echo "postgres.sh: $*" >&2; }

# initdb and pg_ctl: PATH first, else the newest /usr/lib/postgresql/<version>/bin (Debian).
find_bin_dir() {
    local initdb version
    if initdb="$(command -v initdb 2>/dev/null)" && [[ -x "$(dirname "${initdb}")/pg_ctl" ]]; then
        dirname "${initdb}"
        return
    fi
    version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
    if [[ -n "${version}" && -x "/usr/lib/postgresql/${version}/bin/initdb" ]]; then
        echo "/usr/lib/postgresql/${version}/bin"
        return
    fi
    log "initdb not found: install PostgreSQL (Debian/Ubuntu: apt-get install postgresql)"
    exit 1
}

# Runs a server program, as the postgres user when we are root.
as_server_user() {
    if ((EUID == 0)); then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A port nothing answers on right now; the server start below retries if it is taken anyway.
free_port() {
    local port
    while true; do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/${port}") 2>/dev/null; then
            echo "${port}"
            return
        fi
    done
}

start() {
    local dir="$1" bin port attempt
    bin="$(find_bin_dir)"
    if [[ -e "${dir}/data" ]]; then
        log "${dir}/data already exists; run '$0 stop ${dir}' first"
        exit 1
    fi
    mkdir -p "${dir}"
    dir="$(cd "${dir}" && pwd)"
    if ((EUID == 0)); then
        chown postgres: "${dir}"
    fi
    # Run from the cluster directory: root's cwd is usually unreadable for postgres.
    cd "${dir}"
    as_server_user "${bin}/initdb" -D "${dir}/data" -A trust -U postgres --no-sync -E UTF8 --locale=C >&2
    for attempt in 1 2 3 4 5; do
        port="$(free_port)"
        if as_server_user "${bin}/pg_ctl" -D "${dir}/data" -l "${dir}/server.log" -w -t 60 \
            -o "-p ${port} -k '${dir}' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
            start >&2; then
            echo "${port}" >"${dir}/port"
            log "started on port ${port} (attempt ${attempt}); log: ${dir}/server.log"
            echo "postgresql://postgres@127.0.0.1:${port}/postgres"
            return
        fi
        log "start on port ${port} failed:"
        tail -n 5 "${dir}/server.log" >&2 || true
    done
    exit 1
}

stop() {
    local dir="$1" bin
    if [[ -f "${dir}/data/postmaster.pid" ]]; then
        bin="$(find_bin_dir)"
        (cd "${dir}" && as_server_user "${bin}/pg_ctl" -D "${dir}/data" -m immediate -w stop >&2) || log "pg_ctl stop failed; removing ${dir} anyway"
    fi
    rm -rf "${dir}"
}

[[ $# -eq 2 ]] || usage
case "$1" in
    start) start "$2" ;;
    stop) stop "$2" ;;
    *) usage ;;
esac
