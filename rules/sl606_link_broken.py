"""An in-scope link is broken.

## What it checks
Every in-scope link whose target answers 4xx or 5xx and that does not name a
contact, privacy, terms, returns or pricing page (those are SL605). The
finding is on the page that holds the link, with the link's selector; the
evidence gives the target and its status. Links to other sites are not
checked.

## Why it matters
Broken links are the most visible sign of a site nobody looks after, and
"gets the basics right" is half of why customers trust a company.

## How to fix
Fix or remove the link, or redirect the old URL to its replacement.

## References
- RFC 9110, section 15.5 (client error status codes)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.links import TRUST_KINDS, broken_links
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    for broken in broken_links(index):
        if broken.kind not in TRUST_KINDS:
            yield Hit(
                f'The link "{broken.link.text}" is broken (HTTP {broken.status}).',
                evidence=f"{broken.target} answers {broken.status}",
                selector=broken.link.selector,
                url=broken.page.url,
            )


RULE = Rule(
    id="SL606",
    name="link-broken",
    category=Category.SECURITY,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(SiteExample({"/": '<a href="/gallery/">Gallery</a>'}),),
    good=(
        SiteExample({"/": '<a href="/gallery/">Gallery</a>', "/gallery/": "<h1>Gallery</h1>"}),
        SiteExample(
            {"/": '<a href="/privacy/">Privacy</a>'}, note="a trust link: SL605 reports it"
        ),
    ),
)
