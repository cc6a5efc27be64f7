#!/usr/bin/env bash
# Validates template.yaml: cfn-lint on the SAM template, then AWS SAM's own translator
# (offline), then cfn-lint again on the CloudFormation it produces. The tools live in
# .tools/template (pinned in scripts/template/requirements.txt), installed on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh demo
venv=.tools/template
# Current when it holds a copy of the requirements it was made from (a bump reinstalls).
if [ ! -x "$venv/bin/cfn-lint" ] || ! cmp -s scripts/template/requirements.txt "$venv/requirements.txt"; then
  echo "check-template: installing $(grep -v '^#' scripts/template/requirements.txt | paste -sd' ') into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  timeout 600 "$venv/bin/pip" install -q --disable-pip-version-check -r scripts/template/requirements.txt
  cp scripts/template/requirements.txt "$venv/requirements.txt"
fi
"$venv/bin/cfn-lint" template.yaml
translated=$(mktemp --suffix=.json)
trap 'rm -f "$translated"' EXIT
"$venv/bin/python" scripts/template/translate.py template.yaml > "$translated"
"$venv/bin/cfn-lint" "$translated"
echo "check-template: template.yaml passes cfn-lint and translates to valid CloudFormation" >&2
