"""Amazon's Skill Management API (SMAPI) and the Login with Amazon tokens it needs.

The owner creates a Login with Amazon security profile once (README "Deploy"); its client id
and secret and a refresh token for it are kept in ~/.config/lee/smapi.json (mode 0600),
outside the repository. Endpoints are overridden for tests with LEE_SMAPI_URL and
LEE_LWA_URL, the way the AWS SDKs take AWS_ENDPOINT_URL."""
import http.server
import json
import os
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request
import webbrowser

SMAPI_URL = os.environ.get("LEE_SMAPI_URL", "https://api.amazonalexa.com").rstrip("/")
LWA_URL = os.environ.get("LEE_LWA_URL", "https://api.amazon.com").rstrip("/")
LWA_AUTHORIZE = "https://www.amazon.com/ap/oa"
# What managing skills and their models needs (Amazon's SMAPI documentation).
SCOPES = "alexa::ask:skills:readwrite alexa::ask:models:readwrite"
# The "Allowed Return URL" the security profile must list for the browser login.
RETURN_URL = "http://127.0.0.1:9494/lee-login"


class SmapiError(Exception):
    pass


def config_path():
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return os.path.join(base, "lee", "smapi.json")


def load_profile():
    try:
        with open(config_path()) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def save_profile(profile):
    path = config_path()
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as f:
        json.dump(profile, f)


def _form(url, fields):
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        detail = error.read().decode(errors="replace")[:300]
        raise SmapiError(f"Login with Amazon refused ({error.code}): {detail}") from None
    except urllib.error.URLError as error:
        raise SmapiError(f"Login with Amazon unreachable: {error.reason}") from None


def browser_login(client_id, client_secret):
    """The authorization-code login in the owner's browser; returns a refresh token."""
    state = secrets.token_urlsafe(16)
    got = {}

    class Callback(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            if query.get("state", [""])[0] == state:
                got["code"] = query.get("code", [""])[0]
                got["error"] = query.get("error", [""])[0]
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"LEE: signed in, you can close this tab.")

    parsed = urllib.parse.urlparse(RETURN_URL)
    server = http.server.HTTPServer((parsed.hostname, parsed.port), Callback)
    server.timeout = 300
    url = LWA_AUTHORIZE + "?" + urllib.parse.urlencode({
        "client_id": client_id, "scope": SCOPES, "response_type": "code",
        "redirect_uri": RETURN_URL, "state": state})
    print(f"setup: sign in with the Amazon developer account in your browser:\n  {url}")
    webbrowser.open(url)
    deadline = time.monotonic() + 300
    while "code" not in got:  # other requests (a favicon) are answered and ignored
        if time.monotonic() > deadline:
            raise SmapiError("no sign-in within 5 minutes")
        server.handle_request()
    server.server_close()
    if not got.get("code"):
        raise SmapiError(f"sign-in refused: {got.get('error') or 'no code'}")
    tokens = _form(LWA_URL + "/auth/o2/token", {
        "grant_type": "authorization_code", "code": got["code"], "redirect_uri": RETURN_URL,
        "client_id": client_id, "client_secret": client_secret})
    return tokens["refresh_token"]


class Smapi:
    """SMAPI calls with an access token from the profile's refresh token."""

    def __init__(self, profile):
        self.profile = profile
        self._token = None

    def token(self):
        if self._token is None:
            tokens = _form(LWA_URL + "/auth/o2/token", {
                "grant_type": "refresh_token", "refresh_token": self.profile["refresh_token"],
                "client_id": self.profile["client_id"],
                "client_secret": self.profile["client_secret"]})
            self._token = tokens["access_token"]
        return self._token

    def call(self, method, path, body=None, absent_is_empty=False):
        """SMAPI's JSON answer ({} for none); `absent_is_empty`: a 404 is an empty answer."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(SMAPI_URL + path, data=data, method=method, headers={
            "Authorization": "Bearer " + self.token(), "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read()
                return json.loads(text) if text else {}
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")[:500]
            if absent_is_empty and error.code == 404:
                return {}
            raise SmapiError(f"SMAPI {method} {path} answered {error.code}: {detail}") from None
        except urllib.error.URLError as error:
            raise SmapiError(f"SMAPI unreachable: {error.reason}") from None

    def vendor_id(self):
        vendors = self.call("GET", "/v1/vendors").get("vendors") or []
        if not vendors:
            raise SmapiError("this Amazon account has no Alexa developer (vendor) account")
        return vendors[0]["id"]

    def find_skill(self, vendor, name, api):
        """The development skill called `name` whose apis include `api`, or None."""
        token = None
        while True:
            query = {"vendorId": vendor, "maxResults": 50}
            if token:
                query["nextToken"] = token
            page = self.call("GET", "/v1/skills?" + urllib.parse.urlencode(query))
            for skill in page.get("skills") or []:
                names = (skill.get("nameByLocale") or {}).values()
                if name in names and api in (skill.get("apis") or []):
                    return skill["skillId"]
            token = page.get("nextToken")
            if not page.get("isTruncated") or not token:
                return None

    def create_skill(self, vendor, manifest):
        skill = self.call("POST", "/v1/skills", {"vendorId": vendor, "manifest": manifest})
        self.wait(skill["skillId"], "manifest")
        return skill["skillId"]

    def manifest(self, skill):
        return self.call("GET", f"/v1/skills/{skill}/stages/development/manifest")["manifest"]

    def update_manifest(self, skill, manifest):
        self.call("PUT", f"/v1/skills/{skill}/stages/development/manifest", {"manifest": manifest})
        self.wait(skill, "manifest")

    def account_linking(self, skill):
        answer = self.call("GET", f"/v1/skills/{skill}/stages/development/accountLinkingClient",
                           absent_is_empty=True)
        return answer.get("accountLinkingResponse")

    def set_account_linking(self, skill, request):
        self.call("PUT", f"/v1/skills/{skill}/stages/development/accountLinkingClient",
                  {"accountLinkingRequest": request})

    def messaging_credentials(self, skill):
        answer = self.call("GET", f"/v1/skills/{skill}/credentials")
        return (answer.get("skillCredentials") or answer).get("skillMessagingCredentials") or {}

    def interaction_model(self, skill, locale):
        path = f"/v1/skills/{skill}/stages/development/interactionModel/locales/{locale}"
        return self.call("GET", path, absent_is_empty=True)

    def set_interaction_model(self, skill, locale, model):
        path = f"/v1/skills/{skill}/stages/development/interactionModel/locales/{locale}"
        self.call("PUT", path, model)
        self.wait(skill, "interactionModel", locale)

    def wait(self, skill, resource, locale=None, seconds=120):
        """Until SMAPI has applied the last change to `resource` (manifest, a model)."""
        deadline = time.monotonic() + seconds
        while True:
            status = self.call("GET", f"/v1/skills/{skill}/status?resource={resource}")
            part = status.get(resource) or {}
            if locale:
                part = part.get(locale) or {}
            request = part.get("lastUpdateRequest") or {}
            state = request.get("status")
            if state == "SUCCEEDED" or state is None:
                return
            if state == "FAILED":
                raise SmapiError(f"SMAPI could not apply the {resource}: {request.get('errors')}")
            if time.monotonic() > deadline:
                raise SmapiError(f"SMAPI still applying the {resource} after {seconds} s")
            time.sleep(1)
