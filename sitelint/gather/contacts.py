"""Contact points on a page: email addresses and phone numbers, and where they are."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import phonenumbers

from sitelint.gather.links import Link
from sitelint.gather.text import TextSegment
from sitelint.keywords import has_digit

_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w-])"
)
# Public for the gatherers that tell a plain address from an obfuscated one.
EMAIL_PATTERN = _EMAIL
_DIGITS = re.compile(r"\d")
# Phone matching is the costliest text pass: only segments with enough digits
# to hold a number are handed to libphonenumber.
_MIN_PHONE_DIGITS = 7


@dataclass(frozen=True, slots=True)
class ContactPoint:
    kind: str  # "email" or "phone"
    value: str  # the address, or the number in E.164
    text: str  # as written on the page
    selector: str
    source: str  # "text" or "link"
    region: str
    hidden_reason: str | None

    @property
    def visible(self) -> bool:
        return self.hidden_reason is None


def _email_from_mailto(href: str) -> str:
    address = unquote(urlsplit(href).path)
    return address.split(",")[0].strip()


def _phone_from_tel(href: str, region: str) -> str | None:
    number = unquote(href.split(":", 1)[1]).strip()
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phones_in(text: str, region: str) -> list[tuple[str, str]]:
    """(E.164 number, raw text) for every valid phone number in the text."""
    # Most texts hold no digit at all, which has_digit() says at once.
    if not has_digit(text) or len(_DIGITS.findall(text)) < _MIN_PHONE_DIGITS:
        return []
    return list(_phones_in(text, region))


# The same footer or contact block repeats on every page of a site.
@lru_cache(maxsize=4096)
def _phones_in(text: str, region: str) -> tuple[tuple[str, str], ...]:
    found = []
    for match in phonenumbers.PhoneNumberMatcher(
        text, region, leniency=phonenumbers.Leniency.VALID
    ):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        found.append((number, match.raw_string))
    return tuple(found)


def extract_contacts(
    segments: Iterable[TextSegment], links: Iterable[Link], region: str
) -> list[ContactPoint]:
    points: list[ContactPoint] = []
    for link in links:
        if link.scheme == "mailto":
            address = _email_from_mailto(link.href)
            if _EMAIL.fullmatch(address):
                points.append(
                    ContactPoint(
                        "email",
                        address.lower(),
                        link.text or address,
                        link.selector,
                        "link",
                        link.region,
                        link.hidden_reason,
                    )
                )
        elif link.scheme == "tel":
            number = _phone_from_tel(link.href, region)
            if number:
                points.append(
                    ContactPoint(
                        "phone",
                        number,
                        link.text or number,
                        link.selector,
                        "link",
                        link.region,
                        link.hidden_reason,
                    )
                )
    for segment in segments:
        # Far cheaper than the pattern, which tries every word as an address.
        emails = _EMAIL.finditer(segment.text) if "@" in segment.text else ()
        for match in emails:
            points.append(
                ContactPoint(
                    "email",
                    match.group(0).lower(),
                    match.group(0),
                    segment.selector,
                    "text",
                    segment.region,
                    segment.hidden_reason,
                )
            )
        for number, raw in phones_in(segment.text, region):
            points.append(
                ContactPoint(
                    "phone",
                    number,
                    raw,
                    segment.selector,
                    "text",
                    segment.region,
                    segment.hidden_reason,
                )
            )
    return points
