"""The returns policy sets restrictive terms: no refunds, credit only, fees, under 14 days.

## What it checks
The visible main text of pages classified as a returns, refund or withdrawal
policy, sentence by sentence, for:
- a refusal of every return: "all sales final", "no refunds", "no returns or
  exchanges", "keine Rückerstattung", "aucun remboursement", ...;
- refunds only as store credit: "store credit only", "nur als Gutschein";
- a restocking fee: "restocking fee", "Wiedereinlagerungsgebühr",
  "Rücksendegebühr", "frais de restockage", ...;
- a phone call required for a return authorization ("call us for an RMA
  number");
- a return window under 14 days ("within 7 days", "7-day returns",
  "48 hours"). 14 days is not under 14; business days count 7 for every 5.

Meaning, not substrings: a negated phrase is quiet ("we never charge a
restocking fee", "Eine Rücksendegebühr erheben wir nicht"), and so is a
limited refusal that is an ordinary rule ("no refunds on shipping costs",
"no returns after 30 days", "opened software cannot be returned"). A
duration counts only as the return window when a return word governs it:
"refunds are processed within 5 days" and the statutory "binnen vierzehn
Tagen" do not fire. Every phrase list is data, per language.

## Why it matters
These are the terms that make buyers walk away, and in the EU several of
them are unlawful for online sales to consumers: the 14-day right of
withdrawal cannot be shortened, the refund must use the original means of
payment, and no fee may be charged for withdrawing. Where they are lawful,
customers still read them as a shop that does not stand behind its goods.

## How to fix
Give at least the legal minimum (14 days in the EU, 30 is common), refund
to the original payment method, let customers start a return online, and
drop restocking fees, or limit them to clearly described cases.

## References
- EU Consumer Rights Directive 2011/83/EU, Articles 9, 13 and 14
- US FTC, "Shopping Online": https://consumer.ftc.gov/articles/shopping-online
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from sitelint.gather.page import Page
from sitelint.keywords import PhraseMatcher
from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.policy_text import find_unnegated, is_negated, matcher, return_window, sentences
from sitelint.rule import Hit, PageExample, Rule, RuleContext

MIN_WINDOW_DAYS = 14


class Restriction(NamedTuple):
    message: str
    phrase: str  # what triggered it, for the evidence
    sentence: str
    selector: str


def _limited(qualifiers: PhraseMatcher, sentence: str, start: int, end: int) -> bool:
    """Whether the sentence limits the refusal to some goods or some time."""
    return bool(qualifiers.search(sentence[:start]) or qualifiers.search(sentence[end:]))


def _call_required(sentence: str) -> str | None:
    call = find_unnegated(matcher("returns_call_words"), sentence)
    if call is None or matcher("returns_online_alternatives").search(sentence):
        return None
    authorization = matcher("returns_authorization_words").search(sentence)
    if authorization:
        return f"{call.group(0)} ... {authorization}"
    requirement = matcher("returns_requirement_words").search(sentence)
    returning = matcher("returns_window_words").search(sentence)
    if requirement and returning:
        return f"{requirement} {call.group(0)} ... {returning}"
    return None


def restrictions(sentence: str, selector: str, min_days: float) -> Iterator[Restriction]:
    qualifiers = matcher("returns_refusal_qualifiers")
    for list_name, message in (
        ("returns_final_sale", "all sales are final"),
        ("returns_no_refunds", "no refunds or no returns"),
    ):
        for match in matcher(list_name).finditer(sentence):
            if is_negated(sentence, match.start(), match.end()):
                continue
            if _limited(qualifiers, sentence, match.start(), match.end()):
                continue
            yield Restriction(message, match.group(0), sentence, selector)
            break
    credit = find_unnegated(matcher("returns_store_credit_only"), sentence)
    if credit and not matcher("returns_original_payment").search(sentence):
        yield Restriction("refunds as store credit only", credit.group(0), sentence, selector)
    fee = find_unnegated(matcher("returns_restocking_fee"), sentence)
    if fee:
        yield Restriction("a restocking fee", fee.group(0), sentence, selector)
    call = _call_required(sentence)
    if call:
        yield Restriction("a phone call for a return authorization", call, sentence, selector)
    window = return_window(sentence, under_days=min_days)
    if window:
        yield Restriction(
            f"a return window under {min_days:g} days", window.text, sentence, selector
        )


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.kind is not PageKind.RETURNS:
        return
    min_days = float(context.options.get("min_window_days", MIN_WINDOW_DAYS))
    reported: set[str] = set()
    for segment in page.main_text_segments:
        for sentence in sentences(segment.text):
            for found in restrictions(sentence, segment.selector, min_days):
                if found.message in reported:
                    continue
                reported.add(found.message)
                yield Hit(
                    f"The returns policy sets a restrictive term: {found.message}.",
                    evidence=f'"{found.phrase}" in: "{found.sentence[:300]}"',
                    selector=found.selector,
                )


_URL = "https://www.example.com/returns/"

RULE = Rule(
    id="SL503",
    name="returns-restrictive",
    category=Category.RETURNS,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    defaults={"min_window_days": MIN_WINDOW_DAYS},
    doc=__doc__ or "",
    bad=(
        PageExample("<h1>Returns</h1><p>All sales are final.</p>", url=_URL),
        PageExample(
            "<h1>Returns</h1><p>Items can be returned within 7 days of delivery.</p>", url=_URL
        ),
        PageExample(
            "<h1>Returns</h1><p>A 15% restocking fee applies to all returns.</p>", url=_URL
        ),
        PageExample("<h1>Returns</h1><p>Refunds are issued as store credit only.</p>", url=_URL),
        PageExample(
            "<h1>Returns</h1><p>To return an item you must call us to get an RMA number.</p>",
            url=_URL,
        ),
        PageExample(
            '<html lang="de"><body><h1>Rückgabe</h1><p>Wir gewähren ein 7-tägiges '
            "Rückgaberecht. Die Erstattung erfolgt nur als Gutschein.</p></body></html>",
            url="https://www.example.de/rueckgabe/",
        ),
    ),
    good=(
        PageExample(
            "<h1>Returns &amp; refunds</h1><p>You have 30 days to return any item. We never "
            "charge a restocking fee. Refunds go to your original payment method and are "
            "processed within 5 business days. Original shipping costs are non-refundable; "
            "there are no refunds on shipping. There is no need to call us first.</p>",
            url=_URL,
        ),
        PageExample(
            '<html lang="de"><body><h1>Widerrufsbelehrung</h1><p>Die Widerrufsfrist beträgt '
            "vierzehn Tage. Eine Rücksendegebühr erheben wir nicht. Wir zahlen Ihnen alle "
            "Zahlungen binnen vierzehn Tagen zurück.</p></body></html>",
            url="https://www.example.de/widerrufsbelehrung/",
        ),
        PageExample(
            "<h1>Returns</h1><p>We offer a 14-day return policy on all orders.</p>", url=_URL
        ),
        PageExample(
            "<h1>Our story</h1><p>All sales are final at our pop-up market stall.</p>",
            url="https://www.example.com/about/",
            note="not a returns page",
        ),
    ),
)
