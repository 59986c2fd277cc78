"""A URL in scope could not be fetched.

## What it checks
Every in-scope URL the crawl tried: a network error, a timeout, a redirect
loop, or a 5xx status after the retries is a finding on that URL. The
evidence names the error and a page that links to it.

## Why it matters
A page that fails for the crawler fails for customers too, and nothing else
on it can be checked: sitelint reports the failure instead of silently
skipping the page.

## How to fix
Open the URL; fix the server error, the redirect loop or the timeout. If the
page is meant to be gone, remove the links to it.

## References
- RFC 9110, section 15.6 (server error status codes)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex


def _linked_from(index: SiteIndex, url_id: int) -> str | None:
    for summary in index.html_pages():
        if any(link.target == url_id for link in summary.links):
            return summary.url
    return None


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    for url_id, summary in index.summaries.items():
        failed = summary.error is not None or (summary.status or 0) >= 500
        if not failed:
            continue
        reason = summary.error or f"HTTP {summary.status}"
        source = _linked_from(index, url_id)
        evidence = reason + (f"; linked from {source}" if source else "")
        yield Hit(f"Could not fetch this page: {reason}", evidence=evidence, url=summary.url)


RULE = Rule(
    id="SL001",
    name="fetch-failed",
    category=Category.ENGINE,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {"/": '<a href="/broken">Status</a>', "/broken": "!500"},
            note="a linked page answers 500 on every try",
        ),
    ),
    good=(SiteExample({"/": '<a href="/about/">About</a>', "/about/": "<h1>About</h1>"}),),
)
