#!/usr/bin/env bash
# Benchmark: `migrations up` against two psql baselines over the same N tiny migrations
# (a table and a row each), all in one run on one throwaway cluster (on tmpfs when /dev/shm
# exists), so that the ratios are comparable even when absolute times drift between runs.
#   eng/bench/up.sh [N]        (default N = 1000)
# Baselines:
#   psql per file     one psql process per migration file (what a shell loop does)
#   psql session      one psql session, each file in its own transaction with a history insert
# The psql session and `migrations up` alternate over 5 rounds on fresh databases; the table shows
# medians. Also measures a no-op `migrations up` on the up-to-date database (median of 11, wall time).
set -euo pipefail

count="${1:-1000}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "${repo_root}"

base="/dev/shm"
[[ -d "${base}" && -w "${base}" ]] || base="${TMPDIR:-/tmp}"
work="$(mktemp -d "${base}/migrationtasks-bench-XXXXXX")"
chmod 755 "${work}" # the server may run as the postgres user, which must reach its data folder
cluster="${work}/cluster"
trap 'eng/postgres.sh stop "${cluster}" >/dev/null 2>&1 || true; rm -rf "${work}"' EXIT

# Published as a pre-deploy container ships it (self-contained, composite ReadyToRun): see eng/publish-cli.sh.
echo "publishing the CLI (eng/publish-cli.sh, about two minutes)..." >&2
cli="$(eng/publish-cli.sh "${work}/cli")"

url="$(eng/postgres.sh start "${cluster}" 2>/dev/null)"
port="${url##*:}"; port="${port%%/*}"
psql_cmd() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "${port}" -U postgres "$@"; }

migrations="${work}/migrations"
mkdir -p "${migrations}"
for ((i = 1; i <= count; i++)); do
    printf -v version '%06d' "${i}"
    printf 'CREATE TABLE t%s (id int PRIMARY KEY, note text);\nINSERT INTO t%s VALUES (%d, %s);\n' \
        "${version}" "${version}" "${i}" "'row ${i}'" >"${migrations}/${version}_create_t${version}.sql"
done

psql_cmd -d postgres -c "CREATE DATABASE per_file"
now() { date +%s%N; }
seconds() { awk -v ns="$1" 'BEGIN { printf "%.2f", ns / 1e9 }'; }
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }

echo "psql, one process per file..." >&2
start="$(now)"
for file in "${migrations}"/*.sql; do psql_cmd -d per_file -f "${file}"; done
per_file=$(($(now) - start))

script="${work}/session.sql"
{
    echo "CREATE TABLE history (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());"
    for file in "${migrations}"/*.sql; do
        name="$(basename "${file}" .sql)"
        printf 'BEGIN;\n\\i %s\nINSERT INTO history (version) VALUES (%s);\nCOMMIT;\n' "${file}" "'${name%%_*}'"
    done
} >"${script}"

# The two contenders alternate on fresh databases, rounds times each; medians are compared.
rounds=5
session_runs=()
tool_runs=()
for ((round = 1; round <= rounds; round++)); do
    echo "round ${round}/${rounds}: psql session, then migrations up..." >&2
    psql_cmd -d postgres -c "CREATE DATABASE session_${round}" -c "CREATE DATABASE tool_${round}"
    start="$(now)"
    psql_cmd -d "session_${round}" -f "${script}"
    session_runs+=($(($(now) - start)))
    start="$(now)"
    "${cli}" up --dir "${migrations}" --connection "${url%/*}/tool_${round}" >/dev/null
    tool_runs+=($(($(now) - start)))
    applied="$(psql_cmd -d "tool_${round}" -At -c 'SELECT count(*) FROM migrationtasks_history')"
    [[ "${applied}" == "${count}" ]] || { echo "expected ${count} applied migrations, found ${applied}" >&2; exit 1; }
done
session="$(median "${session_runs[@]}")"
tool="$(median "${tool_runs[@]}")"

echo "no-op migrations up (11 runs)..." >&2
noop_runs=()
for _ in $(seq 11); do
    start="$(now)"
    "${cli}" up --dir "${migrations}" --connection "${url%/*}/tool_1" >/dev/null
    noop_runs+=($(($(now) - start)))
done
noop="$(median "${noop_runs[@]}")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "N = ${count} migrations, PostgreSQL on ${base}, $(nproc) cores"
printf '| %-44s | %9s | %17s |\n' "method" "seconds" "vs psql session"
printf '|%s|%s|%s|\n' "----------------------------------------------" "-----------" "-------------------"
printf '| %-44s | %9s | %17s |\n' "psql, one process per file (1 run)" "$(seconds "${per_file}")" "$(ratio "${per_file}" "${session}")"
printf '| %-44s | %9s | %17s |\n' "psql, one session, transaction + history row" "$(seconds "${session}")" "1.00"
printf '| %-44s | %9s | %17s |\n' "migrations up" "$(seconds "${tool}")" "$(ratio "${tool}" "${session}")"
printf '| %-44s | %9s | %17s |\n' "migrations up, no-op (median of 11)" "$(seconds "${noop}")" ""
echo
echo "psql session runs (s): $(for r in "${session_runs[@]}"; do seconds "${r}"; printf ' '; done)"
echo "migrations up runs (s): $(for r in "${tool_runs[@]}"; do seconds "${r}"; printf ' '; done)"
