"""AWS on loopback for the setup command's tests: moto's server (STS, S3, SSM, IAM, Lambda,
CloudFormation, SQS, SNS, CloudWatch, Logs; an implementation independent of ours), on a
free port it prints first. It exits when the test process that started it is gone.

  aws_server.py [CONCURRENCY_LIMIT]

moto's CloudFormation lacks AWS::Lambda::Url (a stack with one fails to parse, as a
GetAtt of FunctionUrl meets no model). This registers the smallest model for it, which
makes the URL with moto's own Lambda (create_function_url_config) so the stack deploys
and its FunctionUrl output resolves; what the URL resource itself says (AuthType NONE,
the two permissions AWS requires of it) is checked on the translated template by cfn-lint
and TemplatePolicyTests instead. It also drops AWS::NoValue from lists and keeps a
permission's EventSourceToken as its condition, as AWS does and moto does not. CONCURRENCY_LIMIT sets the account's Lambda concurrency
limit GetAccountSettings reports (moto's default is 1000)."""
import json
import os
import sys

from moto.awslambda import urls as lambda_urls
from moto.awslambda.models import lambda_backends
from moto.awslambda.policy import Policy
from moto.awslambda.responses import LambdaResponse
from moto.cloudformation import parsing as cloudformation_parsing
from moto.core.common_models import CloudFormationModel
from moto.moto_server.threaded_moto_server import ThreadedMotoServer
from moto_serving import serve_until_parent_exits


class FunctionUrl(CloudFormationModel):
    # moto files each model under the service its module names.
    __module__ = "moto.awslambda.function_url"

    def __init__(self, config):
        self.config = config

    @staticmethod
    def cloudformation_name_type():
        return ""

    @staticmethod
    def cloudformation_type():
        return "AWS::Lambda::Url"

    @classmethod
    def has_cfn_attr(cls, attr):
        return attr in ("FunctionUrl", "FunctionArn")

    @classmethod
    def create_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id,
                                        region_name, **kwargs):
        properties = cloudformation_json["Properties"]
        backend = lambda_backends[account_id][region_name]
        config = backend.create_function_url_config(
            properties["TargetFunctionArn"], {"AuthType": properties.get("AuthType")})
        return cls(config)

    @classmethod
    def update_from_cloudformation_json(cls, original_resource, new_resource_name,
                                        cloudformation_json, account_id, region_name):
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(cls, resource_name, cloudformation_json, account_id,
                                        region_name):
        pass

    @property
    def physical_resource_id(self):
        return self.config.function.function_arn + "/url"

    def get_cfn_attribute(self, attribute_name):
        if attribute_name == "FunctionUrl":
            return self.config.url + "/"
        return self.config.function.function_arn

    def is_created(self):
        return True


# CloudFormation drops an AWS::NoValue from a list (`!If [cond, {...}, !Ref AWS::NoValue]`
# in a role's Policies); moto leaves None there and fails on it.
def without_novalue(value):
    if isinstance(value, list):
        return [without_novalue(item) for item in value if item is not None]
    if isinstance(value, dict):
        return {key: without_novalue(item) for key, item in value.items()}
    return value


resolve = cloudformation_parsing.clean_json
cloudformation_parsing.clean_json = lambda json_, resources: without_novalue(
    resolve(json_, resources))


# Lambda keeps an EventSourceToken (the Alexa skill id) as the statement's condition
# `StringEquals lambda:EventSourceToken`; moto drops it, so nothing could check it.
def decode_keeping_token(self, obj):
    token = obj.get("EventSourceToken")
    policy = decode_policy(self, obj)
    if token:
        condition = policy.statements[0].setdefault("Condition", {})
        condition.setdefault("StringEquals", {})["lambda:EventSourceToken"] = token
    return policy


decode_policy = Policy.decode_policy
Policy.decode_policy = decode_keeping_token


# GetAccountSettings, which moto lacks: the limit given (default 1000), less what its
# functions reserve, as Lambda reports it.
def get_account_settings(self):
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    reserved = sum(int(f.reserved_concurrency or 0) for f in self.backend.list_functions())
    return 200, {}, json.dumps({
        "AccountLimit": {"ConcurrentExecutions": limit,
                         "UnreservedConcurrentExecutions": limit - reserved},
        "AccountUsage": {"FunctionCount": len(self.backend.list_functions())}})


LambdaResponse.get_account_settings = get_account_settings
lambda_urls.url_paths[r"{0}/(?P<api_version>[^/]+)/account-settings/?$"] = LambdaResponse.dispatch

parent = os.getppid()
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
serve_until_parent_exits(server, parent, server.get_host_and_port()[1])
