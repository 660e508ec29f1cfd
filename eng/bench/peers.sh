#!/usr/bin/env bash
# Benchmark: `migrations` against two psql baselines and the peer tools that install from this
# environment's package registries, over the same N tiny migrations (a table and a row each), in one
# run on one throwaway cluster on tmpfs.
#   eng/bench/peers.sh [N] [rounds]        (default N = 1000, 3 rounds)
# Measures for every contender: up N on a fresh database, a no-op up on the up-to-date database, and
# status (or its equivalent) there. Contenders run in turn within each round, in an order rotated
# each round, so drift on this shared machine spreads over all of them; tables show median (min–max).
#   psql per file     one psql process per migration file (what a shell loop does)
#   psql session      one psql session, each file in its own transaction with a history insert
#   peers             dbmate, node-pg-migrate (npm), sqitch, sql-migrate (apt), EF Core Migrate() (NuGet);
#                     installed into ${BENCH_PEERS:-artifacts/bench-peers}; a peer that does not
#                     install is skipped with a note
# BENCH_CLI=<path> reuses a CLI published by eng/publish-cli.sh instead of publishing one.
# BENCH_SKIP="psql_per_file sqitch" leaves out the named contenders (those two take 2 min a round).
set -euo pipefail

count="${1:-1000}"
rounds="${2:-3}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"
peers_dir="$(realpath -m "${BENCH_PEERS:-artifacts/bench-peers}")"
mkdir -p "${peers_dir}"
for peer in npm apt efcore; do source "eng/bench/peer/${peer}.sh"; done

bench_init
bench_publish_cli
bench_start_cluster
migrations="${work}/migrations"
layouts="${work}/layouts"
bench_write_migrations "${migrations}" "${count}"
bench_write_session_script "${migrations}" "${work}/session.sql"

# Our own contenders, in the same shape as the peers': <name>_up/_status/_applied <database>.
migrations_up() { "${cli}" up --dir "${migrations}" --connection "${server}/$1"; }
migrations_status() { "${cli}" status --dir "${migrations}" --connection "${server}/$1"; }
migrations_applied() { psql_cmd -d "$1" -At -c 'SELECT count(*) FROM migrationtasks_history'; }
psql_session_up() { psql_cmd -d "$1" -f "${work}/session.sql"; }
psql_session_applied() { psql_cmd -d "$1" -At -c 'SELECT count(*) FROM history'; }
psql_per_file_up() {
    local file
    for file in "${migrations}"/*.sql; do psql_cmd -d "$1" -f "${file}"; done
}
psql_per_file_applied() { psql_cmd -d "$1" -At -c "SELECT count(*) FROM pg_tables WHERE tablename LIKE 't%'"; }

declare -A label=(
    [psql_per_file]="psql, one process per file"
    [psql_session]="psql, one session, transaction + history row"
    [migrations]="migrations (this repo)"
    [dbmate]="dbmate (npm)"
    [node_pg_migrate]="node-pg-migrate (npm)"
    [sqitch]="sqitch (apt)"
    [sql_migrate]="sql-migrate (apt)"
    [efcore]="EF Core Migrate() (NuGet)"
)
skipped() { [[ " ${BENCH_SKIP:-} " == *" $1 "* ]]; }
contenders=()
for name in psql_session migrations psql_per_file; do skipped "${name}" || contenders+=("${name}"); done
notes=()
for peer in dbmate node_pg_migrate sqitch sql_migrate efcore; do
    if skipped "${peer}"; then notes+=("${label[${peer}]} left out (BENCH_SKIP)"); continue; fi
    echo "installing and preparing ${peer}..." >&2
    if version="$("${peer}_install" 2>&1 | tail -n 1)" && message="$("${peer}_prepare" 2>&1)"; then
        contenders+=("${peer}")
        version="${version##* }"
        label[${peer}]+=" ${version%%-*}"
    else
        notes+=("${label[${peer}]} skipped: ${message:-${version}}")
        echo "skipping ${peer}: ${message:-${version}}" >&2
    fi
    message=""
done

rotated() { # $1: round; the contenders, starting at a different one each round
    local i n=${#contenders[@]}
    for ((i = 0; i < n; i++)); do echo "${contenders[$(((i + $1) % n))]}"; done
}

for ((round = 1; round <= rounds; round++)); do
    for name in $(rotated "${round}"); do
        echo "round ${round}/${rounds}: ${name} up ${count}..." >&2
        psql_cmd -d postgres -c "CREATE DATABASE ${name}_${round}"
        timed "${name}/up" "${name}_up" "${name}_${round}"
        applied="$("${name}_applied" "${name}_${round}")"
        [[ "${applied}" == "${count}" ]] || { echo "${name}: expected ${count} applied migrations, found ${applied}" >&2; exit 1; }
    done
done

# The no-op and status runs are short: more rounds, on each contender's first database.
for ((round = 1; round <= 2 * rounds + 1; round++)); do
    echo "round ${round}: no-op up and status..." >&2
    for name in $(rotated "${round}"); do
        [[ "${name}" == psql_* ]] && continue
        timed "${name}/noop" "${name}_up" "${name}_1"
        if declare -F "${name}_status" >/dev/null; then timed "${name}/status" "${name}_status" "${name}_1"; fi
    done
done

cell() { # $1: key; "median (min–max)" or n/a
    local value
    value="$(summary "$1")"
    echo "${value:-n/a}"
}
vs() { # $1: our key, $2: their key; our median ÷ theirs
    [[ -n "${bench_runs[$1]:-}" && -n "${bench_runs[$2]:-}" ]] || return 0
    ratio "$(median_of "$1")" "$(median_of "$2")"
}

echo
echo "N = ${count} migrations, PostgreSQL $(psql_cmd -d postgres -At -c 'SHOW server_version') on ${bench_base}, $(nproc) cores," \
    "${rounds} rounds of up, $((2 * rounds + 1)) of no-op and status; seconds, median (min–max)"
echo
echo "| tool | up ${count} | vs psql session | migrations ÷ tool, up | no-op up | migrations ÷ tool, no-op | status | migrations ÷ tool, status |"
echo "|---|---|---|---|---|---|---|---|"
for name in "${contenders[@]}"; do
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "${label[${name}]}" \
        "$(cell "${name}/up")" "$(vs "${name}/up" psql_session/up)" "$(vs migrations/up "${name}/up")" \
        "$(cell "${name}/noop")" "$(vs migrations/noop "${name}/noop")" \
        "$(cell "${name}/status")" "$(vs migrations/status "${name}/status")"
done
echo
echo "Rounds (s), in order:"
for name in "${contenders[@]}"; do
    for kind in up noop status; do
        if [[ -n "${bench_runs[${name}/${kind}]:-}" ]]; then echo "  ${label[${name}]}, ${kind}: $(rounds_of "${name}/${kind}")"; fi
    done
done
for note in "${notes[@]}"; do echo "Note: ${note}"; done
