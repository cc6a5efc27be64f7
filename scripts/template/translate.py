#!/usr/bin/env python3
"""Translates template.yaml with AWS SAM's own translator (offline) and prints the
resulting CloudFormation JSON, which check-template.sh then lints as well."""
import json, os, sys

# The translator fills in pseudo parameters from a region; any will do offline.
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The template names no managed policies, so nothing needs looking up in IAM."""

    def load(self):
        return {}


with open(sys.argv[1]) as f:
    template = yaml_parse(f.read())
# `sam deploy` uploads the local zip and puts its S3 location here; do the same on paper.
for resource in template.get("Resources", {}).values():
    properties = resource.get("Properties", {})
    if resource.get("Type") == "AWS::Serverless::Function" and not str(
            properties.get("CodeUri", "")).startswith("s3://"):
        properties["CodeUri"] = "s3://example-bucket/lee-swift.zip"
try:
    print(json.dumps(transform(template, {}, NoManagedPolicies()), indent=1))
except InvalidDocumentException as error:
    for cause in error.causes:
        print(f"template.yaml: {cause.message}", file=sys.stderr)
    sys.exit(1)
