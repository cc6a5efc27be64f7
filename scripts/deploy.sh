#!/usr/bin/env bash
# The setup command: from a Home Assistant URL to a working Smart Home skill in one run.
#   scripts/deploy.sh --home-assistant-url https://ha.example.com [--locale en-GB]
#                     [--custom-skill] [--stack-name lee] [--dry-run]
#   scripts/deploy.sh --link-owner amzn1.account.… …      the home link instead
# It checks your AWS credentials (the standard chain: profiles, SSO, environment), picks
# the region from the Alexa locale, creates or updates the skill(s) through SMAPI, stores
# the secrets in Parameter Store, deploys template.yaml, points the skill at the function,
# and prints what is left for you. Re-running it updates; --dry-run prints the plan only.
# HOME_ASSISTANT_TOKEN, when set, is stored as the owner's token. See README "Deploy".
# Installs what it needs first (scripts/setup.sh deploy; the zip with scripts/package.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh deploy
zip=dist/lee-swift.zip
for argument in "$@"; do
  case $argument in --zip=*) zip=${argument#--zip=} ;; esac
done
[ -f "$zip" ] || scripts/package.sh "$zip" >&2
exec .tools/deploy/bin/python scripts/deploy/lee_setup.py "$@"
