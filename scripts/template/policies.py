#!/usr/bin/env python3
"""What each function of template.yaml may do, for given parameter values: translates the
template with AWS SAM's own translator (translate.py), resolves the intrinsic functions
(Ref, Fn::If, Fn::Sub, Fn::Join, Fn::Equals/Not/And/Or, Fn::GetAtt) and prints, per
function resource, its environment and the statements of its role's policies:

  policies.py template.yaml '{"TokenParameterPrefix": "/lee", "AlexaClientId": "x"}'

{"functions": {"Function": {"environment": {...}, "statements": [{"Effect", "Action": [...],
"Resource": [...]}], "managedPolicies": [...], "logGroup": ...}, ...}, "urls": {"FunctionUrl": "PushFunction"}}: the functions and
which function each Function URL reaches, each IAM user's statements ("users"), and the
Rules that refuse these parameters ("refusedBy").
Conditional resources whose condition is false
are left out.
The tests check these against the Parameter Store values the code reads."""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
translated = json.loads(subprocess.run(
    [sys.executable, os.path.join(here, "translate.py"), sys.argv[1]],
    check=True, capture_output=True, text=True).stdout)
given = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
pseudo = {"AWS::Partition": "aws", "AWS::Region": "us-east-1", "AWS::AccountId": "123456789012",
          "AWS::StackName": "lee", "AWS::URLSuffix": "amazonaws.com"}
parameters = {name: str(given.get(name, spec.get("Default", "")))
              for name, spec in translated.get("Parameters", {}).items()}
NO_VALUE = object()


def condition(name):
    return truth(translated["Conditions"][name])


def truth(node):
    (function, arguments), = node.items()
    if function == "Fn::Equals":
        left, right = (resolve(argument) for argument in arguments)
        return str(left) == str(right)
    if function == "Fn::Not":
        return not truth(arguments[0])
    if function == "Fn::And":
        return all(truth(argument) for argument in arguments)
    if function == "Fn::Or":
        return any(truth(argument) for argument in arguments)
    if function == "Condition":
        return condition(arguments)
    raise ValueError(f"unknown condition function {function}")


def substitute(text, variables):
    out, index = "", 0
    while index < len(text):
        start = text.find("${", index)
        if start < 0:
            return out + text[index:]
        end = text.index("}", start)
        name = text[start + 2:end]
        out += text[index:start]
        if name in variables:
            out += str(variables[name])
        elif name in pseudo or name in parameters:
            out += str(resolve({"Ref": name}))
        else:
            out += "${" + name + "}"  # a resource's attribute: kept as written
        index = end + 1
    return out


def resolve(node):
    if isinstance(node, list):
        return [value for value in (resolve(item) for item in node) if value is not NO_VALUE]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        (key, value), = node.items()
        if key == "Ref":
            if value == "AWS::NoValue":
                return NO_VALUE
            if value in pseudo:
                return pseudo[value]
            if value in parameters:
                return parameters[value]
            return "ref:" + value
        if key == "Fn::If":
            return resolve(value[1] if condition(value[0]) else value[2])
        if key == "Fn::Sub":
            if isinstance(value, str):
                return substitute(value, {})
            return substitute(value[0], {name: resolve(v) for name, v in value[1].items()})
        if key == "Fn::Join":
            return value[0].join(str(item) for item in resolve(value[1]))
        if key == "Fn::GetAtt":
            return "getatt:" + (".".join(value) if isinstance(value, list) else value)
    return {key: value for key, value in ((k, resolve(v)) for k, v in node.items())
            if value is not NO_VALUE}


def statements_of(resource):
    """The statements of a role's or user's inline policies, Action and Resource as lists."""
    statements = []
    for policy in resolve(resource["Properties"]).get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            statements.append({
                "Effect": statement["Effect"],
                "Action": [statement["Action"]] if isinstance(statement["Action"], str) else statement["Action"],
                "Resource": [statement["Resource"]] if isinstance(statement["Resource"], str) else statement["Resource"],
            })
    return statements


resources = {name: resource for name, resource in translated["Resources"].items()
             if "Condition" not in resource or condition(resource["Condition"])}
functions = {}
for name, resource in resources.items():
    if resource["Type"] != "AWS::Lambda::Function":
        continue
    properties = resolve(resource["Properties"])
    role = properties["Role"].removeprefix("getatt:").removesuffix(".Arn")
    functions[name] = {"environment": properties.get("Environment", {}).get("Variables", {}),
                       "statements": statements_of(resources[role]),
                       "managedPolicies": resolve(resources[role]["Properties"]).get(
                           "ManagedPolicyArns", []),
                       "logGroup": properties.get("LoggingConfig", {}).get("LogGroup"),
                       "reservedConcurrency": properties.get("ReservedConcurrentExecutions")}
users = {name: {"statements": statements_of(resource)} for name, resource in resources.items()
         if resource["Type"] == "AWS::IAM::User"}
urls = {name: resolve(resource["Properties"]["TargetFunctionArn"]).removeprefix("getatt:")
        .removesuffix(".Arn") for name, resource in resources.items()
        if resource["Type"] == "AWS::Lambda::Url"}
# Which Rules refuse these parameters (CloudFormation refuses the whole stack then).
refused = sorted(name for name, rule in translated.get("Rules", {}).items()
                 if ("RuleCondition" not in rule or truth(rule["RuleCondition"]))
                 and not all(truth(assertion["Assert"]) for assertion in rule["Assertions"]))
print(json.dumps({"functions": functions, "users": users, "urls": urls, "refusedBy": refused},
                 indent=1))
