# Shared by the benchmarks in eng/bench/ (source it; it runs nothing by itself): a work folder on
# tmpfs, a throwaway cluster, the published CLI, the N tiny migrations, timing and statistics.
# Every benchmark compares contenders within one run on one cluster, because this machine is a
# shared VM whose absolute times drift between runs.

bench_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Creates ${work} on /dev/shm (else $TMPDIR) and removes it, and stops the cluster, on exit.
bench_init() {
    bench_base="/dev/shm"
    [[ -d "${bench_base}" && -w "${bench_base}" ]] || bench_base="${TMPDIR:-/tmp}"
    work="$(mktemp -d "${bench_base}/migrationtasks-bench-XXXXXX")"
    chmod 755 "${work}" # the server may run as the postgres user, which must reach its data folder
    trap '"${bench_repo_root}/eng/postgres.sh" stop "${work}/cluster" >/dev/null 2>&1 || true; rm -rf "${work}"' EXIT
}

# Sets ${cli}: $BENCH_CLI when given (a CLI published earlier by eng/publish-cli.sh), else publishes
# this checkout the way a pre-deploy container ships it (self-contained, composite ReadyToRun).
bench_publish_cli() {
    if [[ -n "${BENCH_CLI:-}" ]]; then
        cli="${BENCH_CLI}"
        return
    fi
    echo "publishing the CLI (eng/publish-cli.sh, about two minutes; BENCH_CLI=<path> reuses one)..." >&2
    cli="$("${bench_repo_root}/eng/publish-cli.sh" "${work}/cli")"
}

# Starts the cluster; sets ${url} (…/postgres), ${server} (the URL without the database) and ${port}.
bench_start_cluster() {
    url="$("${bench_repo_root}/eng/postgres.sh" start "${work}/cluster" 2>/dev/null)"
    server="${url%/*}"
    port="${url##*:}"
    port="${port%%/*}"
    echo "baseline: ${psql_binary} ($("${psql_binary}" --version))" >&2
}

# The psql program itself, the baseline every benchmark measures against. On Debian and Ubuntu the
# `psql` on the PATH is pg_wrapper, a Perl script that picks a cluster's version and then starts the
# binary: about 50 ms of CPU added to every start, which is not psql's cost (every figure in
# docs/performance.md before 2026-12-03 carried it; its section "psql itself as the baseline" says what that changed).
bench_psql_binary() {
    local found version
    found="$(command -v psql)" || { echo "psql not found: install PostgreSQL's client (apt-get install postgresql-client)" >&2; return 1; }
    if [[ "$(head -c 2 "$(readlink -f "${found}")")" == '#!' ]]; then
        version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
        [[ -n "${version}" && -x "/usr/lib/postgresql/${version}/bin/psql" ]] && found="/usr/lib/postgresql/${version}/bin/psql"
    fi
    echo "${found}"
}
psql_binary="${BENCH_PSQL:-$(bench_psql_binary)}"
psql_cmd() { "${psql_binary}" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port}" -U postgres "$@"; }

# Writes N migrations into $1: <version>_create_t<version>.sql, a table and a row each.
bench_write_migrations() {
    local dir="$1" count="$2" i version
    mkdir -p "${dir}"
    for ((i = 1; i <= count; i++)); do
        printf -v version '%06d' "${i}"
        printf 'CREATE TABLE t%s (id int PRIMARY KEY, note text);\nINSERT INTO t%s VALUES (%d, %s);\n' \
            "${version}" "${version}" "${i}" "'row ${i}'" >"${dir}/${version}_create_t${version}.sql"
    done
}

# Copies each migration of $1 into $2 under the same name, between the lines $3 and $4: how the
# peers' layouts mark the up (and an empty down) part of the same SQL.
bench_wrap_migrations() {
    local file
    mkdir -p "$2"
    for file in "$1"/*.sql; do
        { echo "$3"; cat "${file}"; echo "$4"; } >"$2/$(basename "${file}")"
    done
}

# The one-session psql baseline: each file in its own transaction with a history insert; a file marked
# `-- migrate:no-transaction` runs outside one, as the runner runs it.
bench_write_session_script() { # $1: migrations folder, $2: script to write, $3: which files (default *.sql)
    local file name
    {
        echo "CREATE TABLE history (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
        for file in "$1"/${3:-*.sql}; do
            name="$(basename "${file}")"
            if grep -q '^-- migrate:no-transaction' "${file}"; then
                printf '\\i %s\nINSERT INTO history (version) VALUES (%s);\n' "${file}" "'${name%%_*}'"
            else
                printf 'BEGIN;\n\\i %s\nINSERT INTO history (version) VALUES (%s);\nCOMMIT;\n' "${file}" "'${name%%_*}'"
            fi
        done
    } >"$2"
}

now() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
minimum() { printf '%s\n' "$@" | sort -n | head -n 1; }
maximum() { printf '%s\n' "$@" | sort -n | tail -n 1; }

# Runs the rest of the line with its output discarded and appends its wall time (ns) to the
# associative array bench_runs under key $1. A failure stops the benchmark: a crash is not a time.
declare -gA bench_runs=()
timed() {
    local key="$1" start
    shift
    start="$(now)"
    if ! "$@" >"${work}/last.log" 2>&1; then
        echo "failed: $* (for ${key}):" >&2
        tail -n 20 "${work}/last.log" >&2
        exit 1
    fi
    bench_runs["${key}"]+="$(($(now) - start)) "
}

milliseconds() { awk -v ns="$1" 'BEGIN { printf "%.0f", ns / 1e6 }'; }

# "median (min–max)" of the runs under key $1, in seconds (or in $2: milliseconds); empty when none ran.
summary() {
    local -a runs
    local unit="${2:-seconds}"
    read -r -a runs <<<"${bench_runs[$1]:-}"
    ((${#runs[@]})) || return 0
    printf '%s (%s–%s)' "$("${unit}" "$(median "${runs[@]}")")" "$("${unit}" "$(minimum "${runs[@]}")")" "$("${unit}" "$(maximum "${runs[@]}")")"
}
median_of() { # $1: key; median in ns
    local -a runs
    read -r -a runs <<<"${bench_runs[$1]:-}"
    median "${runs[@]}"
}
rounds_of() { # $1: key; every run in seconds, in order
    local -a runs
    local r
    read -r -a runs <<<"${bench_runs[$1]:-}"
    for r in "${runs[@]}"; do printf '%s ' "$(seconds "${r}")"; done
}

# Like timed, under /usr/bin/time -v, and also appends the peak resident set size (KiB) to bench_rss
# and the client CPU time (user + system, ns) to bench_cpu.
declare -gA bench_rss=() bench_cpu=()
timed_rss() {
    local key="$1"
    shift
    timed "${key}" /usr/bin/time -v -o "${work}/time.txt" "$@"
    bench_rss["${key}"]+="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "${work}/time.txt") "
    bench_cpu["${key}"]+="$(awk -F': ' '/(User|System) time \(seconds\)/ { cpu += $2 } END { printf "%.0f", cpu * 1e9 }' "${work}/time.txt") "
}
cpu_ms() { # $1: key; the median client CPU time in ms
    local -a runs
    read -r -a runs <<<"${bench_cpu[$1]:-}"
    milliseconds "$(median "${runs[@]}")"
}
rss_mib() { # $1: key; the median peak RSS in MiB
    local -a runs
    read -r -a runs <<<"${bench_rss[$1]:-}"
    awk -v kib="$(median "${runs[@]}")" 'BEGIN { printf "%.0f", kib / 1024 }'
}
