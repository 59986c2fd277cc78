"""Monetary amounts shown on a page."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from price_parser import Price

from sitelint.gather.text import TextSegment
from sitelint.keywords import has_digit

_SYMBOLS = (
    r"[$€£¥₹₩₽₺₪]|US\$|A\$|C\$|CA\$|AU\$|NZ\$|HK\$|R\$|Fr\.|"
    r"CHF|EUR|USD|GBP|JPY|SEK|NOK|DKK|PLN|CZK|AUD|CAD|kr"
)
_NUMBER = r"\d{1,3}(?:[ .,'\u00a0\u202f]\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
# A currency next to a number, on either side.
_AMOUNT = re.compile(
    rf"(?:(?<![\w])(?:{_SYMBOLS})\s?(?:{_NUMBER})(?![\d])|(?<![\w.,])(?:{_NUMBER})\s?(?:{_SYMBOLS})(?![\w]))"
)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str
    text: str
    selector: str
    fine_print: bool


def extract_prices(segments: Iterable[TextSegment]) -> list[Money]:
    found: list[Money] = []
    for segment in segments:
        # An amount has digits; looking for one is far cheaper than the pattern.
        if not segment.visible or not has_digit(segment.text):
            continue
        for match in _AMOUNT.finditer(segment.text):
            price = Price.fromstring(match.group(0))
            if price.amount is None:
                continue
            found.append(
                Money(
                    price.amount,
                    price.currency or "",
                    match.group(0),
                    segment.selector,
                    segment.fine_print,
                )
            )
    return found
