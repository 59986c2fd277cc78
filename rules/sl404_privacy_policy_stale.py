"""The privacy policy is more than two years old, or relies on the EU-US Privacy Shield.

## What it checks
Pages classified as a privacy policy:
- the most recent date the policy gives for itself (after "Last updated",
  "Effective", "Stand:", ... as in SL403) is more than 24 months before
  the scan date; a date given only to the month or year counts as its
  last day;
- or a paragraph names the EU-US (or Swiss-US) Privacy Shield as a basis
  for transfers, without calling it invalidated, replaced or former (the
  Court of Justice of the EU struck it down in July 2020). A paragraph that
  mentions it as history, or beside its successor, the EU-US Data Privacy
  Framework, does not fire.

## Why it matters
Data practices, vendors and laws change every year; a policy untouched for
years almost certainly no longer describes what the company does. A policy
that still relies on the Privacy Shield names a transfer mechanism that has
been invalid since 2020, which tells regulators and customers alike that
nobody reads it.

## How to fix
Review the policy at least yearly, update its date, and base US transfers on
the EU-US Data Privacy Framework or standard contractual clauses.

## References
- CJEU, Data Protection Commissioner v Facebook Ireland and Schrems (C-311/18), 16 July 2020
- CCPA, Cal. Civ. Code 1798.130(a)(5): update the privacy policy at least once every 12 months
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.negation import affirmed
from sitelint.policy_dates import latest_policy_date, months_before, months_earlier
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def _privacy_shield(page: Page) -> tuple[str, str] | None:
    """The passage that relies on the Privacy Shield, and its block's selector."""
    vocabulary = lexicon()
    shield = vocabulary.phrases("privacy_shield")
    historic = vocabulary.phrases("privacy_shield_historic")
    for segment in page.visible_text_segments:
        match = affirmed(shield, segment.text, before=4)
        if match is None or historic.search(segment.text):
            continue
        start = max(0, match.start() - 150)
        passage = segment.text[start : match.end() + 150]
        return ("..." if start else "") + passage, segment.selector
    return None


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind is not PageKind.PRIVACY:
        return
    max_months = int(context.options["max_age_months"])
    latest = latest_policy_date(page.visible_text_segments, page.lang, context.scan_date)
    if latest is not None and latest.date < months_earlier(context.scan_date, max_months):
        age = months_before(latest.date, context.scan_date)
        yield Hit(
            f"The privacy policy was last updated {age} months before this scan "
            f"(more than {max_months}).",
            evidence=f'"{latest.text[:200]}" reads as {latest.date.isoformat()}; '
            f"scan date {context.scan_date.isoformat()}",
            selector=latest.selector,
        )
    shield = _privacy_shield(page)
    if shield is not None:
        sentence, selector = shield
        yield Hit(
            "The privacy policy relies on the EU-US Privacy Shield, invalid since July 2020.",
            evidence=f'"{sentence[:300]}"',
            selector=selector,
        )


RULE = Rule(
    id="SL404",
    name="privacy-policy-stale",
    category=Category.PRIVACY,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    defaults={"max_age_months": 24},
    bad=(
        PageExample(
            """<html lang="en"><head><title>Privacy policy</title></head><body><main>
            <h1>Privacy policy</h1><p>Last updated: March 3, 2021</p>
            <p>We collect your email address to send your order.</p></main></body></html>""",
            url="https://www.example.com/privacy/",
        ),
        PageExample(
            """<html lang="en"><head><title>Privacy policy</title></head><body><main>
            <h1>Privacy policy</h1><p>Last updated: 2 January 2026</p>
            <h2>International transfers</h2>
            <p>Acme Inc. participates in the EU-U.S. Privacy Shield Framework and relies on it
            for transfers of personal data from the EU to the United States.</p>
            </main></body></html>""",
            url="https://www.example.com/privacy/",
            note="recent date, but relies on the Privacy Shield",
        ),
    ),
    good=(
        PageExample(
            """<html lang="en"><head><title>Privacy policy</title></head><body><main>
            <h1>Privacy policy</h1><p>Effective 1 January 2019. Last updated 2 May 2026.</p>
            <p>We no longer rely on the EU-U.S. Privacy Shield, which the Court of Justice
            invalidated in 2020; transfers now use the EU-U.S. Data Privacy Framework.</p>
            </main><footer>© 2012–2026 Acme Inc.</footer></body></html>""",
            url="https://www.example.com/privacy/",
            note="the latest date counts; the Privacy Shield as history",
        ),
        PageExample(
            """<html lang="fr"><head><title>Privacy</title></head><body>
            <main><h1>Politique de confidentialité</h1>
            <p>Dernière mise à jour : 15 septembre 2025</p></main></body></html>""",
            url="https://www.example.fr/privacy/",
        ),
    ),
)
