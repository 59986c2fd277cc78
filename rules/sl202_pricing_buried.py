"""The pricing page is more than one click from the start page.

## What it checks
The click depth (shortest chain of links from the start page) of the
nearest page classified as a pricing page ("Pricing", "Plans", "Preise",
`/pricing/`, ...). When it is deeper than 1 (not the home page and not
linked from it), the site gets one finding on its start URL with the depth
and the path of links that leads there. A pricing page the crawl found only
through a sitemap, linked from no page, is reported too.

## Why it matters
People who are ready to buy look for the price first, and look for it on
the home page, in the header or footer. A pricing page two clicks deep is
one most visitors never find, and a company that makes prices hard to find
reads as one that would rather not show them.

## How to fix
Link the pricing page from the home page, ideally from the header
navigation or the footer of every page.

## References
- Nielsen Norman Group, "Pricing information is a top priority for users":
  https://www.nngroup.com/articles/show-price/
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

MAX_DEPTH = 1


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    limit = int(context.options.get("max_depth", MAX_DEPTH))
    pricing = index.page_of_kind(PageKind.PRICING)
    if pricing is None:
        return
    depth = index.click_depth(pricing)
    if depth is None:
        yield Hit(
            "The pricing page is not linked from any page the crawl reached.",
            evidence=f"{pricing} was found, but no crawled page links to it",
        )
        return
    if depth <= limit:
        return
    yield Hit(
        f"The pricing page is {depth} clicks from the start page.",
        evidence=f"path: {index.describe_path(pricing)}",
    )


RULE = Rule(
    id="SL202",
    name="pricing-buried",
    category=Category.PRICING,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    defaults={"max_depth": MAX_DEPTH},
    bad=(
        SiteExample(
            {
                "/": '<h1>Loopdesk</h1><a href="/features/">Features</a>',
                "/features/": '<h1>Features</h1><footer><a href="/pricing/">Pricing</a></footer>',
                "/pricing/": "<h1>Pricing</h1><p>Team: $19/month per agent.</p>",
            },
            note="pricing is linked only from the features page's footer",
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<h1>Loopdesk</h1><footer><a href="/pricing/">Pricing</a></footer>',
                "/pricing/": "<h1>Pricing</h1><p>Team: $19/month per agent.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<h1>Loopdesk</h1><a href="/features/">Features</a>',
                "/features/": "<h1>Features</h1><p>Shared inbox and reports.</p>",
            },
            note="no pricing page at all (SL201's concern, not this rule's)",
        ),
    ),
)
