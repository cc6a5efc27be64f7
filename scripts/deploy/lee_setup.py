#!/usr/bin/env python3
"""LEE's setup command (scripts/deploy.sh): from a Home Assistant URL to a working Smart
Home skill in one run. Idempotent: a re-run updates what changed and duplicates nothing.
--dry-run reads what exists and prints the plan without changing anything."""
import argparse
import os
import secrets
import sys
import time

import skills
from smapi import Smapi, SmapiError, browser_login, load_profile, save_profile
from stack import ROOT, Aws, AwsError

# Where Alexa calls a skill's function for each locale (Amazon's "Develop Smart Home
# Skills for Multiple Languages"; Home Assistant's alexa integration maps its event
# endpoints the same way): North America us-east-1, Europe and India eu-west-1, the Far
# East and Australia us-west-2.
LOCALE_REGIONS = {
    "us-east-1": ["en-US", "en-CA", "fr-CA", "es-MX", "es-US", "pt-BR"],
    "eu-west-1": ["en-GB", "en-IN", "hi-IN", "de-DE", "fr-FR", "it-IT", "es-ES", "nl-NL",
                  "ar-SA"],
    "us-west-2": ["ja-JP", "en-AU"],
}
PUSH_SECRET_BYTES = 32


def region_of(locale):
    for region, locales in LOCALE_REGIONS.items():
        if locale in locales:
            return region
    known = "; ".join(f"{r}: {', '.join(ls)}" for r, ls in LOCALE_REGIONS.items())
    sys.exit(f"setup: no Alexa region serves locale {locale!r} ({known})")


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home-assistant-url", help="how Alexa reaches Home Assistant "
                        "(https on 443); not with --link-owner")
    parser.add_argument("--link-owner", metavar="AMAZON_ACCOUNT_ID",
                        help="the home link instead: amzn1.account.… allowed to use the skill")
    parser.add_argument("--locale", default="en-US", help="the Alexa locale (picks the region)")
    parser.add_argument("--stack-name", default="lee")
    parser.add_argument("--skill-name", default="Home Assistant (LEE)")
    parser.add_argument("--custom-skill", action="store_true",
                        help="also the custom skill (Assist), its 17 interaction models")
    parser.add_argument("--no-events", action="store_true", help="no proactive events")
    parser.add_argument("--zip", default=os.path.join(ROOT, "dist", "lee-swift.zip"))
    parser.add_argument("--bridge-env", default="lee-bridge.env",
                        help="where link mode writes the bridge's settings (mode 600)")
    parser.add_argument("--refresh-token", help="a Login with Amazon refresh token for the "
                        "security profile (else the browser login, or the one kept before)")
    parser.add_argument("--lwa-client-id")
    parser.add_argument("--lwa-client-secret")
    parser.add_argument("--parameter", action="append", default=[], metavar="KEY=VALUE",
                        help="any other template parameter (AlarmEmail=…, ExcludeDomains=…); "
                        "kept on later runs")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    for parameter in args.parameter:
        if "=" not in parameter:
            parser.error(f"--parameter {parameter!r}: expected KEY=VALUE")
    if bool(args.home_assistant_url) == bool(args.link_owner):
        parser.error("give --home-assistant-url, or --link-owner for the home link")
    if args.home_assistant_url:
        args.home_assistant_url = args.home_assistant_url.rstrip("/")
        if not args.home_assistant_url.startswith("https://"):
            parser.error("account linking needs https:// on port 443 (or use --link-owner)")
    return args


def smapi_profile(args):
    profile = load_profile()
    for key, value in (("client_id", args.lwa_client_id),
                       ("client_secret", args.lwa_client_secret),
                       ("refresh_token", args.refresh_token)):
        if value:
            profile[key] = value
    if not profile.get("client_id") or not profile.get("client_secret"):
        sys.exit("setup: SMAPI needs your Login with Amazon security profile once: "
                 "--lwa-client-id and --lwa-client-secret (README \"Deploy\" gives the clicks)")
    if not profile.get("refresh_token"):
        profile["refresh_token"] = browser_login(profile["client_id"], profile["client_secret"])
    if not args.dry_run:
        save_profile(profile)
    return profile


class Report:
    """One line per step: what it did (or would do, with --dry-run)."""

    def __init__(self, dry_run):
        self.dry_run = dry_run
        self.started = time.monotonic()
        self.changes = 0

    def step(self, what, outcome):
        if outcome not in ("unchanged", "found", "read", "kept"):
            self.changes += 1
        prefix = "would be " if self.dry_run and outcome not in (
            "unchanged", "found", "read", "kept") else ""
        print(f"  {what:34} {prefix}{outcome}", flush=True)


def main():
    args = arguments()
    region = region_of(args.locale)
    report = Report(args.dry_run)
    print(f"setup: {args.locale} is served from {region}"
          + (" (dry run: nothing is changed)" if args.dry_run else ""))
    aws = Aws(region)
    account = aws.account()
    report.step(f"AWS account {account}", "read")
    profile = smapi_profile(args)
    api = Smapi(profile)
    vendor = api.vendor_id()
    report.step("Alexa developer account", "found")
    existing = aws.stack(args.stack_name)
    current = {p["ParameterKey"]: p.get("ParameterValue")
               for p in (existing or {}).get("Parameters", [])}

    smart_home = skills.SmartHome(api, vendor, args, region)
    skill_id = smart_home.ensure(current.get("SmartHomeSkillId"), report)
    made = [("Smart Home", skill_id, smart_home)]  # (name, id or None in a dry run, skill)
    custom_id = None
    if args.custom_skill:
        custom = skills.Custom(api, vendor, args, region)
        custom_id = custom.ensure(current.get("CustomSkillId"), report)
        made.append(("custom skill", custom_id, custom))
    linking = smart_home.linking_request(profile)
    for name, skill, _ in made:
        if skill:
            report.step(f"{name} account linking", skills.ensure_linking(api, skill, linking,
                                                                         args.dry_run))

    prefix = f"/{args.stack_name}"
    parameters = {"TokenParameterPrefix": prefix, "SmartHomeSkillId": skill_id or "PENDING"}
    if args.home_assistant_url:
        parameters["HomeAssistantUrl"] = args.home_assistant_url
    else:
        parameters["LinkOwnerId"] = args.link_owner
    if custom_id:
        parameters["CustomSkillId"] = custom_id
    parameters.update(parameter.split("=", 1) for parameter in args.parameter)
    token = os.environ.get("HOME_ASSISTANT_TOKEN")
    if token and args.home_assistant_url:
        report.step(f"{prefix}/HOME_ASSISTANT_TOKEN",
                    aws.put_secret(f"{prefix}/HOME_ASSISTANT_TOKEN", token, args.dry_run))
    push_secret = None
    if not args.no_events and skill_id:
        credentials = api.messaging_credentials(skill_id)
        if credentials.get("clientId"):
            parameters["AlexaClientId"] = credentials["clientId"]
            report.step(f"{prefix}/ALEXA_CLIENT_SECRET", aws.put_secret(
                f"{prefix}/ALEXA_CLIENT_SECRET", credentials["clientSecret"], args.dry_run))
            push_secret = aws.parameter(f"{prefix}/HOME_ASSISTANT_PUSH_SECRET")
            if push_secret is None:
                push_secret = secrets.token_urlsafe(PUSH_SECRET_BYTES)
            report.step(f"{prefix}/HOME_ASSISTANT_PUSH_SECRET", aws.put_secret(
                f"{prefix}/HOME_ASSISTANT_PUSH_SECRET", push_secret, args.dry_run))
            cap, limit = aws.push_concurrency_cap(int(current.get("PushConcurrencyCap") or -1))
            parameters["PushConcurrencyCap"] = cap
            report.step(f"push concurrency (limit {limit})",
                        "unchanged" if str(cap) == current.get("PushConcurrencyCap") else
                        f"capped at {cap}" if cap > 0 else "not capped")
        else:
            report.step("skill messaging credentials", "not yet issued: events off")

    if not os.path.exists(args.zip):
        sys.exit(f"setup: no {args.zip}: build it first with scripts/package.sh")
    bucket, key, uploaded = aws.upload(args.zip, account, args.dry_run)
    report.step(f"s3://{bucket}/{key[:24]}…", uploaded)
    template = aws.translated(bucket, key)
    report.step(f"stack {args.stack_name}",
                aws.deploy(args.stack_name, template, parameters, args.dry_run))
    outputs = aws.outputs(args.stack_name)
    function = outputs.get("FunctionArn")
    for name, skill, kind in made:
        if skill and function:
            report.step(f"{name} endpoint", kind.ensure_endpoint(skill, function, args.dry_run))
        elif skill:
            report.step(f"{name} endpoint", "set after the stack exists")
    if args.link_owner and outputs.get("BridgeUserName"):
        skills.bridge_settings(aws, outputs, args, report, custom_id)

    print(f"setup: {'planned' if args.dry_run else 'done'} in "
          f"{time.monotonic() - report.started:.1f} s, {report.changes} change(s)")
    if not args.dry_run:
        skills.print_what_is_left(args, outputs, push_secret, smart_home)


if __name__ == "__main__":
    try:
        main()
    except (AwsError, SmapiError) as error:
        sys.exit(f"setup: {error}")
