"""A decline option shames the visitor ("No thanks, I don't like saving money").

## What it checks
The visible text segments of every page (links, buttons, labels, and the
`<p>` or `<span>` that pop-ups use as buttons) for Mathur et al.'s
"confirmshaming": the way out of an offer worded to make the visitor feel
foolish for taking it. A short text (up to 25 words) that starts with a
decline ("No thanks", "No,", "Nah") or with the first person, followed by:

- a refusal of something good: "I don't like saving money", "I don't want my
  discount", "I hate bargains", "I'd rather not win a prize", "I'll check out without
  my discount";
- a wish to pay more: "I'll pay full price", "I prefer paying full price",
  "I'd rather pay more for my tent";
- after a decline, self-mockery: "Nah, I'll be the last to know about sales",
  "No thanks, happy missing out", "No, bargains aren't for me".

Not a finding: a neutral decline ("No thanks", "No thanks, not interested
right now", "Maybe later", "Continue without an account"), a plain opt-out
("No, I don't want to receive offers by email"), a shopper who does not want to
pay full price ("I don't want to pay full price, so I waited for the sale"),
and long texts such as reviews.

## Why it matters
Guilt is not consent. Confirmshaming makes declining cost the visitor some
self-respect, which is why it works, and why regulators list it as a dark
pattern.

## How to fix
Word the decline as neutrally as the accept: "No thanks", "Not now",
"Continue without discount".

## References
- Mathur et al., "Dark Patterns at Scale", CSCW 2019: https://webtransparency.cs.princeton.edu/dark-patterns/
- EDPB Guidelines 03/2022 on deceptive design patterns: https://www.edpb.europa.eu/our-work-tools/documents/public-consultations/2022/guidelines-032022-dark-patterns-social-media_en
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.darkpatterns import ClaimKind, evidence, page_claims, shorten
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

KINDS = frozenset({ClaimKind.CONFIRMSHAMING})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for segment, claim in page_claims(page, KINDS):
        yield Hit(
            f'Decline option shames the visitor: "{shorten(claim.phrase, 80)}"',
            evidence=evidence(segment, claim),
            selector=segment.selector,
        )


RULE = Rule(
    id="SL706",
    name="confirmshaming",
    category=Category.HONESTY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            '<div class="popup"><button>Get 10% off</button>'
            '<a href="#close">No thanks, I don\'t like saving money</a></div>'
        ),
        PageExample("<button>No, I'll pay full price</button>"),
        PageExample('<a href="#">No thanks, I prefer paying more for my tent</a>'),
        PageExample("<p>Nah, I'll be the last to know.</p>"),
        PageExample(
            "<button>Nein danke, ich zahle lieber den vollen Preis</button>", note="German"
        ),
    ),
    good=(
        PageExample(
            '<div class="popup"><button>Get 10% off</button><a href="#">No, thank you</a></div>'
        ),
        PageExample("<button>No thanks, not interested right now</button>"),
        PageExample("<label>No, I don't want to receive offers by email</label>"),
        PageExample(
            "<p>I don't want to pay full price, so I waited for the sale and got it 30% off.</p>",
            note="a review",
        ),
        PageExample('<a href="/checkout">Continue without an account</a>'),
    ),
)
