#!/usr/bin/env bash
# The schema fingerprint (docs/drift.md), measured two ways on one throwaway cluster on tmpfs:
#  1. reading it: the fingerprint query's own time as the server logs it, and `migrations dump` and
#     `migrations drift` (whole processes) of a schema of T tables, each with a primary key, an index, a default, a
#     check and a comment;
#  2. recording it: `up` of N tiny migrations with the recording on and off (MIGRATION_RECORD_SCHEMA=false),
#     interleaved round by round on fresh databases, which side goes first alternating; the on/off ratio of each
#     round's pair (median and spread) as well as of the medians;
#  3. the recording's CPU on the server, which load inflates far less than wall time: the backend's user + system
#     time (log_parser/planner/executor_stats) of the recording statement in 3 more `up` runs, not timed, and its wall
#     time as the server logs it (log_min_duration_statement): the time recording adds to `up`, measured on its own,
#     which the script also gives as a share of the median `up` with recording off.
#   eng/bench/fingerprint.sh [T] [N] [rounds]     (default T = 300, N = 1000, 9 rounds)
# BENCH_CLI=<published runner> skips publishing (eng/publish-cli.sh).
set -euo pipefail

tables="${1:-300}"
count="${2:-1000}"
rounds="${3:-9}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"

bench_init
bench_publish_cli
bench_start_cluster

# 1. A schema of T tables, applied as one migration so the history records it.
schema="${work}/schema"
mkdir -p "${schema}"
for ((i = 1; i <= tables; i++)); do
    printf 'CREATE TABLE t%04d (id bigint PRIMARY KEY, name text NOT NULL DEFAULT %s, n int CHECK (n > 0), at timestamptz DEFAULT now());\nCREATE INDEX t%04d_name ON t%04d (name);\nCOMMENT ON TABLE t%04d IS %s;\n' \
        "${i}" "''" "${i}" "${i}" "${i}" "'table ${i}'"
done >"${schema}/0001_tables.sql"
psql_cmd -d postgres -c "CREATE DATABASE wide"
"${cli}" up --dir "${schema}" --connection "${server}/wide" >/dev/null
# The server logs how long each statement took: the fingerprint query's own time, without process start.
psql_cmd -d postgres -c "ALTER DATABASE wide SET log_min_duration_statement = 0"
for ((round = 1; round <= rounds; round++)); do
    timed dump "${cli}" dump --out /dev/null --dir "${schema}" --connection "${server}/wide"
    timed drift "${cli}" drift --dir "${schema}" --connection "${server}/wide"
    timed status "${cli}" status --dir "${schema}" --connection "${server}/wide"
done

psql_cmd -d postgres -c "ALTER DATABASE wide RESET log_min_duration_statement"
for ms in $(grep -o "duration: [0-9.]* ms  execute [^:]*: SELECT 'sha256:" "${work}/cluster/server.log" | awk '{ print $2 }'); do
    bench_runs[query]+="$(awk -v ms="${ms}" 'BEGIN { printf "%.0f", ms * 1e6 }') "
done

# 2. up of N tiny migrations, recording on (a) and off (b).
migrations="${work}/migrations"
bench_write_migrations "${migrations}" "${count}"
for ((round = 1; round <= rounds; round++)); do
    echo "round ${round}/${rounds}..." >&2
    psql_cmd -d postgres -c "CREATE DATABASE on_${round}" -c "CREATE DATABASE off_${round}"
    for side in $( ((round % 2)) && echo "on off" || echo "off on"); do
        record=true
        [[ "${side}" == off ]] && record=false
        timed "${side}/up" env MIGRATION_RECORD_SCHEMA="${record}" "${cli}" up --dir "${migrations}" --connection "${server}/${side}_${round}"
    done
done

# 3. The recording statement's backend CPU, per phase, from the server's own rusage figures (log_*_stats log the
# CPU of each phase of each statement; awk adds up the phases of the one that records the schema).
recording_cpu() { # $1: server log lines of one run; prints "parse planner executor" in ms
    awk '/LOG:  (PARSER|PARSE ANALYSIS|REWRITER) STATISTICS/ { phase = "parse"; taken = 0 }
         /LOG:  PLANNER STATISTICS/ { phase = "plan"; taken = 0 }
         /LOG:  EXECUTOR STATISTICS/ { phase = "exec"; taken = 0 }
         /s user, .* s system/ && phase != "" && !taken {
             for (i = 1; i <= NF; i++) { if ($i == "user,") u = $(i - 2); if ($i == "system,") y = $(i - 2) }
             pending[phase] += (u + y) * 1000; taken = 1 }
         /STATEMENT:/ { if ($0 ~ /SET \(schema_fingerprint, schema_text\) =/) for (p in pending) total[p] += pending[p]; delete pending; phase = "" }
         END { printf "%.0f %.0f %.0f", total["parse"] * 1e6, total["plan"] * 1e6, total["exec"] * 1e6 }' "$1"
}
for ((run = 1; run <= 3; run++)); do
    psql_cmd -d postgres -c "CREATE DATABASE cpu_${run}"
    for setting in log_parser_stats log_planner_stats log_executor_stats; do
        psql_cmd -d postgres -c "ALTER DATABASE cpu_${run} SET ${setting} = on"
    done
    psql_cmd -d postgres -c "ALTER DATABASE cpu_${run} SET log_min_duration_statement = 0"
    start_line="$(($(wc -l <"${work}/cluster/server.log") + 1))"
    "${cli}" up --dir "${migrations}" --connection "${server}/cpu_${run}" >/dev/null 2>&1
    tail -n "+${start_line}" "${work}/cluster/server.log" >"${work}/run.log"
    read -r parse plan exec <<<"$(recording_cpu "${work}/run.log")"
    bench_runs[cpu/parse]+="${parse} "
    bench_runs[cpu/plan]+="${plan} "
    bench_runs[cpu/exec]+="${exec} "
    bench_runs[cpu/total]+="$((parse + plan + exec)) "
    for ms in $(grep -o "duration: [0-9.]* ms  execute [^:]*: UPDATE .* SET (schema_fingerprint, schema_text) =" "${work}/run.log" | awk '{ print $2 }'); do
        bench_runs[recording]+="$(awk -v ms="${ms}" 'BEGIN { printf "%.0f", ms * 1e6 }') "
    done
done

# The on/off ratio of each round's pair: the rounds are interleaved, so a pair shares the machine's state.
read -r -a ons <<<"${bench_runs[on/up]}"
read -r -a offs <<<"${bench_runs[off/up]}"
for ((i = 0; i < ${#ons[@]}; i++)); do
    bench_runs[pair]+="$(awk -v a="${ons[i]}" -v b="${offs[i]}" 'BEGIN { printf "%.0f", a / b * 1e6 }') "
done
per_mille() { awk -v x="$1" 'BEGIN { printf "%.3f", x / 1e6 }'; }

echo
echo "T = ${tables} tables, N = ${count} migrations, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), PostgreSQL on ${bench_base}, ${rounds} rounds; median (min–max)"
echo
echo "| measure | ms |"
echo "|---|---|"
printf '| dump of %s tables (whole process) | %s |\n' "${tables}" "$(summary dump milliseconds)"
printf '| drift of %s tables (whole process, lock included) | %s |\n' "${tables}" "$(summary drift milliseconds)"
printf '| status of the same database (whole process, for scale) | %s |\n' "$(summary status milliseconds)"
printf '| the fingerprint query of %s tables, on the server (log_min_duration_statement) | %s |\n' "${tables}" "$(summary query milliseconds)"
echo
echo "| up of ${count} | recording on | recording off | on / off |"
echo "|---|---|---|---|"
printf '| s | %s | %s | %s |\n' "$(summary on/up)" "$(summary off/up)" "$(ratio "$(median_of on/up)" "$(median_of off/up)")"
echo
echo "on/off of each round's pair: median $(summary pair per_mille) over ${rounds} rounds; each pair: $(for r in ${bench_runs[pair]}; do per_mille "${r}"; printf ' '; done)"
echo
echo "| the recording statement's server CPU in up of ${count} (3 runs, log_*_stats) | ms |"
echo "|---|---|"
printf '| parse and analysis | %s |\n| planning | %s |\n| execution | %s |\n| total | %s |\n' \
    "$(summary cpu/parse milliseconds)" "$(summary cpu/plan milliseconds)" "$(summary cpu/exec milliseconds)" "$(summary cpu/total milliseconds)"
echo
echo "the recording statement's wall time on the server (log_min_duration_statement, same 3 runs): $(summary recording milliseconds) ms," \
    "$(awk -v r="$(median_of recording)" -v o="$(median_of off/up)" 'BEGIN { printf "%.1f", r / o * 100 }') % of the median up with recording off"
