"""A low-stock message ("only 3 left in stock", "almost gone") pushes a quick purchase.

## What it checks
The visible text segments of every page, for Mathur et al.'s "low-stock
messages":

- a count of what is left: "Only 3 left in stock", "Just 2 pairs left",
  "(Only 4 left)", "We only have 6 left", "Only 1 left in your size", a badge
  that is just "3 left", "92% of vouchers claimed";
- a stock phrase: "low stock", "low in stock", "almost gone", "almost sold
  out", "selling fast", "limited quantity", "only a few left".

A count needs a qualifier ("only", "just", "less than"), a stock unit ("items",
"pairs", "pcs") or stock words around it ("in stock", "at this price"), or to
stand alone as a badge. Not a finding: "only 3 branches left open on Sundays"
(branches are not stock), "in stock", "out of stock", "sold out", "turn left",
"3 days left" (a deadline, SL702), and negated uses ("not selling fast").

## Why it matters
Scarcity claims make people buy before they compare, and shops rarely back
them: Mathur et al. found sites that showed "only N left" for items with
plenty of stock, or a random N on every visit.

## How to fix
Show stock only when it is true and useful ("In stock", "Ships in 3 days").
If you show a low count, make it the real inventory, not a constant or a
random number.

## References
- Mathur et al., "Dark Patterns at Scale", CSCW 2019: https://webtransparency.cs.princeton.edu/dark-patterns/
- EU Directive 2005/29/EC, Annex I item 7: https://eur-lex.europa.eu/eli/dir/2005/29/oj
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.darkpatterns import ClaimKind, evidence, page_claims, shorten
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

KINDS = frozenset({ClaimKind.LOW_STOCK})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for segment, claim in page_claims(page, KINDS):
        yield Hit(
            f'Low-stock claim: "{shorten(claim.phrase, 80)}"',
            evidence=evidence(segment, claim),
            selector=segment.selector,
        )


RULE = Rule(
    id="SL703",
    name="low-stock-claim",
    category=Category.HONESTY,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample('<p class="stock">Only 3 left in stock - order soon.</p>'),
        PageExample('<span class="badge">Almost gone!</span>'),
        PageExample("<p>Hurry, just 2 pairs left in your size</p>"),
        PageExample("<div>Selling fast</div>"),
        PageExample('<span class="qty">4 left</span>'),
        PageExample("<p>Nur noch 2 Stück auf Lager</p>", note="German"),
    ),
    good=(
        PageExample("<p>Only 3 branches left open on Sundays, see the list below.</p>"),
        PageExample('<p class="stock">In stock</p><p>Out of stock in this colour</p>'),
        PageExample("<p>Turn left after the bridge; the shop is 3 doors down.</p>"),
        PageExample("<p>Only 2 days left to order for delivery before Christmas.</p>"),
        PageExample("<p>Our tents are not selling fast, and that is fine with us.</p>"),
        PageExample("<p>Sold out. Sign up to hear when it is back in stock.</p>"),
    ),
)
