"""No terms of service or terms and conditions.

## What it checks
Whether any page is classified as terms: "Terms of service", "Terms and
conditions", "Terms of use", "AGB", ... (by URL, title, heading or the text
of links to it).

## Why it matters
Terms say what a customer agrees to: payment, delivery, liability, how
disputes are settled. Without them a customer cannot know their position,
and a careful one will not buy.

## How to fix
Publish terms in plain language and link them from the footer and from every
place where a customer enters into a contract (checkout, sign-up).

## References
- EU Directive 2000/31/EC (e-Commerce Directive), Article 10(3)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    pages = list(index.html_pages())
    if not pages or index.page_of_kind(PageKind.TERMS):
        return
    yield Hit(
        "The site has no terms of service or terms and conditions.",
        evidence=f"{len(pages)} pages crawled; none is a terms page and no link names one",
    )


RULE = Rule(
    id="SL505",
    name="terms-missing",
    category=Category.RETURNS,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {"/": '<a href="/privacy/">Privacy</a>', "/privacy/": "<h1>Privacy policy</h1>"}
        ),
    ),
    good=(
        SiteExample({"/": '<a href="/terms/">Terms of service</a>', "/terms/": "<h1>Terms</h1>"}),
        SiteExample(
            {"/": '<a href="/agb/">AGB</a>', "/agb/": "<h1>Allgemeine Geschäftsbedingungen</h1>"}
        ),
    ),
)
