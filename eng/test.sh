#!/usr/bin/env bash
# The one test command: builds and runs every test project, then prints one summary line,
# "N passed, N failed", summed over the TRX files. Extra arguments go to `dotnet test`.
# Database tests use MIGRATIONTASKS_TEST_DB when set, otherwise a throwaway local cluster.
# The process-level suites run the published Native AOT runner (eng/publish-cli.sh), the build
# users get; MIGRATIONTASKS_CLI=<path> tests another published runner, MIGRATIONTASKS_CLI=build the
# test build's migrations.dll. Where Native AOT cannot build here, the tests say so and use the latter.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="${repo_root}/artifacts/test-results"
rm -rf "${results}"
mkdir -p "${results}"

cd "${repo_root}"
# The tests start throwaway clusters from the local server programs unless MIGRATIONTASKS_TEST_DB names a server.
if [[ -z "${MIGRATIONTASKS_TEST_DB:-}" ]] && ! eng/install-postgres.sh; then
    echo "test: no PostgreSQL server programs: the database tests look for a Docker engine next, and are skipped without one (CI=true fails them instead)" >&2
fi
if [[ "${MIGRATIONTASKS_CLI:-}" == build ]]; then
    unset MIGRATIONTASKS_CLI
elif [[ -z "${MIGRATIONTASKS_CLI:-}" ]]; then
    echo "test: publishing the native runner (eng/publish-cli.sh) for the process-level suites" >&2
    if published="$("${repo_root}/eng/publish-cli.sh" "${repo_root}/artifacts/test-cli")"; then
        export MIGRATIONTASKS_CLI="${published}"
    else
        echo "test: Native AOT did not build here (it needs clang or gcc and zlib); the suites run the build's migrations.dll instead" >&2
    fi
fi
echo "test: runner under test: ${MIGRATIONTASKS_CLI:-migrations.dll of the test build}" >&2

test_status=0
dotnet test MigrationTasks.sln -c Release --logger trx --results-directory "${results}" "$@" || test_status=$?

# Sums one attribute of every <Counters .../> element (one per TRX file).
count() {
    local attribute="$1" sum=0 value
    while IFS= read -r value; do
        sum=$((sum + value))
    done < <(find "${results}" -name '*.trx' -exec grep -ho '<Counters [^>]*>' {} + 2>/dev/null \
        | sed -n "s/.* ${attribute}=\"\([0-9]*\)\".*/\1/p")
    echo "${sum}"
}

passed="$(count passed)"
# Errors, timeouts and aborts are failures too; a summary that hides them would lie.
failed=$(($(count failed) + $(count error) + $(count timeout) + $(count aborted)))
# Skipped (ignored) tests are counted in total but not in executed.
skipped=$(($(count total) - $(count executed)))

status=0
if ((test_status != 0 || failed > 0)); then
    status=1
elif ((passed == 0)); then
    echo "error: no tests ran" >&2
    status=1
fi
if ((skipped > 0)); then
    echo "${skipped} skipped"
fi
echo "${passed} passed, ${failed} failed"
exit "${status}"
