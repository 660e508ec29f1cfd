#!/usr/bin/env bash
# Measures what ValidateMigrations adds to `dotnet build` for N migration files (default 1,000), from
# MSBuild's own per-target timing (-clp:PerformanceSummary): every file validated with no lint cache,
# a build after one new migration (the lint cache of the build before), and a build with no change to
# the migrations, which skips the target. Uses the repository's build/ files with the freshly built
# task assembly (the MigrationTasksAssembly override), so it measures this checkout.
#   eng/bench/validate.sh [count] [runs]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
count="${1:-1000}"
runs="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
unset CI ContinuousIntegrationBuild

dotnet build "${repo_root}/src/MigrationTasks.Build" -c Release -v:q -nologo >/dev/null

mkdir -p "${work}/migrations"
cat >"${work}/Bench.csproj" <<XML
<Project>
  <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
  <Import Project="${repo_root}/build/MigrationTasks.props" />
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <MigrationTasksAssembly>${repo_root}/src/MigrationTasks.Build/bin/Release/net10.0/MigrationTasks.Build.dll</MigrationTasksAssembly>
  </PropertyGroup>
  <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
  <Import Project="${repo_root}/build/MigrationTasks.targets" />
</Project>
XML
echo 'System.Console.WriteLine("bench");' >"${work}/Program.cs"
# Realistic files: a table, an index, a function with a dollar-quoted body, a backfill.
for ((i = 1; i <= count; i++)); do
    v="$(printf '%05d' "${i}")"
    cat >"${work}/migrations/${v}_change_${i}.sql" <<SQL
-- migrate:lock-timeout 5s
-- Change ${i}: a table, an index, a trigger function and a backfill.
CREATE TABLE t${i} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, note text DEFAULT 'it''s fine; really');
CREATE INDEX t${i}_name_idx ON t${i} (name);
CREATE FUNCTION t${i}_touch() RETURNS trigger LANGUAGE plpgsql AS \$\$
BEGIN
    NEW.name := lower(NEW.name); -- a ; inside a body
    RETURN NEW;
END
\$\$;
UPDATE t${i} SET note = /* nested /* comment */ */ 'x' WHERE id > 0;
SQL
done

target_ms() { # $1: log, $2: target (default ValidateMigrations); its time from the performance summary, 0 when it did not run
    local ms
    ms="$(grep -E "^ +[0-9]+ ms +${2:-ValidateMigrations} +[0-9]+ calls" "$1" | awk '{print $1}' | head -1)"
    echo "${ms:-0}"
}
build() { # $1: log file; the rest: extra arguments
    local log="$1" start end
    shift
    start="$(date +%s%N)"
    dotnet build "${work}/Bench.csproj" -c Release -nologo -clp:PerformanceSummary -v:n "$@" >"${log}" 2>&1 || { cat "${log}"; exit 1; }
    end="$(date +%s%N)"
    echo $(((end - start) / 1000000))
}

build "${work}/warmup.log" >/dev/null # restore, first compile, first migrations.sum
echo "migrations: ${count} files, $(du -sk "${work}/migrations" | cut -f1) KiB"
for ((r = 1; r <= runs; r++)); do
    rm -f "${work}"/obj/Release/net10.0/MigrationTasks.validated "${work}"/obj/Release/net10.0/MigrationTasks.lint.cache
    wall="$(build "${work}/validate.log")"
    echo "run ${r}: ValidateMigrations (all ${count} files checked against migrations.sum, no lint cache): $(target_ms "${work}/validate.log") ms; whole build ${wall} ms"
done

# The day-to-day case: one new migration after a build. Every file is still read and summed; only the new one is linted.
for ((r = 1; r <= runs; r++)); do
    cp "${work}/migrations/00001_change_1.sql" "${work}/migrations/9$(printf '%04d' "${r}")_new_${r}.sql"
    wall="$(build "${work}/new.log")"
    echo "run ${r}: ValidateMigrations after one new migration (lint cache of the build before): $(target_ms "${work}/new.log") ms; whole build ${wall} ms"
done

wall="$(build "${work}/nochange.log")"
if grep -q 'Skipping target "ValidateMigrations" because all output files are up-to-date' "${work}/nochange.log"; then
    echo "no-change build: ValidateMigrations skipped (up to date), $(target_ms "${work}/nochange.log") ms in the target, $(target_ms "${work}/nochange.log" _MTWriteInputs) ms listing the inputs; whole build ${wall} ms"
else
    echo "no-change build: ValidateMigrations was NOT skipped" >&2
    exit 1
fi
wall="$(build "${work}/off.log" -p:EnableMigrationValidation=false)"
echo "same no-change build with EnableMigrationValidation=false: whole build ${wall} ms"
