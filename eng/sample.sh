#!/usr/bin/env bash
# The README quick start, end to end as a user would run it:
#   1. pack the MigrationTasks NuGet package into artifacts/packages;
#   2. `dotnet publish` the sample service, which consumes the package: the build validates its
#      migrations (and checks them against migrations.sum), the publish packs them into a bundle;
#   3. start a throwaway local PostgreSQL;
#   4. `migrations up --bundle` verifies the bundle and applies it, `migrations status` shows the
#      result, and a second `up` shows that nothing is left to do;
#   5. remove the cluster.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

sample="samples/Inventory.Service"
publish_dir="artifacts/sample"
# A version of its own per run, so that NuGet's cache never serves an older build of the package.
version="0.1.0-local.$(date +%Y%m%d%H%M%S)"
cluster_dir="$(mktemp -d "${TMPDIR:-/tmp}/migrationtasks-sample-XXXXXX")"
rmdir "${cluster_dir}"
trap 'eng/postgres.sh stop "${cluster_dir}" >/dev/null 2>&1 || true' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "dotnet pack src/MigrationTasks.Build (the MigrationTasks package, version ${version})"
dotnet pack src/MigrationTasks.Build -c Release -o artifacts/packages -p:PackageVersion="${version}" -nologo -v:q

step "dotnet publish ${sample} (validates the migrations at build, bundles them at publish)"
rm -rf "${publish_dir}"
dotnet publish "${sample}" -c Release -o "${publish_dir}" -p:MigrationTasksPackageVersion="${version}" -nologo -v:q
echo "bundle: ${publish_dir}/migrations"
ls "${publish_dir}/migrations"

step "dotnet build src/MigrationTasks.Cli (the migrations tool)"
dotnet build src/MigrationTasks.Cli -c Release -nologo -v:q
migrations() { dotnet "src/MigrationTasks.Cli/bin/Release/net10.0/migrations.dll" "$@"; }

step "start a throwaway PostgreSQL"
DATABASE_URL="$(eng/postgres.sh start "${cluster_dir}" 2>/dev/null)"
export DATABASE_URL
echo "DATABASE_URL=${DATABASE_URL}"

step "migrations up --bundle ${publish_dir}/migrations"
migrations up --bundle "${publish_dir}/migrations"

step "migrations status --bundle ${publish_dir}/migrations"
migrations status --bundle "${publish_dir}/migrations"

step "migrations up again: nothing to do"
migrations up --bundle "${publish_dir}/migrations"
