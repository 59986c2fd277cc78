"""The site has no valid /.well-known/security.txt.

## What it checks
For each start origin, the `/.well-known/security.txt` the crawler fetched
(RFC 9116): is it missing (4xx/5xx, or an HTML page answering 200), does
it lack a `Contact:` field, or is its `Expires:` field missing, unreadable
or in the past on the scan date? One finding per origin, with the problem
in the evidence. A PGP-signed file is read the same way. This is a
transport rule: loopback, `localhost` and private-network hosts are
skipped unless `[rules] check_transport_on_local = true`.

## Why it matters
A researcher who finds a hole in the site needs to know whom to tell. With
no security.txt the report goes to a sales inbox, a social network, or
nowhere; an expired one tells them nobody looks after it.

## How to fix
Publish `/.well-known/security.txt` as `text/plain` with at least
`Contact: mailto:security@example.com` and `Expires:` a date less than a
year ahead (for example `Expires: 2027-06-30T23:00:00Z`), and renew it
before it expires.

## References
- RFC 9116, A File Format to Aid in Security Vulnerability Disclosure
- https://securitytxt.org/
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

from sitelint.hosts import is_local_url
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

_FIELD = re.compile(r"^\s*([A-Za-z][A-Za-z-]*)\s*:\s*(.*?)\s*$")


def fields(text: str) -> dict[str, list[str]]:
    """RFC 9116 fields by lower-cased name; comments and PGP armour skipped."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith(("#", "-----")) or line.lower().startswith("hash:"):
            continue
        match = _FIELD.match(line)
        if match:
            found.setdefault(match.group(1).lower(), []).append(match.group(2))
    return found


def expiry(value: str) -> date | None:
    """The date of an RFC 3339 timestamp such as 2027-10-31T23:59:00Z, or None."""
    try:
        return datetime.fromisoformat(value.strip().replace("z", "Z")).date()
    except ValueError:
        return None


def problem(status: int | None, text: str, scan_date: date) -> str | None:
    """What is wrong with a fetched security.txt, or None if it is valid."""
    if status is None:
        return None  # no answer at all: no verdict
    if status >= 400:
        return f"/.well-known/security.txt answers {status}"
    if not text.strip():
        return "/.well-known/security.txt answers with no plain-text content"
    parsed = fields(text)
    if not parsed.get("contact"):
        return "security.txt has no Contact: field"
    expires = parsed.get("expires")
    if not expires:
        return "security.txt has no Expires: field (required by RFC 9116)"
    when = expiry(expires[0])
    if when is None:
        return f'security.txt has an unreadable Expires: "{expires[0]}"'
    if when < scan_date:
        return f"security.txt expired on {when.isoformat()} (Expires: {expires[0]})"
    return None


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    for origin, (status, text) in index.security_txt.items():
        if not context.check_transport_on_local and is_local_url(origin):
            continue
        found = problem(status, text, context.scan_date)
        if found:
            yield Hit(
                f"{origin} has no valid security.txt.",
                evidence=f"{origin}/.well-known/security.txt: {found}",
            )


RULE = Rule(
    id="SL604",
    name="security-txt-missing",
    category=Category.SECURITY,
    severity=Severity.INFO,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample({"/": "<h1>Acme</h1>"}, note="no security.txt at all"),
        SiteExample(
            {
                "/": "<h1>Acme</h1>",
                "/.well-known/security.txt": "Contact: mailto:security@example.com\n"
                "Expires: 2025-12-31T23:00:00Z\n",
            },
            note="expired before the scan",
        ),
        SiteExample(
            {
                "/": "<h1>Acme</h1>",
                "/.well-known/security.txt": "# Report issues to our team\n"
                "Expires: 2027-03-31T23:00:00Z\nPreferred-Languages: en\n",
            },
            note="no Contact:",
        ),
    ),
    good=(
        SiteExample(
            {
                "/": "<h1>Acme</h1>",
                "/.well-known/security.txt": "Contact: mailto:security@example.com\n"
                "Contact: https://example.com/security\n"
                "Expires: 2027-03-31T23:00:00Z\nPreferred-Languages: en, de\n",
            }
        ),
        SiteExample({"/": "<h1>Staging</h1>"}, start="https://127.0.0.1:8443/", note="local"),
    ),
)
