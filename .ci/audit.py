"""Read pip-audit's JSON report on standard input and decide what CI does with it.

Any known vulnerability in a pinned dependency fails the run, naming the package, the
advisory and the fixed versions. A package the auditor could not check (its vulnerability
service was out of reach) is listed as a warning rather than counted as safe, because
pip-audit on its own reports "no known vulnerabilities" when it checked nothing. Set
SELFASSESS_AUDIT_STRICT=1 to fail on unchecked packages too, where the service is reachable.
"""

import json
import os
import sys


def main() -> int:
    report = json.load(sys.stdin)
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    unchecked = [d for d in dependencies if d.get("skip_reason")]
    checked = len(dependencies) - len(unchecked)
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(
                f"VULNERABLE {dependency['name']} {dependency.get('version', '')}: "
                f"{vuln.get('id')} (fixed in {fixed})"
            )
    print(
        f"dependency audit: {len(dependencies)} pinned packages, {checked} checked, "
        f"{len(vulnerable)} with known vulnerabilities, {len(unchecked)} could not be checked"
    )
    if unchecked:
        print(
            "WARNING: the vulnerability service could not be reached for "
            + ", ".join(d["name"] for d in unchecked)
        )
    if vulnerable:
        return 1
    if unchecked and os.environ.get("SELFASSESS_AUDIT_STRICT") == "1":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
