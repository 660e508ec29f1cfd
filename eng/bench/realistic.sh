#!/usr/bin/env bash
# Benchmark: `migrations up` of a folder shaped like a real project's (eng/bench/realistic-folder.sh:
# 300 golang-migrate files by default, 1 to 40 statements each, long CREATE TABLEs, plpgsql functions
# and triggers, comments, seed data, views, indexes, a few CREATE INDEX CONCURRENTLY files) against a
# psql session that runs the same files, each in its own transaction with a history insert (the
# no-transaction files outside one), alternating on fresh databases of one throwaway cluster (tmpfs).
# Reports wall time (median, min–max), the ratio of the medians, and both clients' CPU and peak memory.
#   eng/bench/realistic.sh [count] [rounds]     (default 300 files, 7 rounds; BENCH_CLI=<path> reuses a published CLI)
set -euo pipefail

count="${1:-300}"
rounds="${2:-7}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"

bench_init
bench_publish_cli
bench_start_cluster
migrations="${work}/migrations"
"${bench_repo_root}/eng/bench/realistic-folder.sh" "${migrations}" "${count}"
bench_write_session_script "${migrations}" "${work}/session.sql" "*.up.sql"

for ((round = 1; round <= rounds; round++)); do
    echo "round ${round}/${rounds}: psql session, then migrations up..." >&2
    psql_cmd -d postgres -c "CREATE DATABASE session_${round}" -c "CREATE DATABASE tool_${round}"
    timed_rss session "${psql_binary}" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port}" -U postgres -d "session_${round}" -f "${work}/session.sql"
    timed_rss tool "${cli}" up --dir "${migrations}" --connection "${server}/tool_${round}"
    applied="$(psql_cmd -d "tool_${round}" -At -c 'SELECT count(*) FROM migrationtasks_history')"
    [[ "${applied}" == "${count}" ]] || { echo "expected ${count} applied migrations, found ${applied}" >&2; exit 1; }
done

statements="$(cat "${migrations}"/*.up.sql | grep -c ';$' || true)"
echo
echo "${count} migrations (${statements} statement lines ending in ';', $(du -sh "${migrations}" | cut -f1)), PostgreSQL $(psql_cmd -d postgres -At -c 'SHOW server_version') on ${bench_base}, $(nproc) cores, ${rounds} rounds"
echo
echo "| method | seconds, median (min–max) | vs psql session | client CPU ms | peak MiB |"
echo "|---|---|---|---|---|"
printf '| %s | %s | %s | %s | %s |\n' "psql, one session, transaction + history row per file" "$(summary session)" "1.00" "$(cpu_ms session)" "$(rss_mib session)"
printf '| %s | %s | %s | %s | %s |\n' "migrations up" "$(summary tool)" "$(ratio "$(median_of tool)" "$(median_of session)")" "$(cpu_ms tool)" "$(rss_mib tool)"
