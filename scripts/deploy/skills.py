"""The two Alexa skills as the setup command wants them, made or brought up to date through
SMAPI, and what the command leaves the owner to do."""
import glob
import json
import os

from stack import ROOT

# The Client ID Home Assistant's sign-in accepts for each region's redirect (the host of
# https://<host>/api/skill/link/<vendor id>; Sources/HomeAssistant/Alexa/AlexaRegion.swift).
LINKING_CLIENT_IDS = {
    "us-east-1": "https://pitangui.amazon.com/",
    "eu-west-1": "https://layla.amazon.com/",
    "us-west-2": "https://alexa.amazon.co.jp/",
}
SMAPI_REGIONS = {"us-east-1": "NA", "eu-west-1": "EU", "us-west-2": "FE"}
LWA_AUTHORIZE = "https://www.amazon.com/ap/oa"
LWA_TOKEN = "https://api.amazon.com/auth/o2/token"


class Skill:
    api_name = ""

    def __init__(self, smapi, vendor, args, region):
        self.smapi, self.vendor, self.args, self.region = smapi, vendor, args, region

    def ensure(self, known_id, report):
        """The skill's id: the stack's parameter, else one found by name, else a new one."""
        label = "Smart Home skill" if self.api_name == "smartHome" else "custom skill"
        skill = known_id if known_id and known_id.startswith("amzn1.ask.skill.") else None
        skill = skill or self.smapi.find_skill(self.vendor, self.args.skill_name, self.api_name)
        if skill:
            report.step(label, "found")
            self.after_found(skill, report)
            return skill
        if self.args.dry_run:
            report.step(label, "created")
            return None
        skill = self.smapi.create_skill(self.vendor, self.manifest(endpoint=None))
        report.step(label, "created")
        self.after_found(skill, report)
        return skill

    def after_found(self, skill, report):
        pass

    def ensure_endpoint(self, skill, function, dry_run):
        """Points the skill at the function, once the stack's permission names the skill
        (the console refuses an endpoint whose permission lacks the skill id)."""
        current = self.smapi.manifest(skill)
        wanted = self.manifest(endpoint=function, base=current)
        if current == wanted:
            return "unchanged"
        if not dry_run:
            self.smapi.update_manifest(skill, wanted)
        return "set"


class SmartHome(Skill):
    api_name = "smartHome"

    def manifest(self, endpoint, base=None):
        locale = self.args.locale
        manifest = json.loads(json.dumps(base)) if base else {
            "manifestVersion": "1.0",
            "publishingInformation": {
                "locales": {locale: {
                    "name": self.args.skill_name,
                    "summary": "Your Home Assistant, from Alexa, in your own AWS account.",
                    "description": "Controls the devices of your Home Assistant through LEE, "
                                   "running in your own AWS account, without a cloud relay.",
                    "examplePhrases": ["Alexa, turn on the kitchen light"],
                    "keywords": ["home assistant"]}},
                "isAvailableWorldwide": False,
                "distributionCountries": [locale.split("-")[1]],
                "testingInstructions": "A private skill for its owner's home.",
                "category": "SMART_HOME"},
            "permissions": [{"name": "alexa::async_event:write"}],
        }
        apis = {"protocolVersion": "3"}
        if endpoint:
            apis["endpoint"] = {"uri": endpoint}
            apis["regions"] = {SMAPI_REGIONS[self.region]: {"endpoint": {"uri": endpoint}}}
        elif base:
            apis = base.get("apis", {}).get("smartHome", apis)
        manifest["apis"] = {"smartHome": apis}
        return manifest

    def linking_request(self, profile):
        """Account linking to Home Assistant (or, with the home link, to Login with Amazon
        and the owner's security profile, scope profile:user_id)."""
        if self.args.link_owner:
            return {"type": "AUTH_CODE", "authorizationUrl": LWA_AUTHORIZE,
                    "accessTokenUrl": LWA_TOKEN, "clientId": profile["client_id"],
                    "clientSecret": profile["client_secret"],
                    "accessTokenScheme": "REQUEST_BODY_CREDENTIALS",
                    "scopes": ["profile:user_id"], "domains": []}
        url = self.args.home_assistant_url
        return {"type": "AUTH_CODE", "authorizationUrl": url + "/auth/authorize",
                "accessTokenUrl": url + "/auth/token",
                "clientId": LINKING_CLIENT_IDS[self.region],
                # Home Assistant does not check it; SMAPI wants one.
                "clientSecret": "home-assistant-does-not-check-this",
                "accessTokenScheme": "REQUEST_BODY_CREDENTIALS", "scopes": ["smart_home"],
                "domains": []}


class Custom(Skill):
    """The Assist skill from skill-package/ (ASK CLI layout): manifest and 17 models."""
    api_name = "custom"

    def manifest(self, endpoint, base=None):
        with open(os.path.join(ROOT, "skill-package", "skill.json")) as f:
            manifest = json.load(f)["manifest"]
        for locale in manifest["publishingInformation"]["locales"].values():
            locale["name"] = self.args.skill_name
        custom = manifest.setdefault("apis", {}).setdefault("custom", {})
        if endpoint:
            custom["endpoint"] = {"uri": endpoint}
        else:
            custom.pop("endpoint", None)
            if base:
                custom.update({k: v for k, v in base.get("apis", {}).get("custom", {}).items()
                               if k == "endpoint"})
        return manifest

    def after_found(self, skill, report):
        changed = 0
        models = sorted(glob.glob(os.path.join(ROOT, "skill-package", "interactionModels",
                                               "custom", "*.json")))
        for path in models:
            locale = os.path.basename(path)[:-len(".json")]
            with open(path) as f:
                model = json.load(f)
            if self.smapi.interaction_model(skill, locale) != model:
                changed += 1
                if not self.args.dry_run:
                    self.smapi.set_interaction_model(skill, locale, model)
        report.step(f"{len(models)} interaction models", f"{changed} set" if changed else "unchanged")


def ensure_linking(smapi, skill, request, dry_run):
    current = smapi.account_linking(skill) or {}
    # SMAPI never returns the client secret: compare the rest.
    if all(current.get(k) == v for k, v in request.items() if k != "clientSecret"):
        return "unchanged"
    if not dry_run:
        smapi.set_account_linking(skill, request)
    return "set"


def bridge_settings(aws, outputs, args, report, custom_id):
    """The bridge's settings file with a key of the stack's bridge user (made once)."""
    user = outputs["BridgeUserName"]
    if os.path.exists(args.bridge_env):
        report.step(f"bridge settings {args.bridge_env}", "kept")
        return
    iam = aws.client("iam")
    if iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
        report.step(f"bridge key of {user}", "kept (its secret was shown once; delete "
                    "the key to have a new one written)")
        return
    if args.dry_run:
        report.step(f"bridge settings {args.bridge_env}", "written")
        return
    key = iam.create_access_key(UserName=user)["AccessKey"]
    lines = [
        "# lee-bridge's settings, written by scripts/deploy.sh: copy to /etc/lee-bridge.env (mode 600).",
        "HOME_ASSISTANT_URL=http://homeassistant.local:8123",
        "HOME_ASSISTANT_TOKEN=<a long-lived access token of a Home Assistant user>",
        f"LINK_QUEUE_URL={outputs['LinkQueueUrl']}", f"AWS_REGION={aws.region}",
        f"AWS_ACCESS_KEY_ID={key['AccessKeyId']}",
        f"AWS_SECRET_ACCESS_KEY={key['SecretAccessKey']}",
    ] + ([f"ALEXA_SKILL_ID={custom_id}"] if custom_id else [])
    descriptor = os.open(args.bridge_env, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as f:
        f.write("\n".join(lines) + "\n")
    report.step(f"bridge settings {args.bridge_env}", "written")


def print_what_is_left(args, outputs, push_secret, smart_home):
    steps = []
    if push_secret and outputs.get("FunctionUrl"):
        steps.append(
            "Copy home-assistant/lee_alexa_events.yaml to <config>/packages/ (with "
            "`homeassistant: packages: !include_dir_named packages` in configuration.yaml), add "
            "to <config>/secrets.yaml:\n"
            f"       lee_alexa_events_url: \"{outputs['FunctionUrl']}\"\n"
            f"       lee_alexa_events_authorization: \"Bearer {push_secret}\"\n"
            "     and restart Home Assistant.")
    if args.link_owner:
        steps.append(f"Put your Home Assistant URL and token in {args.bridge_env}, and run "
                     "lee-bridge in the home with it (README \"Without opening your home\"). "
                     "Your security profile's Allowed Return URLs must list the skill's "
                     "three redirect URLs (developer console, the skill's Account Linking page).")
    steps.append(f"In the Alexa app: Skills → Your Skills → Dev → \"{args.skill_name}\" → "
                 "Enable, and sign in to " + ("Amazon" if args.link_owner else "Home Assistant")
                 + "; then \"Alexa, discover devices\".")
    print("What is left for you:")
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {step}")
