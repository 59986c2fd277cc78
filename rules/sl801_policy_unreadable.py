"""A privacy, terms or returns page is hard to read.

## What it checks
Pages classified as a privacy policy, terms or returns policy with 100 or
more words of main text (the visible text outside the header, navigation and
footer): their readability score, from textstat 0.7.8, in the page's
language: Flesch reading ease for English, Amstad for German, Kandel & Moles
for French, Fernández Huerta for Spanish, Flesch-Vacca for Italian (all on
Flesch's 0-100 scale, higher is easier). A page that declares no language is
scored in the language its common words show, or not at all. Below 30 ("very
difficult", university-graduate level) is a warning; 30 to 50 ("difficult")
is info. Headings and list items end their own sentence, so a list does not
count as one long sentence. The evidence gives the score, the counts and the
longest sentence.

## Why it matters
These pages state what a customer agrees to. If only a lawyer can read
them, customers cannot give informed consent, and the GDPR asks for
"clear and plain language" for exactly this text.

## How to fix
Use short sentences (under 20 words) and everyday words, put the answer
first, break long paragraphs into lists, and keep legal definitions to a
glossary. A layered policy (a short summary first) helps most.

## References
- GDPR Article 12(1): "... intelligible and easily accessible form, using clear and plain language"
- Flesch, R. (1948), "A new readability yardstick"; Amstad, T. (1978); Fernández Huerta, J. (1959)
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.readability import (
    language_of,
    longest_sentence,
    main_prose,
    reading_ease,
    segment_containing,
    word_count,
)
from sitelint.rule import Hit, PageExample, Rule, RuleContext

POLICY_KINDS = frozenset({PageKind.PRIVACY, PageKind.TERMS, PageKind.RETURNS})

_HARD = (
    "Notwithstanding any provision of these terms to the contrary, the licensee acknowledges "
    "and irrevocably agrees that the aggregation, processing, retention, and onward transfer "
    "of personally identifiable information, including but not limited to behavioural, "
    "transactional, geolocational, and device-derived telemetry, may be undertaken by the "
    "licensor, its affiliates, subsidiaries, successors, assigns, and contractually engaged "
    "subprocessors, in jurisdictions whose data protection regimes may not afford protections "
    "substantively equivalent to those available in the licensee's jurisdiction of habitual "
    "residence, pursuant to contractual mechanisms, organisational safeguards, and technical "
    "measures which the licensor, in its sole and absolute discretion, determines to be "
    "commercially reasonable and proportionate."
)
_PLAIN = (
    "We keep your data safe. We only ask for what we need to send your order. "
    "We do not sell your data to anyone. You can ask us to delete it at any time. "
    "Just send us an email and we will reply within a week. "
)


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind not in POLICY_KINDS:
        return
    segments = page.main_text_segments
    text = main_prose(segments)
    if word_count(text) < int(context.options["min_words"]):
        return
    language = language_of(page.lang, text)
    score = reading_ease(text, language) if language else None
    if score is None:
        return
    if score.score < float(context.options["warning_below"]):
        severity, band = Severity.WARNING, "very difficult"
    elif score.score < float(context.options["info_below"]):
        severity, band = Severity.INFO, "difficult"
    else:
        return
    hardest = longest_sentence(text)
    segment = segment_containing(segments, hardest)
    extra = "".join(f"; {name} {value:.1f}" for name, value in score.secondary)
    yield Hit(
        f"This {page.kind.value} page is {band} to read: {score.formula} {score.score:.1f}.",
        evidence=f"{score.formula} {score.score:.1f}{extra} on {score.words} words in "
        f"{score.sentences} sentences ({score.words_per_sentence:.0f} words per sentence); "
        f'longest sentence: "{hardest[:300]}"',
        selector=segment.selector if segment else None,
        severity=severity,
    )


RULE = Rule(
    id="SL801",
    name="policy-unreadable",
    category=Category.CLARITY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    defaults={"min_words": 100, "warning_below": 30, "info_below": 50},
    bad=(
        PageExample(
            f"""<html lang="en"><head><title>Terms of service</title></head><body>
            <main><h1>Terms of service</h1><p>{_HARD}</p></main></body></html>""",
            url="https://www.example.com/terms/",
        ),
    ),
    good=(
        PageExample(
            f"""<html lang="en"><head><title>Privacy policy</title></head><body>
            <main><h1>Privacy policy</h1><p>{_PLAIN * 4}</p></main>
            <footer><p>{_HARD}</p></footer></body></html>""",
            url="https://www.example.com/privacy/",
            note="plain main text; the footer's small print is not the policy",
        ),
        PageExample(
            f"""<html lang="en"><head><title>Blog</title></head><body>
            <main><h1>Our thoughts on licensing</h1><p>{_HARD}</p></main></body></html>""",
            url="https://www.example.com/blog/licensing/",
            note="not a policy page",
        ),
    ),
)
