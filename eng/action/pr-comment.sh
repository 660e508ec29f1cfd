#!/usr/bin/env bash
# Posts the step's report as one pull-request comment, or updates the one an earlier run posted (found
# by a hidden marker naming the command), so a PR carries one current report, not one per push.
#   pr-comment.sh <report-dir> <exit-code>    (report-dir holds summary.md and output.txt)
# Needs MT_GITHUB_TOKEN; uses GITHUB_API_URL, GITHUB_REPOSITORY and the event in GITHUB_EVENT_PATH.
set -euo pipefail

report="$1"
status="$2"
if [[ -z "${MT_GITHUB_TOKEN:-}" ]]; then
    echo "::warning title=MigrationTasks action::comment: true needs github-token (secrets.GITHUB_TOKEN with pull-requests: write)"
    exit 0
fi
pr="$(jq -r '.pull_request.number // empty' "${GITHUB_EVENT_PATH:-/dev/null}" 2>/dev/null || true)"
if [[ -z "${pr}" ]]; then
    echo "migrations: not a pull request, so no comment"
    exit 0
fi

marker="<!-- migrationtasks:${MT_COMMAND} -->"
{
    echo "${marker}"
    echo "### MigrationTasks: \`migrations ${MT_COMMAND}\` exited ${status}"
    echo
    [[ -f "${report}/summary.md" ]] && cat "${report}/summary.md" && echo
    echo "<details><summary>Output</summary>"
    echo
    echo '```text'
    # Not the runner's ::add-mask:: lines: they carry the password for the log to hide, and GitHub hides
    # nothing in a comment.
    grep -v -E '^[[:space:]]*::add-mask::' "${report}/output.txt" | tail -n 200 || true
    echo '```'
    echo "</details>"
} > "${report}/comment.md"

api="${GITHUB_API_URL:-https://api.github.com}/repos/${GITHUB_REPOSITORY:?}/issues"
github() {
    # The token goes in a header read from a file descriptor, never on a command line a process list shows.
    curl -fsS --retry 2 -H "Accept: application/vnd.github+json" -H @<(printf 'Authorization: Bearer %s\n' "${MT_GITHUB_TOKEN}") "$@"
}
body="$(jq -Rs '{body: .}' < "${report}/comment.md")"
existing="$(github "${api}/${pr}/comments?per_page=100" | jq -r --arg marker "${marker}" '[.[] | select(.body | startswith($marker))][0].id // empty')"
if [[ -n "${existing}" ]]; then
    github -X PATCH "${api}/comments/${existing}" -d "${body}" > /dev/null
    echo "migrations: updated the pull-request comment ${existing}"
else
    github -X POST "${api}/${pr}/comments" -d "${body}" > /dev/null
    echo "migrations: posted a pull-request comment on #${pr}"
fi
