"""Reading policy text: sentences, negation, durations, and what they say.

Shared by the returns and cancellation rules (SL503, SL504). Phrase rules
match meaning, not substrings (RULES.md), so a phrase is judged in its
sentence: "we never charge a restocking fee" and "Eine Rücksendegebühr
erheben wir nicht" are negated; "no refunds on shipping costs" is a limited,
ordinary rule; "refunds are processed within 5 days" is not a return window.
The word lists are data (``returns.toml`` in each language folder).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sitelint.keywords import PhraseMatcher, data_table, lexicon
from sitelint.negation import negated

# A sentence ends at . ! ? followed by a space, unless the period ends a
# number ("1. Juni 2026"), a single letter ("z. B.") or a known abbreviation.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"'“„«(]?[\w¿¡])")
_ABBREVIATIONS = frozenset(
    """
    e.g. i.e. etc. vs. approx. incl. excl. no. nr. st. str. co. inc. ltd. corp. dr. mr. mrs. ms.
    z.b. bzw. ca. ggf. inkl. zzgl. usw. vgl. evtl. u.a. d.h. abs. art. bgb. mwst. tel. nº. p.ex.
    env. cf. art. av. avda. núm. pág. ud. uds. sr. sra. mme. m. ste.
    """.split()  # noqa: SIM905
)
# Clauses: negation reaches no further than these.
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–|•·]|\s-\s")
_WORD = re.compile(r"[\w'’-]+")
_NEGATION_BEFORE, _NEGATION_AFTER = 5, 4


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Where each sentence of a text block starts and ends, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start()
        words = text[start:end].rsplit(None, 1)
        last = words[-1].casefold() if words else ""
        stem = last.rstrip(".!?…")
        # "1. Juni", "z. B.", "e.g.": not the end of a sentence; "2026." is.
        ordinal = stem.isdigit() and len(stem) <= 2
        if last.endswith(".") and (
            last in _ABBREVIATIONS or ordinal or (len(stem) == 1 and stem.isalpha())
        ):
            continue
        spans.append((start, end))
        start = match.end()
    spans.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed


def sentences(text: str) -> list[str]:
    """The sentences of a text block."""
    return [text[start:end] for start, end in sentence_spans(text)]


@cache
def _word_set(name: str) -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon().phrase_lists.get(name, ()))


def matcher(name: str) -> PhraseMatcher:
    """The phrase list ``name`` of every language, compiled (empty if none has it)."""
    vocab = lexicon()
    if name not in vocab.phrase_lists:
        return PhraseMatcher.compile(())
    return vocab.phrases(name)


def is_negated(sentence: str, start: int, end: int) -> bool:
    """Whether a negation governs the words at ``start:end`` of the sentence.

    The shared negation cues (sitelint/negation.py) a few words back ("we
    never charge a restocking fee") or on ("Rücksendegebühr erheben wir
    nicht"), or a waiver just after ("restocking fees are waived"); never
    past a clause break.
    """
    if negated(sentence, start, end, before=_NEGATION_BEFORE, after=_NEGATION_AFTER):
        return True
    waivers = _word_set("returns_waived")
    tail = _CLAUSE_BREAK.split(sentence[end:])[0]
    return any(w.casefold() in waivers for w in _WORD.findall(tail)[:_NEGATION_AFTER])


def find_unnegated(phrases: PhraseMatcher, sentence: str) -> re.Match[str] | None:
    """The first match of a phrase in the sentence that no negation governs."""
    for match in phrases.finditer(sentence):
        if not is_negated(sentence, match.start(), match.end()):
            return match
    return None


@dataclass(frozen=True, slots=True)
class Duration:
    days: float
    text: str
    start: int
    end: int


@cache
def _duration_pattern() -> tuple[re.Pattern[str], dict[str, float], dict[str, float]]:
    units = {k: float(v) for k, v in data_table("duration_units").items()}  # type: ignore[arg-type]
    numbers = {k: float(v) for k, v in data_table("number_words").items()}  # type: ignore[arg-type]

    def alternation(words: dict[str, float]) -> str:
        return "|".join(
            r"\s+".join(re.escape(part) for part in w.split())
            for w in sorted(words, key=len, reverse=True)
        )

    # "14 days", "14-day", "7-tägige", "vierzehntägige", "48h", "two weeks"
    pattern = re.compile(
        rf"(?<![\w.,])(?P<number>\d{{1,3}}(?:[.,]5)?|{alternation(numbers)})"
        rf"[\s\-–]*(?P<unit>{alternation(units)})(?![\w])",
        re.IGNORECASE,
    )
    return pattern, units, numbers


def durations(sentence: str) -> list[Duration]:
    """Every stated length of time in the sentence, in days."""
    pattern, units, numbers = _duration_pattern()
    found = []
    for match in pattern.finditer(sentence):
        raw = match.group("number").casefold()
        number = float(raw.replace(",", ".")) if raw[0].isdigit() else numbers.get(raw)
        unit = units.get(" ".join(match.group("unit").casefold().split()))
        if number is None or unit is None:
            continue
        found.append(Duration(number * unit, match.group(0), match.start(), match.end()))
    return found


def _words_between(sentence: str, start: int, end: int) -> list[str]:
    return [w.casefold() for w in _WORD.findall(sentence[start:end])]


# How many words may stand between a return word and the duration it governs:
# "items can be returned within 7 days" (2), "7 Tage Rückgaberecht" (0).
_WINDOW_BEFORE, _WINDOW_AFTER = 6, 3


def return_window(sentence: str, *, under_days: float) -> Duration | None:
    """A return window shorter than ``under_days`` that the sentence gives, if any."""
    spans = durations(sentence)
    if not spans:
        return None
    window_words = list(matcher("returns_window_words").finditer(sentence))
    if not window_words:
        return None
    blockers = _word_set("returns_window_blockers")
    for duration in spans:
        if duration.days >= under_days:
            continue
        lead_in = set(_words_between(sentence, 0, duration.start))
        for word in window_words:
            if word.end() <= duration.start:
                between = _words_between(sentence, word.end(), duration.start)
                if len(between) > _WINDOW_BEFORE:
                    continue
            elif word.start() >= duration.end:
                # "7 days to return" reads as a window; "we refund within 5 days,
                # once your return arrives" does not.
                gap = sentence[duration.end : word.start()]
                between = _words_between(sentence, duration.end, word.start())
                if len(between) > _WINDOW_AFTER or _CLAUSE_BREAK.search(gap) or blockers & lead_in:
                    continue
            else:
                between = []  # the duration is part of the phrase ("money-back")
            if not blockers & set(between):
                return duration
    return None


__all__ = [
    "Duration",
    "durations",
    "find_unnegated",
    "is_negated",
    "matcher",
    "return_window",
    "sentence_spans",
    "sentences",
]
