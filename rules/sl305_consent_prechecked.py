"""A checkbox for marketing, newsletters or data sharing is ticked in advance.

## What it checks
Every visible checkbox that is `checked` in the markup: does its label ask
for optional consent, such as marketing or newsletter emails, offers, sharing
data with partners or third parties, or profiling (`forms_consent` in
sitelint/data/lang/<code>/forms.toml)? Functional boxes are not consent:
"billing address same as delivery", "remember me", "keep me signed in",
"send me order updates". A negated label ("Do not send me offers") is an
opt-out box, which SL708 judges. Each pre-ticked consent box is one finding.

## Why it matters
Consent must be an affirmative act: a pre-ticked box is not valid consent
under the GDPR (CJEU Planet49, C-673/17) or the ePrivacy rules, and
customers who find themselves on a mailing list they never chose stop
trusting the sender.

## How to fix
Leave consent boxes unticked, and make each one ask for one thing.

## References
- GDPR Recital 32: "Silence, pre-ticked boxes or inactivity should not ... constitute consent"
- CJEU, Planet49 (C-673/17), 1 October 2019
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.classify.forms import consent_wording
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    for form in page.forms:
        for field in form.fillable_fields:
            if field.type != "checkbox" or not field.checked:
                continue
            wording = consent_wording(field.label)
            if wording is None:
                continue
            yield Hit(
                f'A consent checkbox is ticked in advance: "{field.label}".',
                evidence=f'<input type="checkbox" name="{field.name}" checked> labelled '
                f'"{field.label}" (consent: "{wording}")',
                selector=field.selector,
            )


RULE = Rule(
    id="SL305",
    name="consent-prechecked",
    category=Category.FORMS,
    severity=Severity.ERROR,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<form action="/checkout" method="post">
              <label for="e">Email</label><input id="e" type="email" name="email">
              <input type="checkbox" id="news" name="newsletter" checked>
              <label for="news">Email me news and special offers</label>
              <button>Place order</button>
            </form>""",
        ),
        PageExample(
            """<form action="/quote" method="post">
              <label>Email <input type="email" name="email"></label>
              <label><input type="checkbox" name="share" checked>
                Share my data with selected partners</label>
              <button>Get a quote</button>
            </form>""",
        ),
    ),
    good=(
        PageExample(
            """<form action="/checkout" method="post">
              <input type="checkbox" id="same" name="billing_same" checked>
              <label for="same">My billing address is the same as my delivery address</label>
              <input type="checkbox" id="news" name="newsletter">
              <label for="news">Email me news and special offers</label>
              <button>Place order</button>
            </form>""",
            note="a functional box ticked; the consent box is not",
        ),
        PageExample(
            """<form action="/login" method="post">
              <label>Email <input type="email" name="email"></label>
              <label>Password <input type="password" name="pw"></label>
              <label><input type="checkbox" name="remember" checked> Keep me signed in</label>
              <button>Sign in</button>
            </form>""",
        ),
        PageExample(
            """<form action="/order" method="post">
              <label><input type="checkbox" name="sms" checked>
                Send me order updates by text message</label>
              <button>Place order</button>
            </form>""",
            note="order updates are part of the order, not marketing",
        ),
    ),
)
