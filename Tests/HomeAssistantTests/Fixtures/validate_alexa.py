#!/usr/bin/env python3
"""Validates a JSON array of Alexa messages (stdin) against Amazon's schema.
Prints a JSON array with null for each valid message, else the first error."""
import json, os, sys
import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "alexa-reference", "alexa_smart_home_message_schema.json")) as f:
    validator = jsonschema.Draft4Validator(json.load(f))
results = []
for message in json.load(sys.stdin):
    error = jsonschema.exceptions.best_match(validator.iter_errors(message))
    results.append(None if error is None else f"{error.message} at {list(error.absolute_path)}")
print(json.dumps(results))
