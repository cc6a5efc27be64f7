#!/usr/bin/env python3
"""Prints the doctor's report as a table, one check a line, each failure with its fix.

  doctor.py < REPORT.json                      a report the function already gave
  doctor.py --function NAME [--region REGION]  invokes the deployed function (boto3, the
                                               standard AWS credential chain)

Exits 1 when a check failed, 2 when there is no report."""
import argparse, json, sys


def invoke(function, region):
    import boto3  # only for a deployed function: the deploy venv has it

    client = boto3.client("lambda", region_name=region)
    answer = client.invoke(FunctionName=function, Payload=b'{"action":"doctor"}')
    body = answer["Payload"].read()
    if answer.get("FunctionError"):
        sys.exit(f"doctor: {function} failed: {body.decode(errors='replace')}")
    return json.loads(body)


def table(report):
    checks = report.get("checks") or []
    width = max((len(c.get("name", "")) for c in checks), default=4)
    for check in checks:
        mark = "ok  " if check.get("ok") else "FAIL"
        print(f"{mark} {check.get('name', ''):{width}}  {check.get('detail', '')}")
        if not check.get("ok") and check.get("fix"):
            print(f"     {'':{width}}  fix: {check['fix']}")
    failed = sum(1 for c in checks if not c.get("ok"))
    print(f"\n{len(checks) - failed} of {len(checks)} checks passed")
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--function")
    parser.add_argument("--region")
    args = parser.parse_args()
    try:
        report = invoke(args.function, args.region) if args.function else json.load(sys.stdin)
    except ValueError as error:
        sys.exit(f"doctor: no report ({error})")
    if "checks" not in report:
        print(f"doctor: not a doctor's report: {json.dumps(report)[:300]}", file=sys.stderr)
        sys.exit(2)
    sys.exit(1 if table(report) else 0)


if __name__ == "__main__":
    main()
