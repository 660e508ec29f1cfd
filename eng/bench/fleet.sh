#!/usr/bin/env bash
# Benchmark: one folder over a fleet of tenant schemas (issue 18), in one run on one throwaway cluster.
#   eng/bench/fleet.sh [tenants] [migrations]      (default 1000 tenants x 10 migrations)
# Contenders, each on a fresh database:
#   shell loop     one `migrations up` process per tenant (search_path and history.schema set per tenant)
#   --parallel 1   one `migrations up --tenants-file` process, one tenant at a time
#   --parallel 8   the same, eight tenants at a time
# Reported: wall time, the fleet runs' peak client RSS, and the peak number of the runner's sessions
# in pg_stat_activity (sampled every 50 ms). BENCH_CLI=<path> reuses a published CLI; BENCH_LOOP=0
# skips the shell loop (minutes on a loaded machine).
set -euo pipefail

tenants="${1:-1000}"
count="${2:-10}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"

bench_init
bench_publish_cli
bench_start_cluster
migrations="${work}/migrations"
bench_write_migrations "${migrations}" "${count}"
for ((i = 1; i <= tenants; i++)); do printf 's%05d\n' "${i}"; done >"${work}/tenants.txt"
connection() { echo "Host=127.0.0.1;Port=${port};Username=postgres;Database=$1${2:+;Search Path=$2}"; }

# Writes to $1 the highest count of the runner's sessions seen until $1.stop exists.
sample_sessions() {
    local out="$1" peak=0 now
    while [[ ! -e "${out}.stop" ]]; do
        now="$(psql_cmd -d postgres -At -c "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'migrationtasks%'")"
        ((now > peak)) && peak="${now}" && echo "${peak}" >"${out}"
        sleep 0.05
    done
}

# Checks that database $1 holds every tenant's every migration, once.
check_applied() {
    local expected=$((tenants * count)) found=0 schema
    found="$(psql_cmd -d "$1" -At -c "SELECT coalesce(sum((xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.migrationtasks_history', nspname), false, true, '')))[1]::text::int), 0) FROM pg_namespace WHERE nspname LIKE 's%'")"
    [[ "${found}" == "${expected}" ]] || { echo "$1: expected ${expected} history rows, found ${found}" >&2; exit 1; }
}

if [[ "${BENCH_LOOP:-1}" != 0 ]]; then
    psql_cmd -d postgres -c "CREATE DATABASE loop"
    echo "shell loop: ${tenants} x migrations up..." >&2
    loop_up() {
        local tenant
        while read -r tenant; do
            printf 'history:\n  schema: %s\ndrift:\n  schemas: [%s]\n' "${tenant}" "${tenant}" >"${work}/tenant.yaml"
            MIGRATION_CONFIG="${work}/tenant.yaml" "${cli}" up --dir "${migrations}" --connection "$(connection loop "${tenant}")"
        done <"${work}/tenants.txt"
    }
    timed loop loop_up
    check_applied loop
fi

declare -A peaks=()
for parallel in 1 8; do
    echo "fleet --parallel ${parallel}..." >&2
    psql_cmd -d postgres -c "CREATE DATABASE fleet${parallel}"
    echo 0 >"${work}/peak${parallel}"
    sample_sessions "${work}/peak${parallel}" &
    sampler=$!
    timed_rss "fleet${parallel}" "${cli}" up --dir "${migrations}" --connection "$(connection "fleet${parallel}")" \
        --tenants-file "${work}/tenants.txt" --parallel "${parallel}" --timeout 0
    touch "${work}/peak${parallel}.stop"
    wait "${sampler}"
    peaks[${parallel}]="$(cat "${work}/peak${parallel}")"
    check_applied "fleet${parallel}"
done

echo
echo "${tenants} tenant schemas x ${count} migrations, PostgreSQL on ${bench_base}, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '| %-28s | %9s | %14s | %13s | %13s |\n' "method" "seconds" "vs shell loop" "peak sessions" "peak RSS MiB"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------" "-----------" "----------------" "---------------" "---------------"
loop="${bench_runs[loop]:-}"
for key in loop fleet1 fleet8; do
    [[ -n "${bench_runs[${key}]:-}" ]] || continue
    case "${key}" in
        loop) name="shell loop (1 process/tenant)"; peak="2"; rss="" ;;
        fleet1) name="fleet --parallel 1"; peak="${peaks[1]}"; rss="$(rss_mib fleet1)" ;;
        fleet8) name="fleet --parallel 8"; peak="${peaks[8]}"; rss="$(rss_mib fleet8)" ;;
    esac
    vs="$([[ -n "${loop}" ]] && ratio "$(median_of "${key}")" "$(median_of loop)" || echo "-")"
    printf '| %-28s | %9s | %14s | %13s | %13s |\n' "${name}" "$(seconds "$(median_of "${key}")")" "${vs}" "${peak}" "${rss}"
done
