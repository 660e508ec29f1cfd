#!/usr/bin/env bash
# action.yml, step 1: which runner the step uses. Writes to $GITHUB_OUTPUT:
#   download     the release version to download (empty: build from the action's source)
#   rid          the runtime identifier of this runner (linux-x64, osx-arm64, win-x64, ...)
#   install-dir  where the downloaded runner lives (the cached folder)
# Input: MT_VERSION (the `version` input), MT_ACTION_REF (the ref the workflow's `uses:` names).
set -euo pipefail

version="${MT_VERSION:-}"
if [[ -z "${version}" ]]; then
    if [[ "${MT_ACTION_REF:-}" =~ ^v([0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?)$ ]]; then
        version="${BASH_REMATCH[1]}"
    else
        echo "migrations: the action is used at '${MT_ACTION_REF:-a local path}', which is not a release tag: building the runner from source. Pin a release (uses: ...@v1.2.0, or version: 1.2.0) to download its native runner instead."
        version=source
    fi
fi
version="${version#v}"

download=""
if [[ "${version}" != source ]]; then
    if [[ ! "${version}" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
        echo "::error title=MigrationTasks action::version '${MT_VERSION}' is not a release version such as 1.2.0, nor 'source'"
        exit 2
    fi
    download="${version}"
fi

case "${RUNNER_OS:-$(uname -s)}" in
    Linux) os=linux ;;
    macOS | Darwin) os=osx ;;
    Windows | MINGW* | MSYS*) os=win ;;
    *) echo "::error title=MigrationTasks action::no native runner for the OS '${RUNNER_OS:-$(uname -s)}'; use version: source" >&2; exit 2 ;;
esac
case "${RUNNER_ARCH:-$(uname -m)}" in
    X64 | x86_64 | amd64) arch=x64 ;;
    ARM64 | arm64 | aarch64) arch=arm64 ;;
    *) echo "::error title=MigrationTasks action::no native runner for the architecture '${RUNNER_ARCH:-$(uname -m)}'; use version: source" >&2; exit 2 ;;
esac
rid="${os}-${arch}"

{
    echo "download=${download}"
    echo "rid=${rid}"
    echo "install-dir=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/migrationtasks/${download:-source}/${rid}"
} >> "${GITHUB_OUTPUT}"
