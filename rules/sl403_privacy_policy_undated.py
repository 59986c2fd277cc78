"""The privacy policy does not say when it was last updated.

## What it checks
Pages classified as a privacy policy: does the visible text give a date
after a label such as "Last updated", "Effective", "Stand:", "Mis à jour
le" or "Última actualización" (`privacy_date_labels` in
sitelint/data/lang/<code>/privacy.toml), in the same block or the next one?
Dates are read in English, German, French and Spanish and must name a year
("Last updated: 2 September 2026", "Stand: März 2024", "Effective 2025").
A copyright year in the footer is not a policy date, nor is any date
without such a label.

## Why it matters
A reader cannot tell whether the policy still describes what the company
does, and regulators read an undated policy as one nobody maintains.
California's CCPA regulations and CalOPPA require the effective or
last-updated date.

## How to fix
Put "Last updated: <date>" at the top of the policy, and change it with
every revision.

## References
- CalOPPA, Cal. Bus. & Prof. Code 22575(b)(4) (effective date of the policy)
- CCPA Regulations, 11 CCR 7011(e)(4) ("date the privacy policy was last updated")
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.policy_dates import latest_policy_date
from sitelint.readability import word_count
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind is not PageKind.PRIVACY:
        return
    segments = page.visible_text_segments
    if latest_policy_date(segments, page.lang, context.scan_date) is not None:
        return
    words = word_count(" ".join(s.text for s in page.main_text_segments))
    yield Hit(
        "The privacy policy does not say when it was last updated.",
        evidence=f'"{page.h1 or page.title}": {words} words, and no date after '
        '"Last updated", "Effective" or a similar label',
        selector="main" if page.tree.css_first("main") is not None else "body",
    )


RULE = Rule(
    id="SL403",
    name="privacy-policy-undated",
    category=Category.PRIVACY,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<html lang="en"><head><title>Privacy policy</title></head><body>
            <main><h1>Privacy policy</h1><p>We collect your email address to send orders.</p>
            <p>We updated our systems in 2024 to store less.</p></main>
            <footer><p>© 2026 Acme Ltd</p></footer></body></html>""",
            url="https://www.example.com/privacy/",
            note="a copyright year and a year in prose are not policy dates",
        ),
    ),
    good=(
        PageExample(
            """<html lang="en"><head><title>Privacy policy</title></head><body>
            <main><h1>Privacy policy</h1><p class="updated">Last updated: 2 September 2026</p>
            <p>We collect your email address to send orders.</p></main></body></html>""",
            url="https://www.example.com/privacy/",
        ),
        PageExample(
            """<html lang="de"><head><title>Datenschutzerklärung</title></head><body>
            <main><h1>Datenschutzerklärung</h1><p>Wir speichern nur, was nötig ist.</p>
            <p>Stand: März 2026</p></main></body></html>""",
            url="https://www.example.de/datenschutz/",
        ),
        PageExample(
            """<html lang="en"><head><title>Privacy notice</title></head><body>
            <main><h1>Privacy notice</h1><dl><dt>Effective date</dt><dd>January 1, 2026</dd></dl>
            <p>We collect your email address to send orders.</p></main></body></html>""",
            url="https://www.example.com/privacy-notice/",
            note="label and date in neighbouring blocks",
        ),
    ),
)
