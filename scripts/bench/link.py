#!/usr/bin/env python3
"""The home link's figures for scripts/bench.sh: one event through the function reaching
the demo Home Assistant itself, and through the link (function in link mode under
lambda-local, SQS from moto's server on loopback, lee-bridge reaching the demo).

  link.py LAMBDA_LOCAL BOOTSTRAP BRIDGE HA_URL HA_TOKEN EVENT WARM ROUNDS

Prints {"direct": bench, "linked": bench}, each lambda-local's medians (round trip and
runtime CPU per warm invocation). Login with Amazon's profile answer for the owner check
comes from a stub here: a benchmark, not a test."""
import json, logging, os, subprocess, sys, tempfile, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.session
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

lambda_local, bootstrap, bridge, ha_url, ha_token, event_path, warm, rounds = sys.argv[1:9]
OWNER, TOKEN = "amzn1.account.BENCH", "Atza|bench"


class Profile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = json.dumps({"user_id": OWNER}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per SQS request
profile = serve(ThreadingHTTPServer(("127.0.0.1", 0), Profile))
moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
moto.start()
sqs_url = f"http://127.0.0.1:{moto.get_host_and_port()[1]}"
aws = {"AWS_ACCESS_KEY_ID": "AKIDBENCH", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1",
       "AWS_ENDPOINT_URL_SQS": sqs_url}
queue = botocore.session.get_session().create_client(
    "sqs", region_name="us-east-1", endpoint_url=sqs_url, aws_access_key_id="AKIDBENCH",
    aws_secret_access_key="bench").create_queue(QueueName="lee-requests")["QueueUrl"]

with open(event_path) as file:
    event = json.load(file)
event["directive"]["endpoint"]["scope"]["token"] = TOKEN
handle, event_file = tempfile.mkstemp(suffix=".json")
with os.fdopen(handle, "w") as file:
    json.dump(event, file)


def bench(environment):
    output = subprocess.run(
        [lambda_local, "bench", "--bootstrap", bootstrap, "--cold", "1", "--warm", warm,
         "--rounds", rounds, event_file],
        env={**os.environ, **environment}, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


home = {"HOME_ASSISTANT_URL": ha_url, "HOME_ASSISTANT_TOKEN": ha_token, "AWS_LAMBDA_LOG_LEVEL": "ERROR"}
direct = bench({**home, "ALLOW_OWNER_TOKEN_FALLBACK": "true"})
bridge_process = subprocess.Popen(
    [bridge], env={**os.environ, **home, **aws, "LINK_QUEUE_URL": queue},
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    time.sleep(1)
    linked = bench({**aws, "LINK_QUEUE_URL": queue, "LINK_OWNER_ID": OWNER,
                    "LWA_PROFILE_URL": f"http://127.0.0.1:{profile.server_address[1]}/user/profile",
                    "AWS_LAMBDA_LOG_LEVEL": "ERROR"})
finally:
    bridge_process.kill()
    os.unlink(event_file)
print(json.dumps({"direct": direct, "linked": linked}))
