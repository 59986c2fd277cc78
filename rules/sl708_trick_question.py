"""A consent question uses a double negative or an inverted box ("uncheck to not receive").

## What it checks
Two places, for Mathur et al.'s "trick questions":

- every visible text segment, for a sentence that pairs a negative wish with
  a box to tick or untick and a consent topic: "Tick if you do not want to
  receive offers", "Uncheck to not receive our newsletter", "If you do not
  wish to be contacted by email, please make sure the box is not checked";
- every checkbox of every form (`Page.forms`), for a label whose tick means
  "no": "I do not wish to receive marketing emails", "Please don't send me
  offers from partners". Ticking a box means yes everywhere else; a box that
  means no gets ticked by people who wanted the opposite.

Not a finding: a plain box ("Tick to receive our newsletter", "Send me
offers"), an opt-out with no box ("If you do not want our emails, you can
unsubscribe at any time"), and a negative sentence next to a separate box
sentence ("We do not share your data. Tick to subscribe.").

## Why it matters
Consent given by misreading is not consent: the GDPR asks for an
"unambiguous indication" by a "clear affirmative action" (Art. 4(11)), and
the EDPB lists double negatives among deceptive design patterns.

## How to fix
Ask one positive question, unticked by default: "Send me offers by email".
Put the opt-out, if any, in the same positive form.

## References
- Mathur et al., "Dark Patterns at Scale", CSCW 2019: https://webtransparency.cs.princeton.edu/dark-patterns/
- GDPR Art. 4(11) and Recital 32: https://gdpr-info.eu/art-4-gdpr/
- EDPB Guidelines 03/2022 on deceptive design patterns: https://www.edpb.europa.eu/our-work-tools/documents/public-consultations/2022/guidelines-032022-dark-patterns-social-media_en
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.darkpatterns import (
    ClaimKind,
    evidence,
    inverted_consent_label,
    page_claims,
    shorten,
)
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

KINDS = frozenset({ClaimKind.TRICK_QUESTION})


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    reported: list[str] = []
    for segment, claim in page_claims(page, KINDS):
        reported.append(segment.text)
        yield Hit(
            f'Consent question with an inverted sense: "{shorten(claim.phrase, 80)}"',
            evidence=evidence(segment, claim),
            selector=segment.selector,
        )
    for form in page.forms:
        for field in form.fillable_fields:
            if field.type != "checkbox" or not field.label:
                continue
            if any(field.label in text for text in reported):
                continue
            span = inverted_consent_label(field.label)
            if span is None:
                continue
            state = "checked" if field.checked else "unchecked"
            yield Hit(
                f'Checkbox means "no" when ticked: "{shorten(field.label, 80)}"',
                evidence=f'{state} checkbox labelled "{shorten(field.label, 200)}" '
                f'("{field.label[span[0] : span[1]]}")',
                selector=field.selector,
            )


RULE = Rule(
    id="SL708",
    name="trick-question",
    category=Category.HONESTY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample("<p>Tick this box if you do not want to receive offers from us.</p>"),
        PageExample(
            '<form action="/signup"><input type="email" name="email" aria-label="Email">'
            '<label><input type="checkbox" name="nomail"> Uncheck to not receive our newsletter'
            "</label><button>Join</button></form>"
        ),
        PageExample(
            '<form action="/checkout"><input type="checkbox" id="m" name="m">'
            '<label for="m">I do not wish to receive marketing emails</label>'
            "<button>Pay</button></form>",
            note="a box that means no when ticked",
        ),
    ),
    good=(
        PageExample(
            '<form action="/signup"><label><input type="checkbox" name="news"> '
            "Send me offers by email</label><button>Join</button></form>"
        ),
        PageExample(
            "<p>If you do not want our emails any more, you can unsubscribe at any time.</p>"
        ),
        PageExample(
            "<p>We do not share your data with third parties. Tick the box to subscribe.</p>"
        ),
        PageExample(
            '<form action="/login"><label><input type="checkbox" name="r"> Do not remember me on'
            " this computer</label><button>Log in</button></form>",
            note="not about consent",
        ),
    ),
)
