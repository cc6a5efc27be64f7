"""Amazon's Smart Home message schema as the tests check against it: the published schema
(alexa-reference/), its display categories widened to the list Amazon's documentation
gives today (display_categories.json), and the interfaces Amazon documents that the schema
predates (schema_additions.json), each written from the page it names. Nothing else is
changed."""
import json, os

here = os.path.dirname(os.path.abspath(__file__))


def _load(name):
    with open(os.path.join(here, name)) as f:
        return json.load(f)


def smart_home_schema():
    document = _load(os.path.join("alexa-reference", "alexa_smart_home_message_schema.json"))
    categories = _load("display_categories.json")["displayCategories"]

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
    additions = _load("schema_additions.json")
    definitions = document["definitions"]
    definitions["endpoint.capabilities"]["items"]["anyOf"] += [
        entry["schema"] for entry in additions["capabilities"]]
    definitions["state.properties"]["items"]["anyOf"] += [
        entry["schema"] for entry in additions["properties"]]
    return document
