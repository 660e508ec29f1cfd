#!/usr/bin/env bash
# The README quick start: builds the tool and the sample service, starts a throwaway local
# PostgreSQL, applies the sample's migrations with `migrations up`, shows `migrations status`,
# runs `up` once more to show it is a no-op, and removes the cluster again.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

sample="samples/Inventory.Service"
cluster_dir="$(mktemp -d "${TMPDIR:-/tmp}/migrationtasks-sample-XXXXXX")"
rmdir "${cluster_dir}"
trap 'eng/postgres.sh stop "${cluster_dir}" >/dev/null 2>&1 || true' EXIT

step() { printf '\n==> %s\n' "$*"; }

step "dotnet build (the tool and the sample service)"
dotnet build src/MigrationTasks.Cli -c Release -nologo -v:q
dotnet build "${sample}" -c Release -nologo -v:q

step "start a throwaway PostgreSQL"
url="$(eng/postgres.sh start "${cluster_dir}")"
echo "DATABASE_URL=${url}"
export DATABASE_URL="${url}"

migrations() { dotnet "src/MigrationTasks.Cli/bin/Release/net10.0/migrations.dll" "$@"; }

step "migrations up --dir ${sample}/migrations"
migrations up --dir "${sample}/migrations"

step "migrations status --dir ${sample}/migrations"
migrations status --dir "${sample}/migrations"

step "migrations up again: nothing to do"
migrations up --dir "${sample}/migrations"
