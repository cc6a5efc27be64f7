#!/usr/bin/env python3
"""Validates a JSON array of Alexa messages (stdin): Smart Home messages against Amazon's
schema, with --skill custom-skill responses against custom_skill_response_schema.json, or
with --progressive progressive-response directives against progressive_response_schema.json
(their SSML must parse as XML). Prints a JSON array with null for each valid message,
else the first error."""
import json, os, sys
import xml.etree.ElementTree as ElementTree
import jsonschema

here = os.path.dirname(os.path.abspath(__file__))
skill = "--skill" in sys.argv[1:]
progressive = "--progressive" in sys.argv[1:]
schema = ("custom_skill_response_schema.json" if skill
          else "progressive_response_schema.json" if progressive
          else os.path.join("alexa-reference", "alexa_smart_home_message_schema.json"))
with open(os.path.join(here, schema)) as f:
    document = json.load(f)
if not (skill or progressive):
    # The schema's display categories are an older list than Amazon's documentation
    # gives today (display_categories.json says where): those are accepted too.
    with open(os.path.join(here, "display_categories.json")) as f:
        categories = json.load(f)["displayCategories"]
    def widen(node):
        if isinstance(node, dict):
            if node.get("enum") and "SMARTLOCK" in node["enum"] and "TV" in node["enum"]:
                node["enum"] = sorted(set(node["enum"]) | set(categories))
            for value in node.values():
                widen(value)
        elif isinstance(node, list):
            for value in node:
                widen(value)
    widen(document)
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
    error = jsonschema.exceptions.best_match(validator.iter_errors(message))
    problem = None if error is None else f"{error.message} at {list(error.absolute_path)}"
    results.append(problem or (ssml_problem(message) if skill or progressive else None))
print(json.dumps(results))
