#!/usr/bin/env python3
"""A misbehaving Lambda runtime for emulator tests, driven by each event's JSON:
{"sleep": s} sleeps before answering, {"exit": n} exits without answering,
{"env": "NAME"} answers with that variable, {"after": s} works s seconds after its
reply before asking for the next event; FAKE_INIT_ERROR=1 fails init."""
import http.client, json, os, sys, time

api = os.environ["AWS_LAMBDA_RUNTIME_API"]
conn = http.client.HTTPConnection(api)

def post(path, body, headers=None):
    conn.request("POST", "/2018-06-01/runtime" + path, body=json.dumps(body), headers=headers or {})
    conn.getresponse().read()

if os.environ.get("FAKE_INIT_ERROR") == "1":
    post("/init/error", {"errorMessage": "bad config", "errorType": "Runtime.InvalidConfiguration"},
         {"Lambda-Runtime-Function-Error-Type": "Runtime.InvalidConfiguration"})
    sys.exit(1)

while True:
    conn.request("GET", "/2018-06-01/runtime/invocation/next")
    response = conn.getresponse()
    event = json.loads(response.read())
    request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
    if "exit" in event:
        sys.exit(event["exit"])
    time.sleep(event.get("sleep", 0))
    reply = {"env": os.environ.get(event["env"])} if "env" in event else event
    post(f"/invocation/{request_id}/response", reply)
    time.sleep(event.get("after", 0))
