#!/usr/bin/env python3
"""Validates a JSON array of Alexa messages (stdin): Smart Home messages against Amazon's
schema (as alexa_schema.py extends it), with --skill custom-skill responses against
custom_skill_response_schema.json, or with --progressive progressive-response directives
against progressive_response_schema.json (their SSML must parse as XML). Prints a JSON array with null for each valid message,
else the first error."""
import json, os, sys
import xml.etree.ElementTree as ElementTree
import jsonschema

import alexa_schema

here = os.path.dirname(os.path.abspath(__file__))
skill = "--skill" in sys.argv[1:]
progressive = "--progressive" in sys.argv[1:]
schema = "custom_skill_response_schema.json" if skill else "progressive_response_schema.json"
if skill or progressive:
    with open(os.path.join(here, schema)) as f:
        document = json.load(f)
else:
    document = alexa_schema.smart_home_schema()
validator = jsonschema.Draft4Validator(document)


def ssml_problem(message):
    response = message.get("response", {})
    documents = [speech["ssml"] for speech in
                 (response.get("outputSpeech"), response.get("reprompt", {}).get("outputSpeech"))
                 if speech and speech.get("type") == "SSML"]
    if progressive:
        documents.append(message.get("directive", {}).get("speech", ""))
    for document in documents:
        try:
            ElementTree.fromstring(document)
        except ElementTree.ParseError as error:
            return f"SSML does not parse: {error}"
    return None


results = []
for message in json.load(sys.stdin):
    # is_valid stops at the first match of each anyOf; the best error only when invalid.
    error = (None if validator.is_valid(message)
             else jsonschema.exceptions.best_match(validator.iter_errors(message)))
    problem = None if error is None else f"{error.message} at {list(error.absolute_path)}"
    results.append(problem or (ssml_problem(message) if skill or progressive else None))
print(json.dumps(results))
