"""The date a policy states for itself: "Last updated: 2 September 2026", "Stand: März 2024".

A policy date is a date that follows one of the ``privacy_date_labels``
(sitelint/data/lang/<code>/privacy.toml) in the page's text, in the same
text block or at the start of the next one (``<dt>Last updated</dt><dd>...``).
Anything else is not a policy date: a copyright year in the footer, a date
in the history of the company, a date in an example. Dates are read with
``dateparser`` in English, German, French and Spanish, and must name a year
in four digits, so "updated within 30 days" and "updated today" are not dates.

A date given to the month or the year is taken at the end of that month or
year, which is the reading most favourable to the site: a staleness finding
then never depends on a day nobody wrote.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from dateparser.date import DateDataParser

from sitelint.gather.text import TextSegment
from sitelint.keywords import lexicon

DATE_LANGUAGES = ("en", "de", "fr", "es")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_LEADING = re.compile(r"^[\s:：\-–—.,(\[]+")
_TRAILING = ".,;:)]"
_MAX_WORDS = 7
_MAX_LABELS = 30


@dataclass(frozen=True)
class PolicyDate:
    date: date
    label: str  # the label as written ("Last updated")
    written: str  # the date as written ("2 September 2026")
    precision: str  # "day", "month" or "year"
    text: str  # the text block it was found in
    selector: str


@cache
def _parser(languages: tuple[str, ...], today: date) -> DateDataParser:
    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime(today.year, today.month, today.day),
        "PREFER_DAY_OF_MONTH": "last",
        "REQUIRE_PARTS": ["year"],
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=list(languages), settings=settings)


def parse_date(text: str, language: str = "", today: date | None = None) -> tuple[date, str] | None:
    """A date written as the whole of ``text`` (with a four-digit year), and its precision."""
    if not _YEAR.search(text):
        return None
    language = language.lower()[:2]
    languages = (language,) if language in DATE_LANGUAGES else DATE_LANGUAGES
    data = _parser(languages, today or date.today()).get_date_data(text)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    precision = data.period or "day"
    if precision == "year":
        found = date(found.year, 12, 31)
    elif precision == "month":
        found = date(found.year, found.month, calendar.monthrange(found.year, found.month)[1])
    return found, precision


def _date_at_start(text: str, language: str, today: date) -> tuple[date, str, str] | None:
    """The shortest run of words at the start of ``text`` that reads as a date.

    One leading word may be skipped: the "on", "am", "le" or "el" that
    joins a label to its date.
    """
    words = _LEADING.sub("", text).split()[: _MAX_WORDS + 1]
    for skip in (0, 1):
        for size in range(1, _MAX_WORDS + 1):
            if skip + size > len(words):
                break
            candidate = " ".join(words[skip : skip + size]).rstrip(_TRAILING)
            parsed = parse_date(candidate, language, today) if candidate else None
            if parsed:
                return parsed[0], parsed[1], candidate
    return None


def policy_dates(segments: Sequence[TextSegment], language: str, today: date) -> list[PolicyDate]:
    """Every labelled date in the text blocks, in document order."""
    labels = lexicon().phrases("privacy_date_labels")
    found: list[PolicyDate] = []
    seen_labels = 0
    for position, segment in enumerate(segments):
        for match in labels.finditer(segment.text):
            seen_labels += 1
            if seen_labels > _MAX_LABELS:
                return found
            rest = segment.text[match.end() :]
            source = segment
            if not _LEADING.sub("", rest).strip() and position + 1 < len(segments):
                source = segments[position + 1]
                rest = source.text
            parsed = _date_at_start(rest, language, today)
            if parsed:
                found.append(
                    PolicyDate(
                        date=parsed[0],
                        label=match.group(0),
                        written=parsed[2],
                        precision=parsed[1],
                        text=segment.text if source is segment else f"{segment.text} {source.text}",
                        selector=segment.selector,
                    )
                )
    return found


def latest_policy_date(
    segments: Sequence[TextSegment], language: str, today: date
) -> PolicyDate | None:
    """The most recent labelled date: the one a reader takes as the policy's."""
    dates = policy_dates(segments, language, today)
    return max(dates, key=lambda d: d.date) if dates else None


def months_before(earlier: date, later: date) -> int:
    """Whole months from ``earlier`` to ``later`` (negative if ``earlier`` is later)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def months_earlier(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
