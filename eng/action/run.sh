#!/usr/bin/env bash
# action.yml, step 3: runs the command. Only inputs that were given become flags, so migrations.yaml
# still applies to the rest. `args` is split on whitespace (no quoting, no globbing: never eval'd).
# With comment: true the step's report also goes to the pull request (pr-comment.sh); the step's
# exit code is always the runner's.
set -euo pipefail

args=("${MT_COMMAND}")
[[ -n "${MT_OUTPUT:-}" ]] && args+=(--output "${MT_OUTPUT}")
if [[ -n "${MT_BUNDLE:-}" ]]; then args+=(--bundle "${MT_BUNDLE}"); else args+=(--dir "${MT_DIR}"); fi
[[ -n "${MT_TARGET:-}" ]] && args+=(--target "${MT_TARGET}")
if [[ -n "${MT_ARGS:-}" ]]; then
    read -r -a extra <<< "${MT_ARGS//$'\n'/ }"
    args+=("${extra[@]}")
fi

if [[ "${MT_COMMENT:-}" != true ]]; then
    exec "${MT_RUNNER}" "${args[@]}"
fi

# The runner writes its summary to a file of this step's own, which then goes to the job summary
# and, with the output, into the comment.
report="$(mktemp -d)"
trap 'rm -rf "${report}"' EXIT
job_summary="${GITHUB_STEP_SUMMARY:-}"
status=0
GITHUB_STEP_SUMMARY="${report}/summary.md" "${MT_RUNNER}" "${args[@]}" 2>&1 | tee "${report}/output.txt" || status="${PIPESTATUS[0]}"
if [[ -n "${job_summary}" && -f "${report}/summary.md" ]]; then
    cat "${report}/summary.md" >> "${job_summary}"
fi
bash "$(dirname "${BASH_SOURCE[0]}")/pr-comment.sh" "${report}" "${status}" \
    || echo "::warning title=MigrationTasks action::the pull-request comment could not be posted"
exit "${status}"
