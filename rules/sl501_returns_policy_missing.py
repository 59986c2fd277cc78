"""A shop with no returns, refund or withdrawal policy.

## What it checks
Only on sites that sell goods (a cart or checkout page, an add-to-cart
button, or schema.org Product/Offer data): is any page classified as a
returns, refund or withdrawal page ("Returns & refunds", "Refund policy",
"Widerrufsbelehrung", ...)? The evidence says why the site counts as a shop.

## Why it matters
Whether a purchase can be undone is one of the first things an online buyer
checks. In the EU a trader must tell consumers about their 14-day right of
withdrawal before the contract; elsewhere a clear policy is what separates a
shop people trust from one they do not.

## How to fix
Publish a returns and refunds page (the window, the condition of goods, who
pays for return shipping, how refunds are paid) and link it from the footer,
product pages and checkout.

## References
- EU Consumer Rights Directive 2011/83/EU, Articles 6(1)(h) and 9
- US FTC, "Shopping Online": https://consumer.ftc.gov/articles/shopping-online
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

_PRODUCT = (
    '<h1>Trail tent</h1><p>$249.00</p><form action="/cart/add" method="post">'
    "<button>Add to cart</button></form>"
)


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    shop = index.kind.shop
    if not shop or index.page_of_kind(PageKind.RETURNS):
        return
    yield Hit(
        "This shop has no returns or refund policy.",
        evidence=f"the site sells online ({shop} on {index.kind.shop_page}); no page is a returns, "
        "refund or withdrawal policy and no link names one",
    )


RULE = Rule(
    id="SL501",
    name="returns-policy-missing",
    category=Category.RETURNS,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    bad=(SiteExample({"/": '<a href="/tent/">Trail tent</a>', "/tent/": _PRODUCT}),),
    good=(
        SiteExample(
            {
                "/": '<a href="/tent/">Trail tent</a>'
                '<footer><a href="/returns/">Returns</a></footer>',
                "/tent/": _PRODUCT,
                "/returns/": "<h1>Returns &amp; refunds</h1><p>30 days, free.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<a href="/book/">Book an appointment</a>',
                "/book/": "<h1>Book</h1><form></form>",
            },
            note="not a shop",
        ),
    ),
)
