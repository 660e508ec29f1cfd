#!/usr/bin/env bash
# Benchmark: `migrations up` against two psql baselines over the same N tiny migrations
# (a table and a row each), all in one run on one throwaway cluster (on tmpfs when /dev/shm
# exists), so that the ratios are comparable even when absolute times drift between runs.
#   eng/bench/up.sh [N] [rounds]        (default N = 1000, 5 rounds)
# Baselines:
#   psql per file     one psql process per migration file (what a shell loop does)
#   psql session      one psql session, each file in its own transaction with a history insert
# The psql session and `migrations up` alternate over the rounds on fresh databases; the table shows
# medians. Then, on the up-to-date database, a no-op `migrations up` and `migrations status` against
# `psql -c 'select 1'` (the floor of any client), interleaved, median of 11, wall time, with the two floors of a
# no-op that verifies the applied files: `sha256sum` of the folder, and psql reading the history's checksums.
# eng/bench/peers.sh adds the peer tools; BENCH_CLI=<path> reuses a published CLI.
set -euo pipefail

count="${1:-1000}"
rounds="${2:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"

bench_init
bench_publish_cli
bench_start_cluster
migrations="${work}/migrations"
bench_write_migrations "${migrations}" "${count}"
bench_write_session_script "${migrations}" "${work}/session.sql"

# One psql process per file takes minutes on a loaded machine: BENCH_PER_FILE=0 skips it.
if [[ "${BENCH_PER_FILE:-1}" != 0 ]]; then
    psql_cmd -d postgres -c "CREATE DATABASE per_file"
    echo "psql, one process per file..." >&2
    per_file_up() {
        local file
        for file in "${migrations}"/*.sql; do psql_cmd -d per_file -f "${file}"; done
    }
    timed per_file per_file_up
fi

# The two contenders alternate on fresh databases, rounds times each; medians are compared.
for ((round = 1; round <= rounds; round++)); do
    echo "round ${round}/${rounds}: psql session, then migrations up..." >&2
    psql_cmd -d postgres -c "CREATE DATABASE session_${round}" -c "CREATE DATABASE tool_${round}"
    timed session psql_cmd -d "session_${round}" -f "${work}/session.sql"
    timed tool "${cli}" up --dir "${migrations}" --connection "${server}/tool_${round}"
    applied="$(psql_cmd -d "tool_${round}" -At -c 'SELECT count(*) FROM migrationtasks_history')"
    [[ "${applied}" == "${count}" ]] || { echo "expected ${count} applied migrations, found ${applied}" >&2; exit 1; }
done

echo "no-op migrations up, status and psql -c 'select 1' (11 runs each, interleaved)..." >&2
for _ in $(seq 11); do
    timed select1 psql_cmd -d tool_1 -c 'select 1'
    timed noop "${cli}" up --dir "${migrations}" --connection "${server}/tool_1"
    timed status "${cli}" status --dir "${migrations}" --connection "${server}/tool_1"
    # The floors of a no-op that verifies what was applied: hashing the folder's files, and reading the history.
    timed hash_files sha256sum "${migrations}"/*.sql
    timed read_history psql_cmd -d tool_1 -At -c 'SELECT version, checksum FROM migrationtasks_history'
done

session="$(median_of session)"
tool="$(median_of tool)"
echo
echo "N = ${count} migrations, PostgreSQL on ${bench_base}, $(nproc) cores, baseline ${psql_binary}"
printf '| %-44s | %9s | %17s |\n' "method" "seconds" "vs psql session"
printf '|%s|%s|%s|\n' "----------------------------------------------" "-----------" "-------------------"
if [[ -n "${bench_runs[per_file]:-}" ]]; then
    printf '| %-44s | %9s | %17s |\n' "psql, one process per file (1 run)" "$(seconds "$(median_of per_file)")" "$(ratio "$(median_of per_file)" "${session}")"
fi
printf '| %-44s | %9s | %17s |\n' "psql, one session, transaction + history row" "$(seconds "${session}")" "1.00"
printf '| %-44s | %9s | %17s |\n' "migrations up" "$(seconds "${tool}")" "$(ratio "${tool}" "${session}")"
printf '| %-44s | %9s | %17s |\n' "migrations up, no-op (median of 11)" "$(seconds "$(median_of noop)")" ""
echo
echo "With all ${count} applied (median of 11, interleaved):"
printf '| %-44s | %9s | %17s |\n' "command" "ms" "vs psql select 1"
printf '|%s|%s|%s|\n' "----------------------------------------------" "-----------" "-------------------"
for kind in select1 noop status hash_files read_history; do
    case "${kind}" in
        select1) name="psql -c 'select 1'" ;;
        noop) name="migrations up (nothing to do)" ;;
        status) name="migrations status" ;;
        hash_files) name="sha256sum of the ${count} files" ;;
        read_history) name="psql reading the history's versions and checksums" ;;
    esac
    printf '| %-44s | %9s | %17s |\n' "${name}" "$(milliseconds "$(median_of "${kind}")")" "$(ratio "$(median_of "${kind}")" "$(median_of select1)")"
done
echo
echo "psql session runs (s): $(rounds_of session)"
echo "migrations up runs (s): $(rounds_of tool)"
