"""A vague limited-time message ("hurry", "today only", "last chance") pushes a quick decision.

## What it checks
The visible text segments of every page, for Mathur et al.'s "limited-time
messages": urgency without a date a shopper could check. Two kinds of phrase:

- vague deadlines: "limited time only", "for a limited time", "today only",
  "last chance", "offer ends soon", "ending soon", "time is running out",
  "only 2 days left", "sale extended";
- imperatives of urgency: "Hurry!", "Hurry up", "Act now", "Don't miss out".
  They count at the start of a clause or before "!", and only when the same
  text makes no other dark-pattern claim: in "Hurry! Only 2 left" the
  stock claim is the finding (SL703), "Hurry" is its emphasis.

Not a finding: a negated use ("no need to hurry", "this is not a limited time
offer"), an unrelated one ("in a hurry? choose express delivery", "quick view",
"the Clean Air Act now requires"), and a text that carries a countdown, which
SL701 reports. Phrases come from `darkpatterns_limited_time` and
`darkpatterns_urgency_imperatives` in each language's darkpatterns.toml.

## Why it matters
A deadline the shopper cannot check makes them decide before comparing. It is
cheap to claim and rarely true: Mathur et al. found most limited-time messages
on shopping sites stated no deadline at all.

## How to fix
State the real end of an offer as a date ("Offer valid until 31 May"), or
leave the offer to speak for itself.

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

KINDS = frozenset({ClaimKind.LIMITED_TIME, ClaimKind.URGENCY_IMPERATIVE})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for segment, claim in page_claims(page, KINDS):
        yield Hit(
            f'Limited-time pressure without a deadline: "{shorten(claim.phrase, 80)}"',
            evidence=evidence(segment, claim),
            selector=segment.selector,
        )


RULE = Rule(
    id="SL702",
    name="limited-time-pressure",
    category=Category.HONESTY,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample("<p>Limited time only: free shipping on every order!</p>"),
        PageExample("<h2>Hurry! The summer collection is 30% off</h2>"),
        PageExample("<p>Last chance to get the winter duvet at this price</p>"),
        PageExample('<div class="banner">Offer ends soon</div>'),
        PageExample("<p>Nur heute: 20 % auf alle Zelte</p>", note="German"),
    ),
    good=(
        PageExample("<p>No need to hurry: the spring prices stay until 31 May.</p>"),
        PageExample("<p>In a hurry? Choose express delivery at checkout.</p>"),
        PageExample("<p>This is not a limited time offer, it is our everyday price.</p>"),
        PageExample('<a href="/p/1" class="quick-view">Quick view</a>'),
        PageExample("<p>Our limited edition prints come signed and numbered.</p>"),
        PageExample("<p>Offer valid until 31 May 2026.</p>"),
    ),
)
