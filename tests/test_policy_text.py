"""Reading policy text: sentences, negation, durations and return windows, in four languages."""

from __future__ import annotations

import pytest

from sitelint.policy_text import (
    durations,
    find_unnegated,
    is_negated,
    matcher,
    return_window,
    sentences,
)


def test_sentences_keep_dates_and_abbreviations_together() -> None:
    text = (
        "Stand: 1. Juni 2026. Sie haben z. B. das Recht, binnen vierzehn Tagen zu widerrufen. "
        "Returns are free, e.g. by post! Questions? Ask us."
    )
    assert sentences(text) == [
        "Stand: 1. Juni 2026.",
        "Sie haben z. B. das Recht, binnen vierzehn Tagen zu widerrufen.",
        "Returns are free, e.g. by post!",
        "Questions?",
        "Ask us.",
    ]


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("within 7 days", 7),
        ("a 14-day return policy", 14),
        ("binnen vierzehn Tagen", 14),
        ("eine 14-tägige Widerrufsfrist", 14),
        ("ein siebentägiges Rückgaberecht", 7),
        ("within 48 hours", 2),
        ("within two weeks", 14),
        ("within 10 working days", 14),
        ("sous 7 jours", 7),
        ("dans un délai de quatorze jours", 14),
        ("en un plazo de 10 días hábiles", 14),
        ("dentro de los treinta días", 30),
    ],
)
def test_durations(text: str, days: float) -> None:
    assert [round(d.days) for d in durations(text)] == [days]


@pytest.mark.parametrize(
    "sentence",
    [
        "Items can be returned within 7 days of delivery.",
        "We offer 7-day returns on all items.",
        "Return within 48 hours of delivery for a refund.",
        "Returns are accepted within a week.",
        "You may return unused items within 9 working days.",
        "Wir gewähren ein 7-tägiges Rückgaberecht.",
        "Sie können Artikel innerhalb von 10 Tagen zurücksenden.",
        "Vous disposez de 7 jours pour retourner votre article.",
        "Dispone de un plazo de 10 días para devolver el producto.",
    ],
)
def test_short_return_windows(sentence: str) -> None:
    assert return_window(sentence, under_days=14) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "You have 14 days to return your order.",
        "We offer a 14-day return policy.",
        "Returns are accepted within two weeks.",
        "You may return unused items within 10 working days.",
        "Refunds are processed within 5 business days.",
        "Once we receive your return, we will process it within 3 business days.",
        "Please allow 7 days for your return to reach us.",
        "We will email you a return label within 2 days.",
        "Return shipping takes 5-7 days.",
        "Die Widerrufsfrist beträgt vierzehn Tage ab dem Tag, an dem Sie die Waren erhalten.",
        "Die Rückzahlung erfolgt innerhalb von 5 Werktagen nach Eingang der Rücksendung.",
        "Wir erstatten den Kaufpreis innerhalb von 5 Werktagen, nachdem die Rücksendung eintraf.",
        "Nous remboursons sous 5 jours après réception du retour.",
        "Tramitamos el reembolso en 5 días desde la recepción de la devolución.",
        "We ship within 2 days.",
    ],
)
def test_durations_that_are_not_a_short_return_window(sentence: str) -> None:
    assert return_window(sentence, under_days=14) is None


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("We never charge a restocking fee.", True),
        ("We do not charge a restocking fee.", True),
        ("Restocking fees are waived for faulty items.", True),
        ("Eine Rücksendegebühr erheben wir nicht.", True),
        ("Wir berechnen keine Rücksendegebühr.", True),
        ("Nous ne facturons pas de frais de restockage.", True),
        ("No cobramos gastos de gestión de la devolución.", True),
        ("A 15% restocking fee applies to opened items.", False),
        ("A restocking fee of 20% applies, no exceptions.", False),
        ("Es fällt eine Wiedereinlagerungsgebühr von 10 % an.", False),
    ],
)
def test_negation_of_a_fee(sentence: str, negated: bool) -> None:
    fees = matcher("returns_restocking_fee")
    match = fees.search(sentence)
    assert match is not None
    assert (find_unnegated(fees, sentence) is None) is negated


def test_is_negated_stops_at_a_clause_break() -> None:
    sentence = "If it is not faulty, a restocking fee applies"
    start = sentence.index("restocking")
    assert not is_negated(sentence, start, start + len("restocking fee"))


def test_missing_phrase_list_matches_nothing() -> None:
    assert matcher("no_such_list_anywhere").search("anything") is None
