#!/usr/bin/env bash
# Head to head: two published runners (say, before and after a change) on the same N tiny
# migrations, interleaved round by round on one throwaway cluster on tmpfs: `up` on fresh databases
# (wall and client CPU), then a no-op `up` and `status` on the up-to-date database.
#   eng/bench/compare.sh <runner-a> <runner-b> [N] [rounds]     (default N = 1000, 9 rounds)
set -euo pipefail

a="$1"
b="$2"
count="${3:-1000}"
rounds="${4:-9}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"

bench_init
bench_start_cluster
migrations="${work}/migrations"
bench_write_migrations "${migrations}" "${count}"

for ((round = 1; round <= rounds; round++)); do
    echo "round ${round}/${rounds}..." >&2
    psql_cmd -d postgres -c "CREATE DATABASE a_${round}" -c "CREATE DATABASE b_${round}"
    # Alternate which runner goes first, so neither always meets a warmer server.
    for side in $( ((round % 2)) && echo "a b" || echo "b a"); do
        runner="${a}"
        [[ "${side}" == b ]] && runner="${b}"
        timed_rss "${side}/up" "${runner}" up --dir "${migrations}" --connection "${server}/${side}_${round}"
    done
done
for ((round = 1; round <= rounds; round++)); do
    for side in a b; do
        runner="${a}"
        [[ "${side}" == b ]] && runner="${b}"
        timed "${side}/noop" "${runner}" up --dir "${migrations}" --connection "${server}/${side}_1"
        timed "${side}/status" "${runner}" status --dir "${migrations}" --connection "${server}/${side}_1"
    done
done

echo
echo "a = ${a}"
echo "b = ${b}"
echo "N = ${count}, $(nproc) cores, PostgreSQL on ${bench_base}, ${rounds} rounds; median (min–max)"
echo
echo "| measure | a | b | b / a |"
echo "|---|---|---|---|"
printf '| up, s | %s | %s | %s |\n' "$(summary a/up)" "$(summary b/up)" "$(ratio "$(median_of b/up)" "$(median_of a/up)")"
printf '| up, client CPU ms | %s | %s | |\n' "$(cpu_ms a/up)" "$(cpu_ms b/up)"
printf '| no-op up, ms | %s | %s | %s |\n' "$(summary a/noop milliseconds)" "$(summary b/noop milliseconds)" "$(ratio "$(median_of b/noop)" "$(median_of a/noop)")"
printf '| status, ms | %s | %s | %s |\n' "$(summary a/status milliseconds)" "$(summary b/status milliseconds)" "$(ratio "$(median_of b/status)" "$(median_of a/status)")"
