#!/usr/bin/env bash
# Publishes the `migrations` CLI the way a pre-deploy container ships it: self-contained for
# linux-x64 with one composite ReadyToRun image of the app and the framework, so that startup
# (most of a run that finds nothing to do) spends no time compiling. Output: artifacts/cli/migrations
#   eng/publish-cli.sh [output-dir] [runtime-id]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="${1:-${repo_root}/artifacts/cli}"
rid="${2:-linux-x64}"

dotnet publish "${repo_root}/src/MigrationTasks.Cli" -c Release -r "${rid}" --self-contained true \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "${output}" -nologo -v:q >&2
echo "${output}/migrations"
