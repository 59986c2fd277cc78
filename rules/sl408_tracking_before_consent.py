"""The page calls trackers or sets third-party cookies before any consent.

## What it checks
Render mode: the page is loaded in a fresh browser context and nothing is
clicked. Any request to a known tracker or ad host (a shipped list, plus
`[render] tracker_hosts`), or any cookie set for another site, happened
before the visitor could consent. The evidence lists the hosts and cookies.

## Why it matters
The ePrivacy Directive (Article 5(3)) and the GDPR require consent before
non-essential tracking. Tracking that starts before the banner is answered
makes the banner meaningless, and it is the most common finding of
regulators' cookie sweeps.

## How to fix
Load analytics and ad scripts only after consent (through the consent
platform's blocking, or Google Consent Mode with tags held back), and set no
third-party cookies before it.

## References
- Directive 2002/58/EC (ePrivacy), Article 5(3)
- CJEU, C-673/17 Planet49 (2019)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.render.renderer import is_tracker
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.render is None:
        return
    extra = frozenset(h.lower() for h in context.options.get("tracker_hosts", ()))
    tracker_hosts = sorted({r.host for r in page.render.requests if is_tracker(r.host, extra)})
    third_party = sorted({f"{c.name} ({c.domain})" for c in page.render.cookies if c.third_party})
    if not tracker_hosts and not third_party:
        return
    parts = []
    if tracker_hosts:
        parts.append("requests to " + ", ".join(tracker_hosts[:10]))
    if third_party:
        parts.append("third-party cookies " + ", ".join(third_party[:10]))
    yield Hit(
        "The page tracks visitors before they could consent.",
        evidence="before any consent click: " + "; ".join(parts),
    )


RULE = Rule(
    id="SL408",
    name="tracking-before-consent",
    category=Category.PRIVACY,
    severity=Severity.ERROR,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    needs_render=True,
    defaults={"tracker_hosts": ()},
    bad=(
        PageExample(
            '<html><head><script src="https://www.google-analytics.com/analytics.js"></script>'
            "</head><body><h1>Hello</h1></body></html>"
        ),
    ),
    good=(PageExample("<html><body><h1>Hello</h1><script>var local = 1;</script></body></html>"),),
)
