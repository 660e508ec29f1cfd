#!/usr/bin/env bash
# Benchmark: `migrations up` on SQLite against the sqlite3 shell applying the same N tiny migrations
# (a table and a row each), each file in its own transaction with a history insert, in one session:
# the floor of any SQLite migration runner. The database files live on tmpfs when /dev/shm exists;
# the two contenders alternate over the rounds on fresh files; the table shows medians.
#   eng/bench/sqlite.sh [N] [rounds]        (default N = 1000, 5 rounds)
# `migrations up` runs twice per round: with its default backup before the run (of the empty file
# here, so nearly free) and with --no-backup. BENCH_CLI=<path> reuses a published CLI.
# Needs the sqlite3 shell (apt-get install sqlite3).
set -euo pipefail

count="${1:-1000}"
rounds="${2:-5}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"
command -v sqlite3 >/dev/null || { echo "sqlite.sh: needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }

bench_init
bench_publish_cli
migrations="${work}/migrations"
bench_write_migrations "${migrations}" "${count}"

# The shell's session: each file between BEGIN and COMMIT with the row a runner records.
{
    echo "CREATE TABLE history (version TEXT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));"
    for file in "${migrations}"/*.sql; do
        name="$(basename "${file}" .sql)"
        echo "BEGIN;"
        cat "${file}"
        echo "INSERT INTO history (version, name, checksum) VALUES ('${name%%_*}', '${name#*_}', 'sha256:$(sha256sum "${file}" | cut -c1-64)');"
        echo "COMMIT;"
    done
} >"${work}/session.sql"

for ((round = 1; round <= rounds; round++)); do
    echo "round ${round}/${rounds}: sqlite3 session, migrations up, migrations up --no-backup..." >&2
    timed shell sqlite3 -bail "${work}/shell_${round}.db" ".read ${work}/session.sql"
    timed_rss tool "${cli}" up --dir "${migrations}" --connection "sqlite:${work}/tool_${round}.db"
    timed_rss tool_nobackup "${cli}" up --dir "${migrations}" --connection "sqlite:${work}/nobackup_${round}.db" --no-backup
    applied="$(sqlite3 "${work}/tool_${round}.db" 'SELECT count(*) FROM migrationtasks_history')"
    [[ "${applied}" == "${count}" ]] || { echo "expected ${count} applied migrations, found ${applied}" >&2; exit 1; }
done

echo "no-op migrations up and status (11 runs each, interleaved)..." >&2
for _ in $(seq 11); do
    timed select1 sqlite3 "${work}/tool_1.db" 'select 1'
    timed noop "${cli}" up --dir "${migrations}" --connection "sqlite:${work}/tool_1.db"
    timed status "${cli}" status --dir "${migrations}" --connection "sqlite:${work}/tool_1.db"
done

shell="$(median_of shell)"
echo
echo "N = ${count} migrations, SQLite files on ${bench_base}, $(nproc) cores, ${rounds} rounds"
printf '| %-50s | %9s | %16s | %9s |\n' "method" "seconds" "vs sqlite3 shell" "peak MiB"
printf '|%s|%s|%s|%s|\n' "----------------------------------------------------" "-----------" "------------------" "-----------"
printf '| %-50s | %9s | %16s | %9s |\n' "sqlite3 shell, one session, transaction + history" "$(seconds "${shell}")" "1.00" ""
printf '| %-50s | %9s | %16s | %9s |\n' "migrations up (backup first)" "$(seconds "$(median_of tool)")" "$(ratio "$(median_of tool)" "${shell}")" "$(rss_mib tool)"
printf '| %-50s | %9s | %16s | %9s |\n' "migrations up --no-backup" "$(seconds "$(median_of tool_nobackup)")" "$(ratio "$(median_of tool_nobackup)" "${shell}")" "$(rss_mib tool_nobackup)"
echo
echo "With all ${count} applied (median of 11, interleaved):"
printf '| %-50s | %9s |\n' "command" "ms"
printf '|%s|%s|\n' "----------------------------------------------------" "-----------"
printf '| %-50s | %9s |\n' "sqlite3 app.db 'select 1'" "$(milliseconds "$(median_of select1)")"
printf '| %-50s | %9s |\n' "migrations up (nothing to do)" "$(milliseconds "$(median_of noop)")"
printf '| %-50s | %9s |\n' "migrations status" "$(milliseconds "$(median_of status)")"
echo
echo "sqlite3 shell runs (s): $(rounds_of shell)"
echo "migrations up runs (s): $(rounds_of tool)"
