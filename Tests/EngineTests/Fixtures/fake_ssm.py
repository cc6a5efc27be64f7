"""A test-only SSM endpoint that checks each request's SigV4 signature with botocore's own
signer (an implementation independent of ours), then answers GetParameter / PutParameter (SecureString only, Overwrite to replace).

  fake_ssm.py ACCESS_KEY SECRET_KEY REGION

Prints its port on the first line. For each request it recomputes the signature from what
it received: the headers named in SignedHeaders (each must really have been sent), the
method, path, query and body. A mismatch answers 400 with SignatureDoesNotMatch or
IncompleteSignatureException, as AWS does. GET /__log lists what it saw, GET /__parameters
what it holds. POST /__faults {"NAME": "hang" | "throttle" | "denied" | 500, ...} makes
GetParameter for NAME hang (no answer for a minute), be throttled (400
ThrottlingException), denied (400 AccessDeniedException, as for a parameter the role may
not read) or fail with that status; {} clears them."""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY, SECRET_KEY, REGION = sys.argv[1:4]
parameters = {}
log = []
faults = {}


def check_signature(method, path, headers, body):
    """None when botocore computes the same signature over the same signed headers."""
    authorization = headers.get("authorization", "")
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        return "IncompleteSignatureException", "no SigV4 Authorization header"
    fields = dict(part.strip().split("=", 1) for part in authorization[len("AWS4-HMAC-SHA256 "):].split(","))
    signed = fields["SignedHeaders"].split(";")
    missing = [name for name in signed if name not in headers]
    if missing:
        return "IncompleteSignatureException", f"signed headers not sent: {missing}"
    if signed != sorted(signed):
        return "IncompleteSignatureException", "SignedHeaders not sorted"
    credential = fields["Credential"].split("/")
    if credential[0] != ACCESS_KEY or credential[2] != REGION or credential[3] != "ssm":
        return "SignatureDoesNotMatch", f"wrong credential scope {fields['Credential']}"
    token = headers.get("x-amz-security-token")
    request = AWSRequest(method=method, url="http://" + headers["host"] + path, data=body,
                         headers={name: headers[name] for name in signed})
    request.context["timestamp"] = headers["x-amz-date"]
    auth = SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, token), "ssm", REGION)
    if auth.signed_headers(auth.headers_to_sign(request)) != fields["SignedHeaders"]:
        return "SignatureDoesNotMatch", "botocore would sign other headers"
    expected = auth.signature(auth.string_to_sign(request, auth.canonical_request(request)), request)
    if expected != fields["Signature"]:
        return "SignatureDoesNotMatch", "the signature does not match botocore's"
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/__log":
            return self.send(200, log)
        if self.path == "/__parameters":
            return self.send(200, parameters)
        self.send(404, {})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/__faults":
            faults.clear()
            faults.update(json.loads(body or b"{}"))
            return self.send(200, {})
        headers = {name.lower(): value for name, value in self.headers.items()}
        problem = check_signature("POST", self.path, headers, body)
        target = headers.get("x-amz-target", "")
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            request = {}
        log.append({"target": target, "name": request.get("Name"), "problem": problem and problem[1],
                    "signedHeaders": headers.get("authorization", "").split("SignedHeaders=")[-1].split(",")[0]})
        if problem:
            return self.send(400, {"__type": problem[0], "message": problem[1]})
        if target == "AmazonSSM.GetParameter":
            name = request.get("Name")
            fault = faults.get(name)
            if fault == "hang":
                time.sleep(60)
                return
            if fault == "throttle":
                return self.send(400, {"__type": "ThrottlingException", "message": "Rate exceeded"})
            if fault == "denied":
                return self.send(400, {"__type": "AccessDeniedException", "message": name})
            if isinstance(fault, int):
                return self.send(fault, {"__type": "InternalServerError", "message": name})
            if name not in parameters:
                return self.send(400, {"__type": "ParameterNotFound", "message": name})
            return self.send(200, {"Parameter": {"Name": name, "Type": "SecureString",
                                                 "Value": parameters[name], "Version": 1}})
        if target == "AmazonSSM.PutParameter":
            if request.get("Type") != "SecureString":
                return self.send(400, {"__type": "ValidationException", "message": "not a SecureString"})
            if request["Name"] in parameters and request.get("Overwrite") is not True:
                return self.send(400, {"__type": "ParameterAlreadyExists", "message": request["Name"]})
            parameters[request["Name"]] = request["Value"]
            return self.send(200, {"Version": 1, "Tier": "Standard"})
        self.send(400, {"__type": "InvalidAction", "message": target})


parameters.update(json.loads(sys.argv[4]) if len(sys.argv) > 4 else {})
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
