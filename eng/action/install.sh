#!/usr/bin/env bash
# action.yml, step 2: puts the runner in place and writes its path as `runner` to $GITHUB_OUTPUT.
# A release version (MT_DOWNLOAD) is downloaded from the action's GitHub releases as
# migrations-<version>-<rid>.tar.gz, checked against the release's SHA256SUMS before it is unpacked,
# and kept in MT_INSTALL_DIR (which the cache step restores). Without one, the runner is built from
# the action's own source, which needs the .NET SDK on the runner.
set -euo pipefail

if [[ -z "${MT_DOWNLOAD:-}" ]]; then
    dotnet build "${GITHUB_ACTION_PATH}/src/MigrationTasks.Cli" -c Release -nologo -v:q
    echo "runner=${GITHUB_ACTION_PATH}/src/MigrationTasks.Cli/bin/Release/net10.0/migrations" >> "${GITHUB_OUTPUT}"
    exit 0
fi

executable=migrations
[[ "${MT_RID}" == win-* ]] && executable=migrations.exe
runner="${MT_INSTALL_DIR}/${executable}"

if [[ -x "${runner}" ]]; then
    echo "migrations: ${MT_DOWNLOAD} for ${MT_RID}, from the cache"
else
    repository="${MT_ACTION_REPOSITORY:-${GITHUB_REPOSITORY:?}}"
    release="${GITHUB_SERVER_URL:-https://github.com}/${repository}/releases/download/v${MT_DOWNLOAD}"
    archive="migrations-${MT_DOWNLOAD}-${MT_RID}.tar.gz"
    work="$(mktemp -d)"
    trap 'rm -rf "${work}"' EXIT
    for file in "${archive}" SHA256SUMS; do
        if ! curl -fsSL --retry 3 -o "${work}/${file}" "${release}/${file}"; then
            echo "::error title=MigrationTasks action::could not download ${file} of release v${MT_DOWNLOAD} from ${release}. Check the version, or use version: source to build the runner from the action's source."
            exit 2
        fi
    done
    expected="$(awk -v name="${archive}" '$2 == name || $2 == "*" name { print $1 }' "${work}/SHA256SUMS")"
    if command -v sha256sum >/dev/null 2>&1; then
        actual="$(sha256sum "${work}/${archive}" | cut -d' ' -f1)"
    else
        actual="$(shasum -a 256 "${work}/${archive}" | cut -d' ' -f1)"
    fi
    if [[ -z "${expected}" || "${expected}" != "${actual}" ]]; then
        echo "::error title=MigrationTasks action::${archive} does not match the release's SHA256SUMS (expected ${expected:-no entry}, got ${actual}); the download was not used."
        exit 3
    fi
    mkdir -p "${MT_INSTALL_DIR}"
    tar -xzf "${work}/${archive}" -C "${MT_INSTALL_DIR}"
    echo "migrations: ${MT_DOWNLOAD} for ${MT_RID}, downloaded and verified (sha256:${actual})"
fi
echo "runner=${runner}" >> "${GITHUB_OUTPUT}"
