#!/usr/bin/env bash
# Validates template.yaml: cfn-lint on the SAM template, then AWS SAM's own translator
# (offline), then cfn-lint again on the CloudFormation it produces. The tools live in
# .tools/template (pinned in scripts/template/requirements.txt), installed on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.tools/template
if [ ! -x "$venv/bin/cfn-lint" ]; then
  echo "check-template: installing cfn-lint and aws-sam-translator into $venv" >&2
  python3 -m venv "$venv"
  timeout 600 "$venv/bin/pip" install -q -r scripts/template/requirements.txt
fi
"$venv/bin/cfn-lint" template.yaml
translated=$(mktemp --suffix=.json)
trap 'rm -f "$translated"' EXIT
"$venv/bin/python" scripts/template/translate.py template.yaml > "$translated"
"$venv/bin/cfn-lint" "$translated"
echo "check-template: template.yaml passes cfn-lint and translates to valid CloudFormation" >&2
