#!/usr/bin/env bash
# A real Home Assistant 2024.3.3 (demo integration, scenes, a script, helpers) on
# 127.0.0.1 for local runs and end-to-end tests. Idempotent and bounded in time.
# Usage: scripts/demo-ha.sh start|stop|status|token|url|env
#   start   install (pinned lock, ~30 s the first time) and start; waits until RUNNING
#   token   print a long-lived token (minted once, kept in .demo-ha/token)
#   env     print HOME_ASSISTANT_URL=… and HOME_ASSISTANT_TOKEN=… lines
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${DEMO_HA_HOME:-$root/.demo-ha}
port=${DEMO_HA_PORT:-8123}
url=http://127.0.0.1:$port
venv=$state/venv
log() { echo "demo-ha: $*" >&2; }

install() {
  [ -x "$venv/bin/hass" ] && return
  log "installing Home Assistant 2024.3.3 from the pinned lock into $venv"
  mkdir -p "$state"
  [ -x "$state/tools/bin/uv" ] || { python3 -m venv "$state/tools" && "$state/tools/bin/pip" install -q uv; }
  "$state/tools/bin/uv" venv -q -p "$(command -v python3)" "$venv"
  VIRTUAL_ENV=$venv timeout 600 "$state/tools/bin/uv" pip sync -q "$root/scripts/demo-ha/requirements.lock"
}

answering() { curl -s -o /dev/null -m 2 "$url/api/onboarding"; }

running_pid() {
  [ -f "$state/hass.pid" ] && kill -0 "$(cat "$state/hass.pid")" 2>/dev/null && cat "$state/hass.pid"
}

start() {
  if running_pid >/dev/null && answering; then return; fi
  install
  mkdir -p "$state/config"
  sed "s/8123/$port/g" "$root/scripts/demo-ha/configuration.yaml" > "$state/config/configuration.yaml"
  log "starting on $url (log: $state/hass.log)"
  nohup "$venv/bin/hass" -c "$state/config" --skip-pip > "$state/hass.log" 2>&1 &
  echo $! > "$state/hass.pid"
  for _ in $(seq 1 120); do
    answering && break
    running_pid >/dev/null || { tail -20 "$state/hass.log" >&2; log "Home Assistant exited"; exit 1; }
    sleep 0.5
  done
  answering || { log "Home Assistant did not answer within 60 s"; exit 1; }
  local token; token=$(token)
  for _ in $(seq 1 120); do
    curl -s -m 2 -H "Authorization: Bearer $token" "$url/api/config" | grep -q '"state":"RUNNING"' && return
    sleep 0.5
  done
  log "Home Assistant did not reach RUNNING within 60 s"; exit 1
}

token() {
  if [ -s "$state/token" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 -H "Authorization: Bearer $(cat "$state/token")" "$url/api/")" = 200 ]; then
    cat "$state/token"; return
  fi
  timeout 60 "$venv/bin/python" "$root/scripts/demo-ha/mint_token.py" "$url" > "$state/token.new"
  mv "$state/token.new" "$state/token"
  chmod 600 "$state/token"
  cat "$state/token"
}

stop() {
  local pid; pid=$(running_pid) || { log "not running"; return; }
  kill "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$state/hass.pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running_pid >/dev/null && answering; then echo "running on $url"; else echo "stopped"; exit 1; fi ;;
  token) token ;;
  url) echo "$url" ;;
  env) echo "HOME_ASSISTANT_URL=$url"; echo "HOME_ASSISTANT_TOKEN=$(token)" ;;
  *) echo "usage: scripts/demo-ha.sh start|stop|status|token|url|env" >&2; exit 2 ;;
esac
