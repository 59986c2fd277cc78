"""An activity notification ("Anna from Berlin just bought") uses other shoppers as pressure.

## What it checks
The visible text segments of every page, for Mathur et al.'s "activity
notifications", messages about what other visitors just did:

- a named or anonymous buyer: "Anna from Berlin just bought", "Someone in
  Leeds purchased a Trail Tent", "Priya K. purchased", "Sam bought this 10
  minutes ago", "This was viewed 40 seconds ago by someone from Leeds";
- a count of recent activity: "5 people signed up in the last hour",
  "33 bought in the last 3 days", "Viewed 312 times today",
  "8 recently purchased it", "57 people have viewed this tent",
  "23 added to basket in the past 12 hours".

Not a finding: a buyer in the first or second person ("you purchased this 3
days ago" is an order history), a conditional ("if someone purchased a gift
for you"), "Customers also viewed", "Frequently bought together", "Recently
viewed (3)", "sold out", a static total without a time ("Over 10,000
customers have bought from us"), return windows ("items bought in the last 30
days"), and catalogue news ("12 styles added today").

## Why it matters
Social proof is persuasive exactly because shoppers cannot check it, and
activity pop-ups are often generated: Mathur et al. found sites that showed
the same "recent" purchases on a loop.

## How to fix
Remove purchase pop-ups and live counters. Real reviews, with their dates,
give shoppers social proof they can check.

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

KINDS = frozenset({ClaimKind.ACTIVITY})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for segment, claim in page_claims(page, KINDS):
        yield Hit(
            f'Activity notification: "{shorten(claim.phrase, 80)}"',
            evidence=evidence(segment, claim),
            selector=segment.selector,
        )


RULE = Rule(
    id="SL705",
    name="activity-notification",
    category=Category.HONESTY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample('<div class="toast">Anna from Berlin just bought a Cedar Ridge tent</div>'),
        PageExample("<p>5 people signed up in the last hour</p>"),
        PageExample("<p>Someone in Leeds purchased Trail Socks about 12 minutes ago</p>"),
        PageExample("<p>Viewed 312 times today</p>"),
        PageExample("<p>27 Personen haben diesen Artikel heute gekauft</p>", note="German"),
    ),
    good=(
        PageExample("<h2>Customers also viewed</h2><h2>Frequently bought together</h2>"),
        PageExample("<p>You purchased this item 3 days ago. Track your order.</p>"),
        PageExample("<p>Items bought in the last 30 days can be returned for free.</p>"),
        PageExample("<p>Over 10,000 customers have bought from us since 2009.</p>"),
        PageExample("<p>If someone purchased a gift for you, you can exchange it.</p>"),
        PageExample("<p>12 new styles added today</p>"),
    ),
)
