#!/usr/bin/env bash
# The lint step of action.yml: runs sfn-lint in the workspace with the action's inputs.
# Kept as a script so that it can be run, and tested, outside GitHub with the same variables.
set -uo pipefail

cd "${GITHUB_WORKSPACE:-.}"
cli="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}/packages/cli/bin/sfn-lint.cjs"

args=(--format "${INPUT_FORMAT:-github}")
if [[ -n "${INPUT_SARIF_FILE:-}" ]]; then
  args+=(--format sarif -o "$INPUT_SARIF_FILE")
fi
case "${INPUT_FAIL_LEVEL:-error}" in
  error | never) ;;
  warning) args+=(--max-warnings 0) ;;
  *)
    echo "::error title=sfn-lint::fail-level must be error, warning or never, not \"$INPUT_FAIL_LEVEL\""
    exit 2
    ;;
esac

# Paths are split on white space, as a workflow writes them; globs stay quoted for sfn-lint.
read -r -d '' -a paths <<<"${INPUT_PATHS:-.}"
set -f
node "$cli" "${args[@]}" "${paths[@]}"
status=$?
set +f

if [[ -n "${INPUT_SARIF_FILE:-}" && -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "sarif-file=$INPUT_SARIF_FILE" >>"$GITHUB_OUTPUT"
fi
# 1 means problems were found; 2 is a usage error or a failure and always fails the step.
if [[ "${INPUT_FAIL_LEVEL:-error}" == never && $status -eq 1 ]]; then
  exit 0
fi
exit "$status"
