#!/usr/bin/env bash
# Scaling: does the cost per migration stay flat, and does memory grow no faster than the folder?
# For N = 100, 1,000 and 10,000 tiny migrations (a table and a row each) on one throwaway cluster on
# tmpfs, measures wall time and peak RSS (/usr/bin/time -v) of
#   up       `migrations up` on a fresh database
#   status   `migrations status` on the up-to-date database
#   lint     `migrations lint`: the checks `dotnet build` runs (Core's validation, no database)
# and, once per N, the ValidateMigrations MSBuild target itself (eng/bench/validate.sh N 1, which uses
# its own, more realistic files). Rounds run every N in turn, so drift spreads over all of them.
#   eng/bench/scaling.sh [rounds]          (default 3; BENCH_SIZES="100 1000 10000"; BENCH_CLI=<path>)
set -euo pipefail

rounds="${1:-3}"
read -r -a sizes <<<"${BENCH_SIZES:-100 1000 10000}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "${bench_repo_root}"
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }

bench_init
bench_publish_cli
bench_start_cluster
for n in "${sizes[@]}"; do bench_write_migrations "${work}/m${n}" "${n}"; done

for ((round = 1; round <= rounds; round++)); do
    for n in "${sizes[@]}"; do
        echo "round ${round}/${rounds}: N = ${n}: up, status, lint..." >&2
        psql_cmd -d postgres -c "CREATE DATABASE up_${n}_${round}"
        timed_rss "${n}/up" "${cli}" up --dir "${work}/m${n}" --connection "${server}/up_${n}_${round}"
        applied="$(psql_cmd -d "up_${n}_${round}" -At -c 'SELECT count(*) FROM migrationtasks_history')"
        [[ "${applied}" == "${n}" ]] || { echo "expected ${n} applied migrations, found ${applied}" >&2; exit 1; }
        timed_rss "${n}/status" "${cli}" status --dir "${work}/m${n}" --connection "${server}/up_${n}_1"
        timed_rss "${n}/lint" "${cli}" lint --dir "${work}/m${n}"
    done
done

declare -A validate_ms=()
for n in "${sizes[@]}"; do
    echo "N = ${n}: the ValidateMigrations target (eng/bench/validate.sh ${n} 1)..." >&2
    validate_ms[${n}]="$(eng/bench/validate.sh "${n}" 1 | sed -n 's/^run 1: ValidateMigrations .*: \([0-9]*\) ms;.*/\1/p')"
done

per_migration() { # $1: key, $2: N; median milliseconds per migration
    awk -v ns="$(median_of "$1")" -v n="$2" 'BEGIN { printf "%.2f", ns / 1e6 / n }'
}
# The cost of each migration added since the previous N (startup and connection cancel out): flat
# when this stays the same from one N to the next.
marginal() { # $1: kind, $2: N, $3: previous N (empty for the first)
    [[ -n "$3" ]] || { echo "–"; return; }
    awk -v a="$(median_of "$2/$1")" -v b="$(median_of "$3/$1")" -v n="$2" -v m="$3" 'BEGIN { printf "%.2f", (a - b) / 1e6 / (n - m) }'
}
echo
echo "$(nproc) cores, PostgreSQL $(psql_cmd -d postgres -At -c 'SHOW server_version') on ${bench_base}, ${rounds} rounds;" \
    "seconds as median (min–max); ms per migration and peak RSS (median of the rounds)"
echo
echo "| N | folder KiB | command | seconds | ms/migration | marginal ms/migration | peak RSS MiB |"
echo "|---|---|---|---|---|---|---|"
for kind in up status lint; do
    previous=""
    for n in "${sizes[@]}"; do
        printf '| %s | %s | %s | %s | %s | %s | %s |\n' "${n}" "$(du -sk --apparent-size "${work}/m${n}" | cut -f1)" "${kind}" \
            "$(summary "${n}/${kind}")" "$(per_migration "${n}/${kind}" "${n}")" "$(marginal "${kind}" "${n}" "${previous}")" "$(rss_mib "${n}/${kind}")"
        previous="${n}"
    done
done
for n in "${sizes[@]}"; do
    printf '| %s | | ValidateMigrations target (MSBuild) | %s ms | %s | | |\n' "${n}" "${validate_ms[${n}]:-?}" \
        "$(awk -v ms="${validate_ms[${n}]:-0}" -v n="${n}" 'BEGIN { printf "%.3f", ms / n }')"
done
echo
echo "Rounds (s), in order:"
for n in "${sizes[@]}"; do
    for kind in up status lint; do echo "  N = ${n}, ${kind}: $(rounds_of "${n}/${kind}")"; done
done
