"""No privacy policy anywhere on the site.

## What it checks
Whether any crawled page is classified as a privacy policy (by its URL, its
title or heading, or the text of links to it, in every supported language:
"Privacy policy", "Privacy notice", "Datenschutzerklärung", ...). A linked
policy the crawl did not reach because of a page limit still counts when its
URL answers.

## Why it matters
Almost every site collects personal data (forms, analytics, cookies). The
GDPR (Articles 12-14) and laws such as the CCPA require telling people what
is collected and why; a missing policy is both a legal gap and a reason for
customers to leave.

## How to fix
Publish a privacy policy in plain language and link it from the footer of
every page.

## References
- GDPR Articles 12-14: https://gdpr-info.eu/art-13-gdpr/
- California Consumer Privacy Act, Cal. Civ. Code 1798.130
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    pages = list(index.html_pages())
    if not pages or index.page_of_kind(PageKind.PRIVACY):
        return
    yield Hit(
        "The site has no privacy policy.",
        evidence=f"{len(pages)} pages crawled; none is a privacy policy and no link names one",
    )


RULE = Rule(
    id="SL401",
    name="privacy-policy-missing",
    category=Category.PRIVACY,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<a href="/about/">About</a><a href="/terms/">Terms</a>',
                "/about/": "<h1>About us</h1>",
                "/terms/": "<h1>Terms of service</h1>",
            }
        ),
    ),
    good=(
        SiteExample(
            {"/": '<a href="/privacy/">Privacy policy</a>', "/privacy/": "<h1>Privacy policy</h1>"}
        ),
        SiteExample(
            {
                "/": '<a href="/datenschutz/">Datenschutz</a>',
                "/datenschutz/": "<h1>Datenschutzerklärung</h1>",
            },
            note="German",
        ),
    ),
)
