#!/usr/bin/env bash
# Benchmark: a no-op `migrations up` of several contenders against `psql -c 'select 1'`, interleaved
# round by round on one throwaway cluster on tmpfs, medians in milliseconds. A contender is a published
# runner, optionally with environment settings in front of it (one word each), so that runners before and
# after a change, or runtime knobs, are compared within one run:
#   eng/bench/noop.sh [N] [rounds] <contender>...     (default N = 1000, 40 rounds)
#   eng/bench/noop.sh 1000 40 old/migrations new/migrations "DOTNET_GCgen0size=0x4000000 new/migrations"
# BENCH_DIR=<folder> uses that folder's migrations (a sample's) instead of N generated ones.
set -euo pipefail

count="${1:-1000}"
rounds="${2:-40}"
shift 2 || true
(($# > 0)) || { echo "usage: $0 [N] [rounds] <runner | \"VAR=value runner\">..." >&2; exit 2; }
contenders=("$@")
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"

bench_init
bench_start_cluster
migrations="${BENCH_DIR:-${work}/migrations}"
[[ -n "${BENCH_DIR:-}" ]] || bench_write_migrations "${migrations}" "${count}"
psql_cmd -d postgres -c "CREATE DATABASE noop"

# Every contender brings the database up to date once: a runner's first run also creates the history tables.
run() { # $1: contender, then the arguments
    local -a words
    read -r -a words <<<"$1"
    shift
    env "${words[@]}" "$@"
}
for contender in "${contenders[@]}"; do
    run "${contender}" up --dir "${migrations}" --connection "${server}/noop" >/dev/null 2>&1
done

for ((round = 1; round <= rounds; round++)); do
    timed select1 psql_cmd -d noop -c 'select 1'
    for i in "${!contenders[@]}"; do
        timed "contender_${i}" run "${contenders[i]}" up --dir "${migrations}" --connection "${server}/noop"
    done
done

echo
echo "no-op up over $(find "${migrations}" -maxdepth 1 -name '*.sql' | wc -l) files, PostgreSQL on ${bench_base}, $(nproc) cores, ${rounds} rounds interleaved; median ms"
echo
echo "| contender | ms | vs psql select 1 |"
echo "|---|---|---|"
printf '| %s | %s | 1.00 |\n' "psql -c 'select 1'" "$(awk -v ns="$(median_of select1)" 'BEGIN { printf "%.1f", ns / 1e6 }')"
for i in "${!contenders[@]}"; do
    printf '| %s | %s | %s |\n' "${contenders[i]}" "$(awk -v ns="$(median_of "contender_${i}")" 'BEGIN { printf "%.1f", ns / 1e6 }')" "$(ratio "$(median_of "contender_${i}")" "$(median_of select1)")"
done
