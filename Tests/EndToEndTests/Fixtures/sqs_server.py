"""Amazon SQS on loopback for the home link's tests: moto's server (an implementation
independent of ours), on a free port it prints first. It exits when the test process
that started it is gone, so a crashed run leaves nothing behind.

  sqs_server.py                              any well-formed signature is accepted
  sqs_server.py --iam IDENTITIES OUT_FILE    moto enforces IAM: IDENTITIES is JSON
      {"function": [statement, ...], "bridge": [...]}, each a template identity's
      statements ("getatt:LinkRequestQueue.Arn" stands for the request queue). It makes
      the request queue and one IAM user per identity with those statements and an access
      key, writes {"queue": url, "function": {"key", "secret"}, "bridge": {...}} to
      OUT_FILE, and from then on every call must be allowed by its caller's policy."""
import json
import os
import sys

identities = None
if len(sys.argv) == 4 and sys.argv[1] == "--iam":
    identities = json.loads(sys.argv[2])
    # The setup calls below are the only ones moto lets through without authorization.
    os.environ["INITIAL_NO_AUTH_ACTION_COUNT"] = str(1 + 3 * len(identities))

import botocore.session  # noqa: E402
from moto.moto_server.threaded_moto_server import ThreadedMotoServer  # noqa: E402
from moto_serving import serve_until_parent_exits  # noqa: E402

parent = os.getppid()
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
port = server.get_host_and_port()[1]

if identities is not None:
    session = botocore.session.get_session()

    def client(service):
        return session.create_client(
            service, region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{port}",
            aws_access_key_id="AKIDSETUP", aws_secret_access_key="setup")

    queue = client("sqs").create_queue(QueueName="lee-requests")["QueueUrl"]
    queue_arn = "arn:aws:sqs:us-east-1:123456789012:lee-requests"
    iam = client("iam")
    made = {"queue": queue}
    for name, statements in identities.items():
        # moto authorizes CreateQueue against "*" (sqs/responses.py, _determine_resource: a
        # queue not made yet has no ARN there), where AWS uses the new queue's ARN: a
        # CreateQueue the template allows on some queues is allowed here on "*". Every
        # other action is checked against the statement's own resources.
        creates = [{"Effect": "Allow", "Action": "sqs:CreateQueue", "Resource": "*"}
                   for statement in statements if "sqs:CreateQueue" in statement["Action"]]
        document = json.dumps({"Version": "2012-10-17", "Statement": statements + creates}).replace(
            "getatt:LinkRequestQueue.Arn", queue_arn)
        iam.create_user(UserName=name)
        iam.put_user_policy(UserName=name, PolicyName=name, PolicyDocument=document)
        key = iam.create_access_key(UserName=name)["AccessKey"]
        made[name] = {"key": key["AccessKeyId"], "secret": key["SecretAccessKey"]}
    with open(sys.argv[3], "w") as out:
        json.dump(made, out)

serve_until_parent_exits(server, parent, port)
