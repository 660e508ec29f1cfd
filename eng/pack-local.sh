#!/usr/bin/env bash
# Packs every package a release publishes, for this machine, into a local feed (default
# ~/.nuget/local-feed), for use before a release is on nuget.org or to try a change:
#   MigrationTasks            the MSBuild tasks
#   MigrationTasks.Tool       the tool's pointer package, its framework-dependent `any` package and,
#                             where Native AOT builds here, the native package of this machine's runtime
# The version comes from git (MinVer): every commit packs a version of its own, so NuGet's cache
# never serves an older build. Prints the version and the commands that use the feed.
#   eng/pack-local.sh [feed]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${1:-${HOME}/.nuget/local-feed}"
mkdir -p "${feed}"
cd "${repo_root}"

dotnet pack src/MigrationTasks.Build -c Release -o "${feed}" -nologo -v:q >&2
dotnet pack src/MigrationTasks.Cli -c Release -o "${feed}" -nologo -v:q >&2
dotnet pack src/MigrationTasks.Cli -c Release -r any -o "${feed}" -nologo -v:q >&2
rid="$(dotnet --info | sed -n 's/^ *RID: *//p' | head -1)"
if ! dotnet pack src/MigrationTasks.Cli -c Release -r "${rid}" -o "${feed}" -nologo -v:q >&2; then
    echo "pack-local: Native AOT did not build for ${rid} (it needs clang or gcc); the tool installs as the framework-dependent package" >&2
fi
version="$(dotnet build src/MigrationTasks.Cli -c Release -nologo -v:q -getProperty:Version)"

cat <<USAGE
Packed ${version} into ${feed}. Use it with:
  dotnet nuget add source "${feed}" --name migrationtasks-local
  <PackageReference Include="MigrationTasks" Version="${version}" PrivateAssets="all" />
  dotnet tool install --global MigrationTasks.Tool --version ${version} --add-source "${feed}"
USAGE
