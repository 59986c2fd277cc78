"""A privacy, terms or returns page takes over 20 minutes to read.

## What it checks
Pages classified as a privacy policy, terms or returns policy: the words of
their main text (the visible text outside the header, navigation and
footer), at 238 words per minute, the average silent-reading speed of
adults for non-fiction. Over 20 minutes (more than 4,760 words) is a
finding, with the word count and the minutes in the evidence.

## Why it matters
Nobody reads a policy that takes half an hour; McDonald and Cranor
estimated that reading every privacy policy one meets would take 76 working
days a year. A policy nobody can finish informs nobody, whatever it says.

## How to fix
Lead with a short summary of what matters most (what is collected, why, who
gets it, how to opt out), move detail into sections a reader can open, and
cut boilerplate that does not apply to the business.

## References
- Brysbaert, M. (2019), "How many words do we read per minute?" (238 wpm for non-fiction)
- McDonald, A. M. and Cranor, L. F. (2008), "The Cost of Reading Privacy Policies"
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.readability import main_prose, reading_minutes, word_count
from sitelint.rule import Hit, PageExample, Rule, RuleContext

POLICY_KINDS = frozenset({PageKind.PRIVACY, PageKind.TERMS, PageKind.RETURNS})
_PARAGRAPH = (
    "We use your email address to send you receipts for your orders and to answer "
    "your questions, and we keep it for as long as you have an account with us. "
)  # 30 words


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind not in POLICY_KINDS:
        return
    words = word_count(main_prose(page.main_text_segments))
    speed = float(context.options["words_per_minute"])
    minutes = reading_minutes(words, speed)
    limit = float(context.options["max_minutes"])
    if minutes <= limit:
        return
    yield Hit(
        f"This {page.kind.value} page takes about {minutes:.0f} minutes to read "
        f"(more than {limit:.0f}).",
        evidence=f"{words:,} words of main text at {speed:.0f} words per minute "
        f"= {minutes:.1f} minutes",
        selector="main" if page.tree.css_first("main") is not None else "body",
    )


RULE = Rule(
    id="SL802",
    name="policy-too-long",
    category=Category.CLARITY,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    defaults={"words_per_minute": 238, "max_minutes": 20},
    bad=(
        PageExample(
            f"""<html lang="en"><head><title>Privacy policy</title></head><body>
            <main><h1>Privacy policy</h1>{("<p>" + _PARAGRAPH * 10 + "</p>") * 17}</main>
            </body></html>""",
            url="https://www.example.com/privacy/",
            note="5,100 words: about 21 minutes",
        ),
    ),
    good=(
        PageExample(
            f"""<html lang="en"><head><title>Privacy policy</title></head><body>
            <main><h1>Privacy policy</h1>{("<p>" + _PARAGRAPH * 10 + "</p>") * 15}</main>
            </body></html>""",
            url="https://www.example.com/privacy/",
            note="4,500 words: about 19 minutes",
        ),
        PageExample(
            f"""<html lang="en"><head><title>Privacy policy</title></head><body>
            <main><h1>Privacy policy</h1><p>{_PARAGRAPH * 20}</p></main>
            <footer>{("<p>" + _PARAGRAPH * 10 + "</p>") * 15}</footer></body></html>""",
            url="https://www.example.com/privacy/",
            note="600 words of policy; the long footer is not its main text",
        ),
    ),
)
