"""A high-demand message ("12 people are viewing this", "in 30 carts") pressures a purchase.

## What it checks
The visible text segments of every page, for claims that other shoppers want
the same thing right now (Mathur et al.'s "high-demand messages", and the
viewer counts that go with them):

- present viewers: "12 people are viewing this", "7 viewing this item",
  "41 currently viewing", "3 shoppers are looking at this right now";
- carts: "in 30 carts", "This tent is in 6 other carts", "12 shoppers have this in
  their basket", "In other users' carts";
- demand: "In high demand", "This item is in very high demand", a badge that
  just says "High demand".

A demand phrase fires as a badge, at the start of a sentence, or about the
product ("this item", "items in your cart"). Not a finding: "due to high
demand, deliveries take a day longer" (a service note), "supply and demand",
"on demand", negated uses ("not in high demand"), and "packed in 2 paper
bags". Past activity ("21 bought today") is SL705.

## Why it matters
Claims about other shoppers create competition that is rarely real: viewer
counts on many shops are random numbers generated in the browser.

## How to fix
Drop viewer and cart counters. If demand really affects delivery, say what it
means for the customer ("ships in 5 days").

## References
- Mathur et al., "Dark Patterns at Scale", CSCW 2019: https://webtransparency.cs.princeton.edu/dark-patterns/
- FTC, "Bringing Dark Patterns to Light" (2022): https://www.ftc.gov/reports/bringing-dark-patterns-light
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.darkpatterns import ClaimKind, evidence, page_claims, shorten
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

KINDS = frozenset({ClaimKind.HIGH_DEMAND})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for segment, claim in page_claims(page, KINDS):
        yield Hit(
            f'High-demand claim: "{shorten(claim.phrase, 80)}"',
            evidence=evidence(segment, claim),
            selector=segment.selector,
        )


RULE = Rule(
    id="SL704",
    name="high-demand-claim",
    category=Category.HONESTY,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample('<p class="viewers">12 people are viewing this right now</p>'),
        PageExample("<p>This jacket is in 30 carts</p>"),
        PageExample('<span class="badge">In high demand</span>'),
        PageExample("<p>4 other shoppers have this in their basket</p>"),
        PageExample("<p>3 Personen sehen sich diesen Artikel gerade an</p>", note="German"),
    ),
    good=(
        PageExample("<p>Due to high demand, deliveries take one extra day this week.</p>"),
        PageExample("<p>Prices follow supply and demand at the fish market.</p>"),
        PageExample("<p>Your order is packed in 2 paper bags.</p>"),
        PageExample("<p>Watch our 3-minute video on pitching the tent.</p>"),
        PageExample("<p>Films on demand for members.</p>"),
    ),
)
