"""A link to a contact, privacy, terms, returns or pricing page is broken.

## What it checks
Every in-scope link whose text or target names one of those pages
("Returns & refunds", "/privacy/", "Kontakt", ...) and whose target answers
4xx or 5xx. The finding is on the page that holds the link, with the link's
selector; the evidence gives the target and its status. Targets the crawl did
not read for content are checked with a HEAD request (GET when HEAD is not
allowed).

## Why it matters
These are the pages a hesitant customer opens before buying; a dead link at
exactly that moment reads as having something to hide.

## How to fix
Point the link at the live page, or restore the page at the old URL (or
redirect it).

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
        if broken.kind in TRUST_KINDS:
            yield Hit(
                f'The link "{broken.link.text}" to the {broken.kind.value} page is broken '
                f"(HTTP {broken.status}).",
                evidence=f"{broken.target} answers {broken.status}",
                selector=broken.link.selector,
                url=broken.page.url,
            )


RULE = Rule(
    id="SL605",
    name="trust-link-broken",
    category=Category.SECURITY,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(SiteExample({"/": '<footer><a href="/returns/">Returns &amp; refunds</a></footer>'}),),
    good=(
        SiteExample({"/": '<a href="/returns/">Returns</a>', "/returns/": "<h1>Returns</h1>"}),
        SiteExample(
            {"/": '<a href="/gallery/">Gallery</a>'}, note="broken, but not a trust page (SL606)"
        ),
    ),
)
