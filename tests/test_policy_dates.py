"""sitelint.policy_dates: labelled policy dates in four languages, never a copyright year."""

from __future__ import annotations

from datetime import date

import pytest

from sitelint.gather.text import TextSegment
from sitelint.policy_dates import (
    latest_policy_date,
    months_before,
    months_earlier,
    parse_date,
    policy_dates,
)

SCAN = date(2026, 11, 1)


def segments(*texts: str, region: str = "main") -> list[TextSegment]:
    return [
        TextSegment(text, f"p:nth-of-type({n + 1})", "p", region, None, False)
        for n, text in enumerate(texts)
    ]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Last updated: 2 September 2026", "en", date(2026, 9, 2)),
        ("This policy was last updated on March 3, 2021.", "en", date(2021, 3, 3)),
        ("Effective date: 2025-01-15", "en", date(2025, 1, 15)),
        ("Stand: 12. März 2024", "de", date(2024, 3, 12)),
        ("Zuletzt aktualisiert am 01.05.2025", "de", date(2025, 5, 1)),
        ("Mis à jour le 3 mars 2025", "fr", date(2025, 3, 3)),
        ("Dernière mise à jour : 15 septembre 2025", "fr", date(2025, 9, 15)),
        ("Última actualización: 15 de marzo de 2024", "es", date(2024, 3, 15)),
        ("Fecha de entrada en vigor: 1 de enero de 2026", "es", date(2026, 1, 1)),
    ],
)
def test_labelled_dates_in_four_languages(text: str, language: str, expected: date) -> None:
    found = latest_policy_date(segments(text), language, SCAN)
    assert found is not None, text
    assert found.date == expected
    assert found.selector == "p:nth-of-type(1)"


def test_month_and_year_only_count_as_their_last_day() -> None:
    month = latest_policy_date(segments("Stand: März 2024"), "de", SCAN)
    year = latest_policy_date(segments("Effective 2024"), "en", SCAN)
    assert month is not None and (month.date, month.precision) == (date(2024, 3, 31), "month")
    assert year is not None and (year.date, year.precision) == (date(2024, 12, 31), "year")


def test_label_and_date_in_neighbouring_blocks() -> None:
    found = latest_policy_date(segments("Last updated", "2 September 2026"), "en", SCAN)
    assert found is not None and found.date == date(2026, 9, 2)


def test_not_policy_dates() -> None:
    texts = segments(
        "© 2026 Acme Ltd. All rights reserved.",
        "We updated our systems in 2024 to store less.",
        "Orders are updated within 30 days.",
        "Founded in 2009 in Bristol.",
        "Updated today.",
    )
    assert policy_dates(texts, "en", SCAN) == []


def test_latest_of_several_dates_wins() -> None:
    found = latest_policy_date(
        segments("Effective 1 January 2019. Last updated 2 May 2026."), "en", SCAN
    )
    assert found is not None and found.date == date(2026, 5, 2)


def test_unknown_language_tries_all_four() -> None:
    assert parse_date("12. März 2024", "") == (date(2024, 3, 12), "day")
    assert parse_date("no year here", "en") is None


def test_month_arithmetic() -> None:
    assert months_earlier(date(2026, 11, 1), 24) == date(2024, 11, 1)
    assert months_earlier(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2024, 10, 31), date(2026, 11, 1)) == 24
    assert months_before(date(2021, 3, 3), date(2026, 11, 1)) == 67
