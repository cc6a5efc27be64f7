"""What the setup command left in moto (aws_server.py at AWS_ENDPOINT_URL), as JSON for the
setup command's tests: the stacks with their parameters and outputs, the Parameter Store
names (never the values), and each function's resource policy.

  aws_state.py REGION"""
import json
import sys

import boto3

region = sys.argv[1]
session = boto3.session.Session(region_name=region, aws_access_key_id="test",
                                aws_secret_access_key="test")
cloudformation = session.client("cloudformation")
stacks = [{
    "name": stack["StackName"], "status": stack["StackStatus"],
    "parameters": {p["ParameterKey"]: p.get("ParameterValue") for p in stack.get("Parameters", [])},
    "outputs": {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])},
} for stack in cloudformation.describe_stacks()["Stacks"]]
parameters = {p["Name"]: p["Type"] for p in session.client("ssm").describe_parameters()["Parameters"]}
lam = session.client("lambda")
functions = {}
for function in lam.list_functions()["Functions"]:
    try:
        policy = json.loads(lam.get_policy(FunctionName=function["FunctionName"])["Policy"])
    except lam.exceptions.ResourceNotFoundException:
        policy = None
    functions[function["FunctionArn"]] = {
        "policy": policy, "reserved": lam.get_function_concurrency(
            FunctionName=function["FunctionName"]).get("ReservedConcurrentExecutions")}
print(json.dumps({"stacks": stacks, "parameters": parameters, "functions": functions}))
