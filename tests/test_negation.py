"""sitelint.negation: a phrase counts only when no cue negates it in its clause."""

from __future__ import annotations

from sitelint.keywords import lexicon
from sitelint.negation import affirmed, negated


def _at(text: str, phrase: str) -> tuple[int, int]:
    start = text.lower().index(phrase)
    return start, start + len(phrase)


def test_cue_before_in_the_same_clause() -> None:
    text = "You cannot opt out of service emails."
    assert negated(text, *_at(text, "opt out"))
    text = "There is no unsubscribe link."
    assert negated(text, *_at(text, "unsubscribe"))


def test_clause_boundary_stops_the_cue() -> None:
    text = "If you do not want our letters, you can opt out at any time."
    assert not negated(text, *_at(text, "opt out"))


def test_far_cue_is_ignored() -> None:
    text = "We do not share data and you can always opt out."
    assert not negated(text, *_at(text, "opt out"))


def test_cue_after_only_when_asked() -> None:
    text = "Guest checkout is not available"
    start, end = _at(text, "guest checkout")
    assert not negated(text, start, end)
    assert negated(text, start, end, after=3)


def test_other_languages() -> None:
    text = "Vous ne pouvez pas vous désabonner."
    assert negated(text, *_at(text, "désabonner"))
    text = "Sie können nicht widersprechen."
    assert negated(text, *_at(text, "widersprechen"))
    text = "No es posible darse de baja."
    assert negated(text, *_at(text, "darse de baja"), before=4)


def test_affirmed_skips_negated_matches() -> None:
    opt_out = lexicon().phrases("privacy_opt_out")
    assert (
        affirmed(opt_out, "You cannot opt out. Every letter has an unsubscribe link.") is not None
    )
    assert affirmed(opt_out, "You cannot opt out.") is None
