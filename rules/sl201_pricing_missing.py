"""A shop or subscription site shows no price anywhere and has no pricing page.

## What it checks
Only on sites that sell: a shop (cart or checkout, an add-to-cart button,
schema.org Product/Offer) or a subscription (a price per month or year, a
free trial, plans, "cancel anytime"). Across every page crawled, is there a
visible amount that reads as a price, or a page classified as a pricing page
(or a link that names one and answers)? If neither, the site gets one
finding on its start URL, saying why it counts as a shop or subscription.
Amounts that are results rather than prices ("we saved the client $2M") do
not count as prices.

## Why it matters
What it costs is the first question a buyer has. A company that sells but
never says its prices makes people ask, or leave; many read it as a price
that would not survive being written down.

## How to fix
Publish prices: on the product pages, or on a pricing page linked from the
home page. If prices vary, give a starting price or a worked example.

## References
- EU Consumer Rights Directive 2011/83/EU, Article 6(1)(e) (total price before a contract)
- Nielsen Norman Group, "Pricing information is a top priority for users":
  https://www.nngroup.com/articles/show-price/
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.pricing import price_amounts
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

RULE_ID = "SL201"


def collect(page: Page, context: RuleContext) -> str:
    """The first amount on the page that reads as a price ("" when none)."""
    prices = price_amounts(page.visible_text_segments)
    return prices[0].text if prices else ""


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    kind = index.kind
    if kind.shop:
        why = f"the site sells online ({kind.shop} on {kind.shop_page})"
    elif kind.subscription:
        why = f"the site sells subscriptions ({kind.subscription} on {kind.subscription_page})"
    else:
        return
    pages = list(index.html_pages())
    # Without the collected fact (a page summarised elsewhere), any amount counts.
    if any(summary.facts.get(RULE_ID, summary.has_price) for summary in pages):
        return
    if index.page_of_kind(PageKind.PRICING):
        return
    yield Hit(
        "This site sells but shows no price on any page and has no pricing page.",
        evidence=f"{why}; {len(pages)} pages crawled, none shows a price and none is a "
        "pricing page",
    )


RULE = Rule(
    id=RULE_ID,
    name="pricing-missing",
    category=Category.PRICING,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    collect=collect,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": "<h1>Loopdesk</h1><p>The help desk for small teams.</p>"
                '<a class="button" href="/signup/">Start your free trial</a>'
                '<a href="/features/">Features</a>',
                "/features/": "<h1>Features</h1><p>Shared inbox, canned replies, reports.</p>",
                "/signup/": "<h1>Start your free trial</h1><form><label>Email "
                '<input type="email" name="email"></label><button>Start trial</button></form>',
            },
            note="a trial offer, no price anywhere, no pricing page",
        ),
        SiteExample(
            {
                "/": '<h1>Kettle &amp; Co</h1><a href="/teapot/">Stoneware teapot</a>',
                "/teapot/": '<h1>Stoneware teapot</h1><form action="/cart/add" method="post">'
                "<button>Add to cart</button></form>",
            },
            note="a shop with add-to-cart but no prices",
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<h1>Loopdesk</h1><a href="/signup/">Start your free trial</a>'
                '<a href="/pricing/">Pricing</a>',
                "/pricing/": "<h1>Pricing</h1><p>Team: $19/month per agent.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<h1>Kettle &amp; Co</h1><a href="/teapot/">Stoneware teapot</a>',
                "/teapot/": "<h1>Stoneware teapot</h1><p>$48.00</p>"
                '<form action="/cart/add" method="post"><button>Add to cart</button></form>',
            }
        ),
        SiteExample(
            {
                "/": "<h1>Brightsmile Dental</h1><p>Family dentistry in Madison.</p>"
                '<a href="/book/">Book an appointment</a>',
                "/book/": "<h1>Book an appointment</h1><form><label>Name "
                '<input name="name"></label><button>Request appointment</button></form>',
            },
            note="a clinic taking appointments is not a shop",
        ),
        SiteExample(
            {
                "/": "<h1>Support Notes</h1><p>Subscribe to our newsletter.</p>"
                '<a href="/notes/designing-trials/">How to design a free trial</a>',
                "/notes/designing-trials/": "<h1>How to design a free trial</h1><p>A free "
                "trial page works best when it is short and says what happens after it.</p>",
            },
            note="a newsletter and an article about trials: a content site",
        ),
    ),
)
