"""The AWS side of the setup command: identity, Parameter Store, the zip in S3, the stack.

Everything goes through boto3 and the standard credential chain (environment, profiles,
SSO, instance roles); endpoints follow the SDKs' AWS_ENDPOINT_URL[_<SERVICE>] variables.
template.yaml is translated here with AWS SAM's own translator (aws-sam-translator) and
deployed as plain CloudFormation, so no `sam` CLI is needed."""
import hashlib
import json
import os

import boto3
import botocore.exceptions

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class AwsError(Exception):
    pass


class Aws:
    def __init__(self, region):
        self.region = region
        self.session = boto3.session.Session(region_name=region)
        self._clients = {}

    def client(self, name):
        if name not in self._clients:
            self._clients[name] = self.session.client(name)
        return self._clients[name]

    def account(self):
        """The caller's account id; a clear error when there are no credentials."""
        try:
            return self.client("sts").get_caller_identity()["Account"]
        except botocore.exceptions.NoCredentialsError:
            raise AwsError(
                "no AWS credentials: run `aws configure` (or `aws sso login --profile P` and "
                "set AWS_PROFILE=P), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") from None
        except botocore.exceptions.ClientError as error:
            raise AwsError(f"AWS refused the credentials: {error}") from None

    # Parameter Store

    def parameter(self, name):
        try:
            answer = self.client("ssm").get_parameter(Name=name, WithDecryption=True)
            return answer["Parameter"]["Value"]
        except self.client("ssm").exceptions.ParameterNotFound:
            return None

    def put_secret(self, name, value, dry_run):
        """Stores `value` as a SecureString; 'unchanged' when it already holds it."""
        if self.parameter(name) == value:
            return "unchanged"
        if not dry_run:
            self.client("ssm").put_parameter(
                Name=name, Value=value, Type="SecureString", Overwrite=True)
        return "stored"

    # The zip

    def upload(self, zip_path, account, dry_run):
        """The zip in the account's deployment bucket, named by its content (so an unchanged
        zip is not uploaded again and the stack sees a new key when the code changed)."""
        with open(zip_path, "rb") as f:
            body = f.read()
        bucket = f"lee-deploy-{account}-{self.region}"
        key = f"lee-swift-{hashlib.sha256(body).hexdigest()[:20]}.zip"
        s3 = self.client("s3")
        try:
            s3.head_object(Bucket=bucket, Key=key)
            return bucket, key, "unchanged"
        except botocore.exceptions.ClientError:
            pass
        if dry_run:
            return bucket, key, "uploaded"
        try:
            s3.head_bucket(Bucket=bucket)
        except botocore.exceptions.ClientError:
            options = {} if self.region == "us-east-1" else {
                "CreateBucketConfiguration": {"LocationConstraint": self.region}}
            s3.create_bucket(Bucket=bucket, **options)
            s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration={
                "BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True})
        s3.put_object(Bucket=bucket, Key=key, Body=body)
        return bucket, key, "uploaded"

    # Concurrency

    def push_concurrency_cap(self, reserved_now, wanted=5):
        """The push function's reserved concurrency when the account can spare it (Lambda
        keeps 100 unreserved), else -1 (no cap; new accounts often have a limit of 10).
        `reserved_now`: what the push function reserves already (counted as free)."""
        settings = self.client("lambda").get_account_settings()
        limit = settings.get("AccountLimit", {}).get("ConcurrentExecutions", 0)
        unreserved = settings.get("AccountLimit", {}).get("UnreservedConcurrentExecutions", limit)
        free = unreserved + max(0, reserved_now)
        return wanted if free >= 100 + wanted else -1, limit

    # The stack

    def stack(self, name):
        try:
            return self.client("cloudformation").describe_stacks(StackName=name)["Stacks"][0]
        except botocore.exceptions.ClientError as error:
            if "does not exist" in str(error):
                return None
            raise

    def translated(self, bucket, key):
        """template.yaml as plain CloudFormation, its functions' code at s3://bucket/key."""
        # The translator reads its region (for the partition) from the default session.
        os.environ["AWS_DEFAULT_REGION"] = self.region
        from samtranslator.translator.transform import transform
        from samtranslator.yaml_helper import yaml_parse

        class NoManagedPolicies:  # the template names none: nothing to look up in IAM
            def load(self):
                return {}

        with open(os.path.join(ROOT, "template.yaml")) as f:
            template = yaml_parse(f.read())
        for resource in template.get("Resources", {}).values():
            if resource.get("Type") == "AWS::Serverless::Function":
                resource["Properties"]["CodeUri"] = f"s3://{bucket}/{key}"
        return transform(template, {}, NoManagedPolicies())

    def deploy(self, name, template, parameters, dry_run):
        """Creates or updates the stack and waits; 'created', 'updated' or 'unchanged'."""
        cloudformation = self.client("cloudformation")
        existing = self.stack(name)
        given = [{"ParameterKey": k, "ParameterValue": str(v)} for k, v in parameters.items()]
        # Parameters the owner set another way (the console, an earlier --parameter) keep
        # their values: CloudFormation would put their defaults back otherwise. (One still
        # at its default is left to it.)
        defaults = {k: str(v.get("Default", "")) for k, v in template.get("Parameters", {}).items()}
        given += [{"ParameterKey": p["ParameterKey"], "UsePreviousValue": True}
                  for p in (existing or {}).get("Parameters", [])
                  if p["ParameterKey"] not in parameters
                  and p.get("ParameterValue") != defaults.get(p["ParameterKey"])]
        arguments = dict(StackName=name, TemplateBody=json.dumps(template), Parameters=given,
                         Capabilities=["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"])
        if existing and existing["StackStatus"] == "ROLLBACK_COMPLETE":
            raise AwsError(f"stack {name} failed to create earlier: delete it "
                           f"(aws cloudformation delete-stack --stack-name {name}) and run again")
        if existing is None:
            if not dry_run:
                cloudformation.create_stack(**arguments)
                self._wait(name, "stack_create_complete")
            return "created"
        if self._unchanged(existing, template, parameters):
            return "unchanged"
        if not dry_run:
            try:
                cloudformation.update_stack(**arguments)
            except botocore.exceptions.ClientError as error:
                if "No updates are to be performed" in str(error):
                    return "unchanged"
                raise
            self._wait(name, "stack_update_complete")
        return "updated"

    def _unchanged(self, existing, template, parameters):
        current = {p["ParameterKey"]: p.get("ParameterValue") for p in existing.get("Parameters", [])}
        if any(current.get(k) != str(v) for k, v in parameters.items()):
            return False
        body = self.client("cloudformation").get_template(StackName=existing["StackName"])
        deployed = body["TemplateBody"]
        if isinstance(deployed, str):
            try:
                deployed = json.loads(deployed)
            except ValueError:
                return False
        return deployed == json.loads(json.dumps(template))

    def _wait(self, name, waiter):
        try:
            self.client("cloudformation").get_waiter(waiter).wait(
                StackName=name, WaiterConfig={"Delay": 2, "MaxAttempts": 450})
        except botocore.exceptions.WaiterError:
            events = self.client("cloudformation").describe_stack_events(StackName=name)
            failed = [f"{e['LogicalResourceId']}: {e.get('ResourceStatusReason')}"
                      for e in events["StackEvents"] if e["ResourceStatus"].endswith("FAILED")]
            raise AwsError(f"stack {name} did not deploy: {'; '.join(failed[:5])}") from None

    def outputs(self, name):
        stack = self.stack(name) or {}
        return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
