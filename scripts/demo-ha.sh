#!/usr/bin/env bash
# A real Home Assistant 2024.3.3 (demo integration, scenes, a script, helpers) on
# 127.0.0.1 for local runs and end-to-end tests. Idempotent and bounded in time.
# Usage: scripts/demo-ha.sh start|stop|status|token|url|env|push
#   start   install (pinned lock, ~30 s the first time) and start; waits until RUNNING
#   token   print a long-lived token (minted once, kept in .demo-ha/token)
#   env     print HOME_ASSISTANT_URL=…, HOME_ASSISTANT_TOKEN=… and the local-run opt-in
#           ALLOW_OWNER_TOKEN_FALLBACK=true (the sample events carry no linked token)
#   push    print the Function URL the demo pushes changes to (home-assistant/
#           lee_alexa_events.yaml, on the demo's port + 1000) and its push secret
# It listens on its own port, 18123 (not Home Assistant's usual 8123, so an owner's own
# Home Assistant on this machine is never mistaken for the demo), or on a free port when
# that is taken; DEMO_HA_PORT asks for a particular one. The port in use is kept in
# .demo-ha/port, and the demo is recognised by its pid and its configuration folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
state=${DEMO_HA_HOME:-$root/.demo-ha}
venv=$state/venv
default_port=18123
# The demo's push secret: it guards a loopback URL of a throwaway home, nothing more.
push_secret=demo-push-secret-for-the-loopback-demo-home-only
began=$SECONDS
log() { echo "demo-ha: [$((SECONDS - began)) s] $*" >&2; }
die() { echo "demo-ha: $*" >&2; exit 1; }

port() {
  if [ -n "${DEMO_HA_PORT:-}" ]; then echo "$DEMO_HA_PORT"
  elif [ -s "$state/port" ]; then cat "$state/port"
  else echo "$default_port"; fi
}
url() { echo "http://127.0.0.1:$(port)"; }

install() {
  [ -x "$venv/bin/hass" ] && return
  mkdir -p "$state"
  command -v python3 >/dev/null || die "python3 is needed to install the demo Home Assistant"
  if [ ! -x "$state/tools/bin/uv" ]; then
    log "installing the installer (uv) into $state/tools"
    python3 -m venv "$state/tools" && "$state/tools/bin/pip" install -q --disable-pip-version-check uv \
      || die "could not install uv into $state/tools (is PyPI reachable?)"
  fi
  log "installing Home Assistant 2024.3.3 and $(grep -c '==' "$root/scripts/demo-ha/requirements.lock") pinned packages into $venv"
  "$state/tools/bin/uv" venv -q -p "$(command -v python3)" "$venv"
  VIRTUAL_ENV=$venv timeout 600 "$state/tools/bin/uv" pip sync -q "$root/scripts/demo-ha/requirements.lock" \
    || { rm -rf "$venv"; die "could not install Home Assistant from scripts/demo-ha/requirements.lock"; }
  log "installed"
}

# Something accepts connections on the port (the demo or anything else).
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

answering() { curl -s -o /dev/null -m 2 "$(url)/api/onboarding"; }

# The pid of this checkout's demo: alive, and started with this configuration folder.
running_pid() {
  [ -f "$state/hass.pid" ] || return 1
  local pid; pid=$(cat "$state/hass.pid")
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-c $state/config " || return 1
  echo "$pid"
}

free_port() {
  local candidate
  for candidate in $(seq "$default_port" $((default_port + 50))); do
    listening "$candidate" || { echo "$candidate"; return; }
  done
  die "no free port in $default_port-$((default_port + 50))"
}

start() {
  if running_pid >/dev/null && answering; then return; fi
  install
  local chosen; chosen=$(port)
  if listening "$chosen"; then
    [ -z "${DEMO_HA_PORT:-}" ] || die "port $chosen (DEMO_HA_PORT) is taken by another program"
    chosen=$(free_port)
  fi
  mkdir -p "$state/config"
  echo "$chosen" > "$state/port"
  sed "s/$default_port/$chosen/g" "$root/scripts/demo-ha/configuration.yaml" > "$state/config/configuration.yaml"
  cp "$root/home-assistant/lee_alexa_events.yaml" "$state/config/lee_alexa_events.yaml"
  echo $((chosen + 1000)) > "$state/push-port"
  cat > "$state/config/secrets.yaml" <<SECRETS
lee_alexa_events_url: "http://127.0.0.1:$((chosen + 1000))/"
lee_alexa_events_authorization: "Bearer $push_secret"
SECRETS
  log "starting on $(url) (log: $state/hass.log)"
  nohup "$venv/bin/hass" -c "$state/config" --skip-pip > "$state/hass.log" 2>&1 &
  echo $! > "$state/hass.pid"
  for _ in $(seq 1 120); do
    answering && break
    running_pid >/dev/null || die "Home Assistant exited while starting; see $state/hass.log"
    sleep 0.5
  done
  answering || die "Home Assistant did not answer on $(url) within 60 s; see $state/hass.log"
  log "answering; minting a token"
  local token; token=$(token)
  for _ in $(seq 1 120); do
    if curl -s -m 2 -H "Authorization: Bearer $token" "$(url)/api/config" | grep -q '"state":"RUNNING"'; then
      log "running on $(url)"
      return
    fi
    sleep 0.5
  done
  die "Home Assistant on $(url) did not reach RUNNING within 60 s; see $state/hass.log"
}

token() {
  running_pid >/dev/null || die "the demo Home Assistant is not running (scripts/demo-ha.sh start)"
  if [ -s "$state/token" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' -m 2 -H "Authorization: Bearer $(cat "$state/token")" "$(url)/api/")" = 200 ]; then
    cat "$state/token"; return
  fi
  timeout 60 "$venv/bin/python" "$root/scripts/demo-ha/mint_token.py" "$(url)" > "$state/token.new" \
    || die "could not mint a token on $(url) (the demo's owner account is in $state/config)"
  mv "$state/token.new" "$state/token"
  chmod 600 "$state/token"
  cat "$state/token"
}

stop() {
  local pid; pid=$(running_pid) || { echo "demo-ha: not running" >&2; return; }
  kill "$pid"
  for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$state/hass.pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running_pid >/dev/null && answering; then echo "running on $(url)"; else echo "stopped"; exit 1; fi ;;
  token) token ;;
  url) url ;;
  push) echo "http://127.0.0.1:$(cat "$state/push-port" 2>/dev/null || echo $(($(port) + 1000)))/"
    echo "$push_secret" ;;
  env) echo "HOME_ASSISTANT_URL=$(url)"; echo "HOME_ASSISTANT_TOKEN=$(token)"
    echo "ALLOW_OWNER_TOKEN_FALLBACK=true" ;;
  *) echo "usage: scripts/demo-ha.sh start|stop|status|token|url|env|push" >&2; exit 2 ;;
esac
