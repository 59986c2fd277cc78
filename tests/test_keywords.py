"""Phrase matchers: the trie pattern and the word-set shortcuts match as the plain regex did."""

from __future__ import annotations

import re

import pytest

from sitelint.keywords import PhraseMatcher, ascii_words, lexicon, normalise


def _flat(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """The reference: every phrase as an alternative, longest first."""
    alternatives = "|".join(
        r"\s+".join(re.escape(word) for word in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


_CONTEXTS = (
    "{}",
    "Please {} today.",
    "{}!",
    "x{}",
    "{}x",
    "(({})) and {} again",
    "Our team will {} - see the FAQ, or call us to {}.",
    "nothing to see here, " * 4 + "{}",
)


def _texts(phrases: tuple[str, ...]) -> list[str]:
    texts = []
    for phrase in phrases:
        for variant in (phrase, phrase.upper(), phrase.title(), phrase.replace(" ", "\n  ")):
            texts.extend(context.replace("{}", variant) for context in _CONTEXTS)
        words = phrase.split()
        if len(words) > 1:
            # The words without their neighbours, and with others between them.
            texts.append(" and ".join(words) + " is a longer text that goes on for a while")
            texts.append(" ".join(reversed(words)) + " is a longer text that goes on for a while")
    return texts


LISTS = sorted(lexicon().phrase_lists)


@pytest.mark.parametrize("name", LISTS)
def test_matchers_find_what_the_flat_regex_finds(name: str) -> None:
    matcher = lexicon().phrases(name)
    reference = _flat(matcher.phrases)
    for text in _texts(matcher.phrases):
        expected = [(m.span(), m.group(0)) for m in reference.finditer(text)]
        assert [(m.span(), m.group(0)) for m in matcher.finditer(text)] == expected, text
        first = reference.search(text)
        assert matcher.search(text) == (first.group(0) if first else None), text
        assert matcher.fullmatch(text) == (reference.fullmatch(normalise(text)) is not None), text


def test_the_longest_phrase_wins() -> None:
    matcher = PhraseMatcher.compile(["privacy", "privacy policy", "privacy policy page"])
    assert matcher.search("Read our Privacy Policy now") == "Privacy Policy"
    assert matcher.search("Read our privacy policyx") == "privacy"
    assert matcher.search("xprivacy") is None


def test_a_long_text_without_the_words_skips_the_regex() -> None:
    matcher = PhraseMatcher.compile(["cancel your subscription", "opt out"])
    long = "We ship widgets to every country on earth, quickly and reliably, every day. " * 3
    assert not matcher.may_match(long)
    assert matcher.may_match(long + " You may opt-out")  # "opt" and "out" are words of it
    assert matcher.search(long + " You may opt  out") == "opt  out"
    assert matcher.search(long + " You may opt-out") is None


def test_ascii_words_are_lower_case_runs_of_word_characters() -> None:
    assert ascii_words("Don't STOP-me_now, 24/7!") == frozenset(
        {"don", "t", "stop", "me_now", "24", "7"}
    )
    assert ascii_words("Kündigen") is None


def test_the_dotless_i_still_takes_the_regex() -> None:
    # The case-insensitive regex takes "ı" for "i"; a set lookup would not.
    matcher = PhraseMatcher.compile(["ıt works"])
    reference = _flat(matcher.phrases)
    text = "and then it works, " * 6
    assert matcher.may_match(text)
    assert matcher.search(text) == reference.search(text).group(0)  # type: ignore[union-attr]
    assert matcher.fullmatch("it works") == (reference.fullmatch("it works") is not None)


def test_has_digit_agrees_with_the_regex() -> None:
    import re

    from sitelint.keywords import has_digit

    texts = [
        "",
        "abc",
        "a1",
        "only 9 left",
        "0",
        "\u0663 days",
        "caf\u00e9 5",
        "caf\u00e9",
        "\uff15",
    ]
    texts += [chr(code) for code in range(0x0660, 0x0670)]
    for text in texts:
        assert has_digit(text) == (re.search(r"\d", text) is not None), text
