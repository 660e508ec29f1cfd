#!/usr/bin/env bash
# Start-up: what a deploy pays when there is nothing to do. Measures, interleaved round by round on
# one throwaway cluster on tmpfs, the wall time (ms, median and min–max) of
#   psql -c 'select 1'        a bare connection and query, the floor of any client
#   migrations --version      the runtime starting and stopping, no work
#   migrations lint           the sample's files read and checked, no database
#   migrations up (no-op)     the sample against its up-to-date database: connect, read the history, stop
#   migrations status         the same with the status table
#   eng/bench/startup.sh [rounds]          (default 15; BENCH_CLI=<path> reuses a published CLI)
set -euo pipefail

rounds="${1:-15}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"

bench_init
bench_publish_cli
bench_start_cluster
sample="${bench_repo_root}/samples/Inventory.Service/migrations"
psql_cmd -d postgres -c "CREATE DATABASE sample"
"${cli}" up --dir "${sample}" --connection "${server}/sample" >/dev/null

declare -A label=(
    [psql]="psql -c 'select 1'"
    [version]="migrations --version"
    [lint]="migrations lint (sample, no database)"
    [noop]="migrations up, nothing to do (sample)"
    [status]="migrations status (sample)"
)
kinds=(psql version lint noop status)
for ((round = 1; round <= rounds; round++)); do
    echo "round ${round}/${rounds}..." >&2
    timed psql psql_cmd -d sample -c 'select 1'
    timed version "${cli}" --version
    timed lint "${cli}" lint --dir "${sample}"
    timed noop "${cli}" up --dir "${sample}" --connection "${server}/sample"
    timed status "${cli}" status --dir "${sample}" --connection "${server}/sample"
done

echo
echo "$(nproc) cores, PostgreSQL $(psql_cmd -d postgres -At -c 'SHOW server_version') on ${bench_base}, ${rounds} rounds; ms, median (min–max)"
echo
echo "| command | ms |"
echo "|---|---|"
for kind in "${kinds[@]}"; do
    printf '| %s | %s |\n' "${label[${kind}]}" "$(summary "${kind}" milliseconds)"
done
