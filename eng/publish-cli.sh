#!/usr/bin/env bash
# Publishes the `migrations` runner users get: Native AOT for the runtime identifier (one native
# executable, no runtime to load or code to compile at start, which is most of a run that finds
# nothing to do; docs/performance.md has the figures). Where Native AOT cannot build (no native
# toolchain for that platform, or a cross-OS publish), `--mode readytorun` publishes the previous
# runner: self-contained, trimmed, one composite ReadyToRun image.
#   eng/publish-cli.sh [output-dir] [runtime-id] [--mode aot|readytorun]
# Prints the path of the published executable (default artifacts/cli/migrations).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mode=aot
positional=()
while (($#)); do
    case "$1" in
        --mode) mode="${2:?--mode needs aot or readytorun}"; shift 2 ;;
        --mode=*) mode="${1#--mode=}"; shift ;;
        *) positional+=("$1"); shift ;;
    esac
done
output="${positional[0]:-${repo_root}/artifacts/cli}"
rid="${positional[1]:-linux-x64}"

case "${mode}" in
    aot) properties=(-p:PublishAot=true) ;;
    readytorun) properties=(--self-contained true -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:PublishTrimmed=true) ;;
    *) echo "publish-cli: --mode must be aot or readytorun, not '${mode}'" >&2; exit 2 ;;
esac

# An incremental publish over intermediate files of other settings (AOT, composite or not, trimmed
# or not) can produce a runner that aborts at start: begin from a clean intermediate folder.
rm -rf "${repo_root}/src/MigrationTasks.Cli/obj/Release/net10.0/${rid}"
dotnet publish "${repo_root}/src/MigrationTasks.Cli" -c Release -r "${rid}" "${properties[@]}" -o "${output}" -nologo -v:q >&2
# The native symbols file is four times the runner's size; it belongs in a symbol store, not next to it.
rm -f "${output}/migrations.dbg" "${output}"/*.pdb
executable="${output}/migrations"
[[ "${rid}" == win-* ]] && executable+=".exe"
echo "${executable}"
