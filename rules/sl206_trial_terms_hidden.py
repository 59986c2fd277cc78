"""A page offers a free trial but does not say what it costs afterwards, or how often.

## What it checks
Pages whose main content (outside the header, navigation and footer)
offers a free trial: a link, button or short block such as "Start your
14-day free trial", "Try it free", "Kostenlos testen", "Essai gratuit",
"Prueba gratis", or a link or button that reads just "Free trial". The page
must also state a price for after the trial (a non-zero amount that reads
as a price) and a billing period ("per month", "/mo", "billed annually",
"pro Monat", ...). If either is missing, the rule reports the offer. Blog
posts and legal pages describe trials rather than offer them and are not
checked; a negated offer ("there is no free trial") is not an offer.

## Why it matters
A free trial that turns into a paid subscription is a negative-option
offer: people who sign up without seeing what they will pay, and how
often, feel trapped when the first charge arrives. Consumer-protection
law asks for these terms to be clear before sign-up.

## How to fix
Next to every trial offer, say what happens after it: "14 days free, then
$19 per month. Cancel anytime."

## References
- US FTC, Restore Online Shoppers' Confidence Act (15 U.S.C. 8401-8405) and
  the Negative Option Rule (16 CFR Part 425)
- EU Consumer Rights Directive 2011/83/EU, Articles 6(1)(e) and 8(2)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.pricing import (
    NOT_OFFER_PAGES,
    billed_number,
    billing_period,
    calls_to_action,
    price_amounts,
)
from sitelint.pricing import trial_offer as find_trial_offer
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind in NOT_OFFER_PAGES:
        return
    offers = [action for action in calls_to_action(page) if find_trial_offer(action)]
    if not offers:
        return
    prices = [m.text for m in price_amounts(page.visible_text_segments) if m.amount > 0]
    billed = billed_number(page.visible_text_segments)
    if billed and not prices:
        prices = [f'"{billed}"']
    period = billing_period(page.visible_text)
    missing = []
    if not prices:
        missing.append("no price for after the trial")
    if not period:
        missing.append("no billing period (per month, per year)")
    if not missing:
        return
    first = offers[0]
    stated = (
        f"; it shows {', '.join(dict.fromkeys(prices))} but no period"
        if prices
        else (f'; it names a period ("{period}") but no price' if period else "")
    )
    yield Hit(
        f"This page offers a free trial but states {' and '.join(missing)}.",
        evidence=f'{first.source} "{first.text}"{stated}',
        selector=first.selector,
    )


RULE = Rule(
    id="SL206",
    name="trial-terms-hidden",
    category=Category.PRICING,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            '<html lang="en"><body><main><h1>Integrations</h1><div class="banner"><p>Free trial: '
            'connect all your tools today.</p><a href="/signup/">Start your free trial</a></div>'
            "<p>Slack, Jira and Salesforce.</p></main></body></html>",
            url="https://www.example.com/integrations/",
        ),
        PageExample(
            '<html lang="en"><body><main><h1>Loopdesk</h1><a href="/signup/">Try it free for '
            "30 days</a><p>Then just $190.</p></main></body></html>",
            note="a price, but no billing period",
        ),
        PageExample(
            '<html lang="de"><body><main><h1>Streamo</h1><a href="/start/">Jetzt 30 Tage '
            "kostenlos testen</a></main></body></html>",
            url="https://www.example.de/",
        ),
    ),
    good=(
        PageExample(
            '<html lang="en"><body><main><h1>Loopdesk</h1><a href="/signup/">Start your 14-day '
            "free trial</a><p>After the trial, plans start at $19 per month.</p></main>"
            "</body></html>"
        ),
        PageExample(
            '<html lang="en"><body><header><a href="/signup/">Start free trial</a></header>'
            "<main><h1>About us</h1><p>We are twelve people in Leeds.</p></main></body></html>",
            url="https://www.example.com/about/",
            note="the site-wide header button is not this page's offer",
        ),
        PageExample(
            '<html lang="en"><body><main><h1>Plans</h1><p>There is no free trial, but every '
            "plan has a 30-day money-back guarantee.</p></main></body></html>",
            url="https://www.example.com/plans/",
            note="negated",
        ),
        PageExample(
            '<html lang="en"><body><main><h1>How to design a free trial</h1><p>Most SaaS teams '
            "get this wrong.</p></main></body></html>",
            url="https://www.example.com/articles/design-a-free-trial/",
            note="an article about trials, not an offer",
        ),
    ),
)
