#!/usr/bin/env python3
"""A test-only Login with Amazon and Alexa event gateway on loopback.

  fake_alexa_cloud.py CLIENT_ID CLIENT_SECRET CODE

Prints its port on the first line.
- POST /auth/o2/token (form-encoded, as Amazon documents): grant_type=authorization_code
  with CODE, or refresh_token with the refresh token it issued, or client_credentials with
  scope alexa:skill_messaging; the client id and secret must match. Answers access and refresh tokens, or 400 {"error": "invalid_grant"} /
  401 {"error": "invalid_client"}.
- POST /v3/events: the bearer token must be a live access token (else 401), and the body
  is validated with jsonschema against Amazon's Smart Home message schema (else 400); its
  endpoint scope, where it has one, must carry the same token. Answers 202.
- POST /__script {"gateway": [answer, ...], "expires_in": n, "refuse_refresh": bool,
  "forget_access": bool, "invalid_refresh": [token, ...], "known_access": [...],
  "known_refresh": [...], "silent": bool}: answers for the next events (a status, whose
  code is Amazon's usual one for it: 403 SKILL_DISABLED_EXCEPTION, 429
  THROTTLING_EXCEPTION; or [status, code]), the token lifetime, tokens no longer or
  already valid; "silent" takes events and never answers them.
- GET /user/profile (Login with Amazon's customer profile): the token from
  "Authorization: bearer TOKEN" must be one the script named in "profiles" ({token:
  user_id}); answers {"user_id": ...}, else 401 {"error": "invalid_token"} as Amazon does.
- GET /__log: the token requests and events it saw, with its verdicts and the monotonic
  time each arrived ("at", seconds)."""
import json, os, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import jsonschema

CLIENT_ID, CLIENT_SECRET, CODE = sys.argv[1:4]
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import alexa_schema  # noqa: E402

validator = jsonschema.Draft4Validator(alexa_schema.smart_home_schema())

lock = threading.Lock()
state = {"access": set(), "refresh": set(), "issued": 0, "gateway": [], "expires_in": 3600,
         "refuse_refresh": False, "silent": False, "profiles": {}}
codes = {403: "SKILL_DISABLED_EXCEPTION", 429: "THROTTLING_EXCEPTION", 500: "INTERNAL_SERVICE_EXCEPTION",
         503: "INTERNAL_SERVICE_EXCEPTION"}
log = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/__log":
            with lock:
                return self.send(200, log)
        if self.path == "/user/profile":
            return self.profile()
        self.send(404, {})

    def profile(self):
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        with lock:
            user = state["profiles"].get(token) if scheme.lower() == "bearer" else None
            log.append({"kind": "profile", "verdict": 200 if user else 401,
                        "at": time.monotonic()})
        if user is None:
            return self.send(401, {"error": "invalid_token",
                                   "error_description": "The request has an invalid parameter : access_token"})
        self.send(200, {"user_id": user})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/__script":
            with lock:
                script = json.loads(body)
                if script.pop("forget_access", False):
                    state["access"].clear()
                for token in script.pop("invalid_refresh", []):
                    state["refresh"].discard(token)
                state["access"].update(script.pop("known_access", []))
                state["refresh"].update(script.pop("known_refresh", []))
                state.update(script)
            return self.send(200, {})
        if self.path == "/auth/o2/token":
            return self.token(body)
        if self.path == "/v3/events":
            return self.event(body)
        self.send(404, {})

    def token(self, body):
        form = {key: values[0] for key, values in urllib.parse.parse_qs(body.decode()).items()}
        entry = {"kind": "token", "grant_type": form.get("grant_type"),
                 "contentType": self.headers.get("Content-Type")}
        with lock:
            log.append(entry)
            if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
                entry["verdict"] = "invalid_client"
                return self.send(401, {"error": "invalid_client"})
            grant = form.get("grant_type")
            if grant == "client_credentials":
                # The skill messaging token: no grant, no refresh token (Amazon's Skill
                # Messaging API documents exactly this request and answer).
                if form.get("scope") != "alexa:skill_messaging":
                    entry["verdict"] = "invalid_scope"
                    return self.send(400, {"error": "invalid_scope"})
                entry["verdict"] = "ok"
                return self.send(200, {"access_token": "Atc|messaging", "expires_in": 3600,
                                       "scope": "alexa:skill_messaging", "token_type": "bearer"})
            if grant == "authorization_code":
                valid = form.get("code") == CODE
            elif grant == "refresh_token":
                valid = form.get("refresh_token") in state["refresh"] and not state["refuse_refresh"]
            else:
                valid = False
            if not valid:
                entry["verdict"] = "invalid_grant"
                return self.send(400, {"error": "invalid_grant"})
            state["issued"] += 1
            access = f"Atza|access-{state['issued']}"
            refresh = form.get("refresh_token") or f"Atzr|refresh-{state['issued']}"
            entry["refresh_token"] = form.get("refresh_token")
            state["access"].add(access)
            state["refresh"].add(refresh)
            entry["verdict"] = "ok"
            self.send(200, {"access_token": access, "refresh_token": refresh,
                            "token_type": "bearer", "expires_in": state["expires_in"]})

    def event(self, body):
        authorization = self.headers.get("Authorization", "")
        token = authorization[len("Bearer "):] if authorization.startswith("Bearer ") else ""
        try:
            message = json.loads(body)
        except ValueError:
            message = None
        entry = {"kind": "event", "token": token, "message": message, "at": time.monotonic()}
        with lock:
            log.append(entry)
            if state["silent"]:
                entry["verdict"] = "silent"
        if entry.get("verdict") == "silent":
            time.sleep(120)
            return
        with lock:
            if token not in state["access"]:
                entry["verdict"] = 401
                return self.send(401, {"header": {}, "payload": {"code": "INVALID_ACCESS_TOKEN_EXCEPTION"}})
            error = message is not None and jsonschema.exceptions.best_match(validator.iter_errors(message))
            if message is None or error:
                entry["verdict"] = f"schema: {error.message if error else 'not JSON'}"
                return self.send(400, {"payload": {"code": "INVALID_REQUEST_EXCEPTION"}})
            scope = (message.get("event", {}).get("endpoint", {}) or {}).get("scope")
            if scope is not None and scope.get("token") != token:
                entry["verdict"] = "scope token differs from the bearer token"
                return self.send(400, {"payload": {"code": "INVALID_REQUEST_EXCEPTION"}})
            answer = state["gateway"].pop(0) if state["gateway"] else 202
            status, code = answer if isinstance(answer, list) else (answer, codes.get(answer, ""))
            entry["verdict"] = status
            self.send(status, {} if status == 202 else {"header": {}, "payload": {"code": code}})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
