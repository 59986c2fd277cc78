"""A page has no link to the privacy policy.

## What it checks
Every HTML page except the privacy policy itself: does any link on it name a
privacy policy, by its text ("Privacy", "Privacy notice", "Datenschutz", ...)
or by its target's path (`/privacy-policy/`)? Pages without one are reported
one by one in JSON; human-facing reports group them by template.

## Why it matters
People decide whether to fill in a form or accept cookies on the page they
are on. The GDPR asks for the information to be "easily accessible", which in
practice means a link on every page, usually in the footer.

## How to fix
Add a "Privacy policy" link to the shared footer, including on landing pages
and checkout steps that use a reduced template.

## References
- GDPR Article 12(1): https://gdpr-info.eu/art-12-gdpr/
- CalOPPA (Cal. Bus. & Prof. Code 22575): a "conspicuously posted" policy link
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify import link_kind
from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind is PageKind.PRIVACY:
        return
    # From the end: the privacy link is usually in the footer, and whether
    # there is one does not depend on the order.
    for link in reversed(page.links):
        if link_kind(link.text, link.href if link.followable else "") is PageKind.PRIVACY:
            return
    yield Hit(
        "This page has no link to the privacy policy.",
        evidence=f"{len(page.links)} links on the page; none names a privacy policy",
    )


RULE = Rule(
    id="SL402",
    name="privacy-link-missing",
    category=Category.PRIVACY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            '<html lang="en"><body><h1>Spring sale</h1><a href="/shop/">Shop now</a></body></html>'
        ),
    ),
    good=(
        PageExample(
            '<html><body><footer><a href="/legal/privacy">Privacy</a></footer></body></html>'
        ),
        PageExample(
            '<html><body><footer><a href="/p/123">Privacy notice</a></footer></body></html>'
        ),
        PageExample(
            "<html><head><title>Privacy policy</title></head>"
            "<body><h1>Privacy policy</h1></body></html>",
            url="https://www.example.com/privacy/",
            note="the policy itself",
        ),
    ),
)
