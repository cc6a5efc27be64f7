"""A test-only Alexa Skill Management API (SMAPI) and Login with Amazon on loopback, for
the setup command's tests. Prints its port first; exits when the test process is gone.

  fake_alexa_developer.py AWS_URL CLIENT_ID CLIENT_SECRET REFRESH_TOKEN

- POST /auth/o2/token: grant_type=refresh_token with REFRESH_TOKEN and the security
  profile's CLIENT_ID and CLIENT_SECRET; answers an access token.
- /v1/...: the calls the setup command makes, each needing that access token. Every body
  is checked against Amazon's own SMAPI models (the ask-smapi-model package's classes: no
  key they do not define, every enum value one they list, every type theirs); a body
  that fails is answered 400 and logged with its verdict.
- A manifest whose endpoint is a Lambda function is refused (400), as the developer
  console refuses it, unless that function's policy (read from moto at AWS_URL) lets
  Alexa invoke it for exactly this skill id.
- GET /__state: the skills and every request with its verdict."""
import importlib
import json
import os
import re
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import boto3
from enum import Enum

AWS_URL, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN = sys.argv[1:5]
ACCESS = "Atza|smapi-access"
VENDOR = "M1VENDOR0EXAMPLE"
MESSAGING = {"clientId": "amzn1.application-oa2-client.events",
             "clientSecret": "events-client-secret-from-smapi"}
lock = threading.Lock()
skills = {}
log = []
MODELS = "ask_smapi_model.v1.skill."
BODY_MODELS = {
    ("POST", r"/v1/skills"): MODELS + "create_skill_request.CreateSkillRequest",
    ("PUT", r"/v1/skills/[^/]+/stages/development/manifest"):
        MODELS + "manifest.skill_manifest_envelope.SkillManifestEnvelope",
    ("PUT", r"/v1/skills/[^/]+/stages/development/accountLinkingClient"):
        MODELS + "account_linking.account_linking_request.AccountLinkingRequest",
    ("PUT", r"/v1/skills/[^/]+/stages/development/interactionModel/locales/[^/]+"):
        MODELS + "interaction_model.interaction_model_data.InteractionModelData",
}


def model_class(path):
    module, name = path.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)


def problems(value, kind, where="$"):
    """Why `value` is not a `kind` of Amazon's models (a type string of theirs)."""
    if kind.startswith("list["):
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [p for i, item in enumerate(value) for p in problems(item, kind[5:-1], f"{where}[{i}]")]
    if kind.startswith("dict("):
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        inner = kind[5:-1].split(", ", 1)[1]
        return [p for k, item in value.items() for p in problems(item, inner, f"{where}.{k}")]
    simple = {"str": str, "bool": bool, "int": int, "float": (int, float), "object": object}
    if kind in simple:
        ok = isinstance(value, simple[kind]) and not (kind == "int" and isinstance(value, bool))
        return [] if ok else [f"{where}: not {kind}"]
    cls = model_class(kind)
    if issubclass(cls, Enum):
        return [] if value in [m.value for m in cls] else [f"{where}: {value!r} is not a {cls.__name__}"]
    if not isinstance(value, dict):
        return [f"{where}: not an object ({cls.__name__})"]
    discriminator = getattr(cls, "json_discriminator_key", None)
    subtypes = getattr(cls, "discriminator_value_class_map", None)
    if discriminator and subtypes and value.get(discriminator) in subtypes:
        cls = model_class(subtypes[value[discriminator]])
    names = {json_name: attribute for attribute, json_name in cls.attribute_map.items()}
    found = []
    for key, item in value.items():
        if key not in names:
            found.append(f"{where}.{key}: {cls.__name__} has no such field")
        else:
            found += problems(item, cls.deserialized_types[names[key]], f"{where}.{key}")
    return found


def endpoint_refusal(skill_id, manifest):
    """The console's rule: an endpoint function must already let Alexa invoke it for
    this skill (principal and event source token)."""
    apis = manifest.get("apis", {})
    for api, principal in (("smartHome", "alexa-connectedhome.amazon.com"),
                           ("custom", "alexa-appkit.amazon.com")):
        uris = [apis.get(api, {}).get("endpoint", {}).get("uri")] + [
            region.get("endpoint", {}).get("uri")
            for region in apis.get(api, {}).get("regions", {}).values()]
        for uri in filter(None, uris):
            region = uri.split(":")[3] if uri.startswith("arn:") else "us-east-1"
            client = boto3.client("lambda", region_name=region, endpoint_url=AWS_URL,
                                  aws_access_key_id="test", aws_secret_access_key="test")
            try:
                statements = json.loads(client.get_policy(FunctionName=uri)["Policy"])["Statement"]
            except Exception as error:  # noqa: BLE001 - any failure is a refusal
                return f"the function {uri} cannot be read: {error}"
            if not any(s.get("Principal") in (principal, {"Service": principal})
                       and skill_id in json.dumps(s.get("Condition", {})) for s in statements):
                return (f"Please make sure that \"Alexa Smart Home\" is selected for the event "
                        f"source type of {uri}, for skill {skill_id}")
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def handle_any(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        url = urllib.parse.urlparse(self.path)
        path, query = url.path, urllib.parse.parse_qs(url.query)
        if path == "/__state":
            with lock:
                return self.send(200, {"skills": skills, "log": log})
        if path == "/auth/o2/token":
            form = {k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()}
            good = (form.get("grant_type") == "refresh_token" and form.get("client_id") == CLIENT_ID
                    and form.get("client_secret") == CLIENT_SECRET
                    and form.get("refresh_token") == REFRESH_TOKEN)
            with lock:
                log.append({"method": method, "path": path, "verdict": "ok" if good else "refused"})
            if not good:
                return self.send(400, {"error": "invalid_grant"})
            return self.send(200, {"access_token": ACCESS, "refresh_token": REFRESH_TOKEN,
                                   "token_type": "bearer", "expires_in": 3600})
        entry = {"method": method, "path": path, "verdict": "ok"}
        with lock:
            log.append(entry)
            if self.headers.get("Authorization") != "Bearer " + ACCESS:
                entry["verdict"] = "unauthorized"
                return self.send(401, {"message": "Token is invalid"})
            body = None
            if raw:
                try:
                    body = json.loads(raw)
                except ValueError:
                    entry["verdict"] = "not JSON"
                    return self.send(400, {"message": "body is not JSON"})
            for (verb, pattern), model in BODY_MODELS.items():
                if verb == method and re.fullmatch(pattern, path):
                    found = problems(body, model)
                    if found:
                        entry["verdict"] = "; ".join(found[:5])
                        return self.send(400, {"message": entry["verdict"]})
            return self.route(method, path, query, body, entry)

    def route(self, method, path, query, body, entry):
        parts = path.strip("/").split("/")
        if path == "/v1/vendors":
            return self.send(200, {"vendors": [{"name": "Owner", "id": VENDOR,
                                                "roles": ["ROLE_ADMINISTRATOR"]}]})
        if path == "/v1/skills" and method == "GET":
            summaries = [{"skillId": sid, "stage": "development",
                          "apis": list(s["manifest"].get("apis", {}).keys()),
                          "nameByLocale": {loc: info.get("name") for loc, info in s["manifest"]
                                           ["publishingInformation"]["locales"].items()}}
                         for sid, s in skills.items() if query.get("vendorId") == [VENDOR]]
            return self.send(200, {"skills": summaries, "isTruncated": False})
        if path == "/v1/skills" and method == "POST":
            if body["vendorId"] != VENDOR:
                entry["verdict"] = "unknown vendor"
                return self.send(403, {"message": "unknown vendor"})
            skill_id = f"amzn1.ask.skill.{len(skills) + 1:08d}-0000-4000-8000-{int(time.time()):012d}"
            refusal = endpoint_refusal(skill_id, body["manifest"])
            if refusal:
                entry["verdict"] = refusal
                return self.send(400, {"message": refusal})
            skills[skill_id] = {"manifest": body["manifest"], "accountLinking": None,
                                "models": {}}
            return self.send(202, {"skillId": skill_id})
        if len(parts) < 3 or parts[2] not in skills:
            entry["verdict"] = "no such skill"
            return self.send(404, {"message": "no such skill"})
        skill = skills[parts[2]]
        rest = "/".join(parts[3:])
        if rest == "status":
            resource = query.get("resource", ["manifest"])[0]
            done = {"lastUpdateRequest": {"status": "SUCCEEDED"}}
            if resource == "interactionModel":
                return self.send(200, {resource: {loc: done for loc in skill["models"]}})
            return self.send(200, {resource: done})
        if rest == "stages/development/manifest":
            if method == "GET":
                return self.send(200, {"manifest": skill["manifest"]})
            refusal = endpoint_refusal(parts[2], body["manifest"])
            if refusal:
                entry["verdict"] = refusal
                return self.send(400, {"message": refusal})
            skill["manifest"] = body["manifest"]
            return self.send(202)
        if rest == "stages/development/accountLinkingClient":
            if method == "GET":
                if skill["accountLinking"] is None:
                    return self.send(404, {"message": "no account linking"})
                shown = {k: v for k, v in skill["accountLinking"].items() if k != "clientSecret"}
                return self.send(200, {"accountLinkingResponse": shown})
            skill["accountLinking"] = body["accountLinkingRequest"]
            return self.send(204)
        if rest == "credentials":
            return self.send(200, {"skillMessagingCredentials": MESSAGING})
        if parts[3:7] == ["stages", "development", "interactionModel", "locales"] and len(parts) == 8:
            locale = parts[7]
            if method == "GET":
                if locale not in skill["models"]:
                    return self.send(404, {"message": "no model"})
                return self.send(200, skill["models"][locale])
            skill["models"][locale] = body
            return self.send(202)
        entry["verdict"] = "not a call the fake knows"
        return self.send(404, {"message": "not found"})


parent = os.getppid()
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
while os.getppid() == parent:
    time.sleep(0.5)
