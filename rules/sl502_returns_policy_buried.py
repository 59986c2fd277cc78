"""The returns policy is hard to reach: deep in the site, or not linked where people buy.

## What it checks
On a shop or subscription site that has a returns, refund or withdrawal page
(SL501 covers the site that has none), two things, each its own finding:
- the click depth of the nearest returns page from the start page: deeper
  than 1 (not linked from the home page) fires, with the path of links that
  leads there;
- every product, cart and checkout page: does it link to a returns page
  (by its URL, or by a link named "Returns", "Widerrufsbelehrung", ...)? The
  pages that do not are listed.

Sites that sell nothing (a clinic's appointment cancellation policy) are
left alone.

## Why it matters
People check the returns policy while they decide: on the product page, in
the cart, at checkout. A policy that has to be searched for reads as a shop
hoping nobody asks. In the EU the trader must give the withdrawal
information before the consumer is bound, which in practice means at
checkout.

## How to fix
Link the returns policy from the footer of every page, including reduced
checkout templates, and mention the return window next to the price or the
"Buy" button.

## References
- EU Consumer Rights Directive 2011/83/EU, Article 6(1)(h) and Article 8(2)
- Baymard Institute, checkout usability: return policy visibility
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

MAX_DEPTH = 1
_BUYING_PAGES = (PageKind.PRODUCT, PageKind.CART, PageKind.CHECKOUT)
_MAX_LISTED = 5


def _returns_targets(index: SiteIndex) -> set[int]:
    """Ids of every returns page: crawled ones, and working link targets that name one."""
    targets = {index.id_for(s.url) for s in index.pages_of_kind(PageKind.RETURNS)}
    for _, link in index.links_by_kind(PageKind.RETURNS):
        if link.target in index.summaries:
            continue  # crawled, and classified as something else
        status = index.link_statuses.get(link.target)
        if status is not None and status < 400:
            targets.add(link.target)
    return targets


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    site = index.kind
    if not (site.shop or site.subscription):
        return
    targets = _returns_targets(index)
    if not targets:
        return
    limit = int(context.options.get("max_depth", MAX_DEPTH))
    depths = index.click_depths
    reachable = [(depths[t], index.urls[t]) for t in targets if t in depths]
    nearest_depth, nearest = min(reachable) if reachable else (None, index.urls[min(targets)])
    if nearest_depth is not None and nearest_depth > limit:
        yield Hit(
            f"The returns policy is {nearest_depth} clicks from the start page.",
            evidence=f"path: {index.describe_path(nearest)}",
        )
    missing = []
    for summary in index.pages_of_kind(*_BUYING_PAGES):
        links_to_returns = any(
            link.target in targets
            or (
                index.link_kind(link) is PageKind.RETURNS
                and (index.status_of(link.target) or 0) < 400
            )
            for link in summary.links
        )
        if not links_to_returns:
            missing.append(summary)
    if missing:
        listed = ", ".join(f"{s.url} ({s.kind.value})" for s in missing[:_MAX_LISTED])
        more = f" and {len(missing) - _MAX_LISTED} more" if len(missing) > _MAX_LISTED else ""
        where = f"depth {nearest_depth}" if nearest_depth is not None else "not reachable"
        if len(missing) == 1:
            message = f"A {missing[0].kind.value} page does not link to the returns policy."
        else:
            message = (
                f"{len(missing)} product, cart or checkout pages do not link to the returns policy."
            )
        yield Hit(
            message,
            evidence=f"no link to the returns policy on {listed}{more}; the policy is {nearest} "
            f"({where}, path: {index.describe_path(nearest) or nearest})",
        )


_PRODUCT = (
    '<h1>Trail tent</h1><p>$249.00</p><form action="/cart/add" method="post">'
    "<button>Add to cart</button></form>"
)

RULE = Rule(
    id="SL502",
    name="returns-policy-buried",
    category=Category.RETURNS,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    defaults={"max_depth": MAX_DEPTH},
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<a href="/tent/">Trail tent</a> <a href="/help/">Help</a>',
                "/tent/": _PRODUCT + '<a href="/returns/">Returns</a>',
                "/help/": '<h1>Help</h1><a href="/returns/">Returns</a>',
                "/returns/": "<h1>Returns &amp; refunds</h1><p>30 days, free.</p>",
            },
            note="two clicks deep",
        ),
        SiteExample(
            {
                "/": '<a href="/tent/">Trail tent</a>'
                '<footer><a href="/returns/">Returns</a></footer>',
                "/tent/": _PRODUCT + '<a href="/checkout/">Checkout</a>',
                "/checkout/": "<h1>Checkout</h1><p>Subtotal $249.00, shipping free.</p>",
                "/returns/": "<h1>Returns &amp; refunds</h1><p>30 days, free.</p>",
            },
            note="the product and checkout pages do not link to it",
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<a href="/tent/">Trail tent</a>'
                '<footer><a href="/returns/">Returns</a></footer>',
                "/tent/": _PRODUCT + '<footer><a href="/returns/">Returns</a></footer>',
                "/returns/": "<h1>Returns &amp; refunds</h1><p>30 days, free.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<a href="/visit/">Your visit</a>',
                "/visit/": '<h1>Your visit</h1><a href="/cancellation-policy/">Cancellations</a>',
                "/cancellation-policy/": "<h1>Cancellation policy</h1>"
                "<p>Please call us 24 hours ahead.</p>",
            },
            note="not a shop: an appointment cancellation policy two clicks deep",
        ),
    ),
)
