#!/usr/bin/env bash
# The README quick start, end to end as a user would run it:
#   1. pack the MigrationTasks NuGet package into artifacts/packages;
#   2. `dotnet publish` the sample, which consumes the package: the build validates its migrations
#      (and checks them against migrations.sum), the publish packs them into a bundle;
#   3. apply the bundle with `migrations up --bundle`, show `migrations status`, run `up` again to
#      show it is a no-op (and, on SQLite, `down` one step);
#   4. clean up.
# With PostgreSQL's server programs (installed with apt-get when missing and possible, as .ci/run does)
# it runs samples/Inventory.Service against a throwaway local cluster; without them it says so and
# runs samples/Notes.Desktop against an embedded SQLite file instead. MIGRATIONTASKS_SAMPLE_ENGINE=sqlite
# (or postgresql) forces one.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

step() { printf '\n==> %s\n' "$*"; }

engine="${MIGRATIONTASKS_SAMPLE_ENGINE:-}"
if [[ -z "${engine}" ]]; then
    if eng/install-postgres.sh; then
        engine=postgresql
    else
        engine=sqlite
        echo "sample: no PostgreSQL server programs here (and none could be installed): running the SQLite sample, samples/Notes.Desktop, on an embedded database file instead" >&2
    fi
fi

case "${engine}" in
    postgresql) sample="samples/Inventory.Service" ;;
    sqlite) sample="samples/Notes.Desktop" ;;
    *) echo "sample: MIGRATIONTASKS_SAMPLE_ENGINE must be postgresql or sqlite, not '${engine}'" >&2; exit 2 ;;
esac
publish_dir="artifacts/sample"
bundle="${publish_dir}/migrations"
# A version of its own per run, so that NuGet's cache never serves an older build of the package.
version="0.1.0-local.$(date +%Y%m%d%H%M%S)"

step "dotnet pack src/MigrationTasks.Build (the MigrationTasks package, version ${version})"
dotnet pack src/MigrationTasks.Build -c Release -o artifacts/packages -p:MinVerVersionOverride="${version}" -nologo -v:q

step "dotnet publish ${sample} (validates the migrations at build, bundles them at publish)"
rm -rf "${publish_dir}"
dotnet publish "${sample}" -c Release -o "${publish_dir}" -p:MigrationTasksPackageVersion="${version}" -nologo -v:q
echo "bundle: ${bundle}"
ls "${bundle}"

step "dotnet build src/MigrationTasks.Cli (the migrations tool)"
dotnet build src/MigrationTasks.Cli -c Release -nologo -v:q
migrations() { dotnet "src/MigrationTasks.Cli/bin/Release/net10.0/migrations.dll" "$@"; }

if [[ "${engine}" == postgresql ]]; then
    cluster_dir="$(mktemp -d "${TMPDIR:-/tmp}/migrationtasks-sample-XXXXXX")"
    rmdir "${cluster_dir}"
    trap 'eng/postgres.sh stop "${cluster_dir}" >/dev/null 2>&1 || true' EXIT
    step "start a throwaway PostgreSQL"
    DATABASE_URL="$(eng/postgres.sh start "${cluster_dir}" 2>/dev/null)"
else
    database="$(mktemp -d "${TMPDIR:-/tmp}/migrationtasks-sample-XXXXXX")/notes.db"
    trap 'rm -rf "$(dirname "${database}")"' EXIT
    DATABASE_URL="sqlite:${database}"
fi
export DATABASE_URL
echo "DATABASE_URL=${DATABASE_URL}"

step "migrations up --bundle ${bundle}"
migrations up --bundle "${bundle}"

step "migrations status --bundle ${bundle}"
migrations status --bundle "${bundle}"

step "migrations up again: nothing to do"
migrations up --bundle "${bundle}"

if [[ "${engine}" == sqlite ]]; then
    step "migrations down --bundle ${bundle} (reverts the latest migration; backed up first)"
    migrations down --bundle "${bundle}"
    step "migrations backups list"
    migrations backups list
fi
