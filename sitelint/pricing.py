"""Pricing helpers shared by the pricing rules (SL2xx) and the site-kind signals.

What reads as a price (not "we saved the client $2M"), what names a billing
period ("$19/month"), which phrases a page offers as calls to action, and
which offers a page makes ("Start your free trial"). The phrase lists live in
``sitelint/data/lang/<code>/pricing.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sitelint.gather.actions import CallToAction
from sitelint.gather.page import Page
from sitelint.gather.prices import Money, extract_prices
from sitelint.gather.text import TextSegment
from sitelint.keywords import has_digit, lexicon
from sitelint.models import PageKind
from sitelint.negation import affirmed

CHROME_REGIONS = frozenset({"header", "nav", "footer"})
# Pages whose words describe offers rather than make them: a blog post on
# "how free trials convert" or the terms of a trial is not a trial offer.
NOT_OFFER_PAGES = frozenset(
    {
        PageKind.BLOG,
        PageKind.PRIVACY,
        PageKind.TERMS,
        PageKind.RETURNS,
        PageKind.COOKIE_POLICY,
        PageKind.IMPRINT,
    }
)
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]—–|•·]|\s-\s")
# "$19/month", "29 / month", "€9/Monat": one spelling, " /month", for the phrase lists.
_SLASH_PERIOD = re.compile(r"\s*/\s*(?=[^\W\d_])")
# How far after an amount its billing period may start ("$49 per user per month").
_PERIOD_REACH = 24
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d{1,2})?(?![\d%])")


def _spaced(text: str) -> str:
    return _SLASH_PERIOD.sub(" /", text)


def billing_period(text: str) -> str | None:
    """The billing period named in the text ("per month", "/mo", "jährlich"), if any."""
    match = lexicon().phrases("pricing_billing_period").pattern.search(_spaced(text))
    return match.group(0) if match else None


def _is_price(segment: TextSegment, after: str) -> bool:
    vocab = lexicon()
    if vocab.phrases("pricing_magnitude").pattern.match(after.lstrip()):
        return False
    return vocab.phrases("pricing_not_price_context").search(segment.text) is None


def price_amounts(segments: Iterable[TextSegment]) -> list[Money]:
    """The visible amounts that read as prices.

    Left out: results and savings ("we saved the client $2M", "raised $5
    million"), i.e. amounts followed by a magnitude or in a segment that
    speaks of savings, revenue or funding.
    """
    prices: list[Money] = []
    for segment in segments:
        if segment.visible:
            prices.extend(_prices_in(segment))
    return prices


# Several rules ask of the same segments (all visible ones, those of <main>),
# and a site's footer and header segments come back on every page.
@lru_cache(maxsize=1024)
def _prices_in(segment: TextSegment) -> tuple[Money, ...]:
    if not has_digit(segment.text):
        return ()
    prices = []
    cursor = 0
    for money in extract_prices([segment]):
        at = segment.text.find(money.text, cursor)
        cursor = at + len(money.text) if at >= 0 else cursor
        after = segment.text[cursor:] if at >= 0 else ""
        if _is_price(segment, after):
            prices.append(money)
    return tuple(prices)


def billed_amount(segments: Sequence[TextSegment]) -> str | None:
    """The text of the first price directly followed by a billing period ("$19/month").

    The period may open the next segment, as in pricing tables that put
    "$19" and "per month" in separate blocks.
    """
    visible = [s for s in segments if s.visible]
    period = lexicon().phrases("pricing_billing_period").pattern
    for position, segment in enumerate(visible):
        amounts = price_amounts([segment])
        if not amounts:
            continue
        following = visible[position + 1].text[:40] if position + 1 < len(visible) else ""
        text = _spaced(f"{segment.text} {following}")
        cursor = 0
        for money in amounts:
            at = text.find(_spaced(money.text), cursor)
            if at < 0:
                continue
            cursor = at + len(money.text)
            window = text[cursor : cursor + _PERIOD_REACH + 12]
            found = period.search(window)
            if (
                found
                and found.start() <= _PERIOD_REACH
                and not _CLAUSE_BREAK.search(window[: found.start()])
            ):
                return f"{segment.text} {following}".strip()[:120]
    return None


def billed_number(segments: Sequence[TextSegment]) -> str | None:
    """A bare number billed per period ("19 / month" under a "Price (USD)" header).

    Without a currency the period must follow the number at once and read
    "per ..." or "/...", so "7 days a week" and "12 monthly reports" are
    not prices.
    """
    period = lexicon().phrases("pricing_billing_period").pattern
    for segment in segments:
        if not segment.visible:
            continue
        text = _spaced(segment.text)
        for number in _NUMBER.finditer(text):
            found = period.match(
                text, number.end() + 1 if text[number.end() :][:1] == " " else number.end()
            )
            if found and (" " in found.group(0) or found.group(0).startswith("/")):
                return segment.text[:120]
    return None


def structured_price(items: Iterable[Mapping[str, Any]]) -> str | None:
    """A non-zero price in schema.org Offer data ("49.00 USD"), if any."""
    pending: list[Any] = list(items)
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
            continue
        if not isinstance(item, Mapping):
            continue
        for key in ("price", "lowPrice"):
            value = str(item.get(key) or "").strip()
            if value and any(c in "123456789" for c in value):
                return f"{value} {item.get('priceCurrency') or ''}".strip()
        pending.extend(item[key] for key in ("offers", "priceSpecification") if key in item)
    return None


def calls_to_action(page: Page, *, chrome: bool = False) -> list[CallToAction]:
    """Visible links, buttons and short text blocks, in document order per source.

    Without ``chrome`` the header, navigation and footer are left out, so a
    site-wide "Contact sales" button does not speak for every page.
    """
    if chrome:
        return page.calls_to_action
    return [action for action in page.calls_to_action if action.region not in CHROME_REGIONS]


def trial_offer(action: CallToAction) -> str | None:
    """The free-trial offer a call to action makes ("Start your free trial"), if any.

    Offer-shaped phrases count anywhere in it; the bare words ("Free trial")
    only as the whole text of a link or button, so a heading such as "How to
    design a free trial" is not an offer.
    """
    return _trial_offer(action.text, action.source)


# A site's navigation and buttons come back on every page.
@lru_cache(maxsize=4096)
def _trial_offer(text: str, source: str) -> str | None:
    vocab = lexicon()
    match = affirmed(vocab.phrases("pricing_free_trial_offer"), text)
    if match:
        return match.group(0)
    if source != "text" and vocab.phrases("pricing_free_trial").fullmatch(text):
        return text
    return None


__all__ = [
    "CHROME_REGIONS",
    "NOT_OFFER_PAGES",
    "CallToAction",
    "billed_amount",
    "billed_number",
    "billing_period",
    "calls_to_action",
    "price_amounts",
    "structured_price",
    "trial_offer",
]
