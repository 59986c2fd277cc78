"""Keyword and phrase lists per language, compiled once into matchers.

The lists are data, not code: ``sitelint/data/lang/<code>/<topic>.toml``
(pages.toml for page kinds, one file per rule topic for phrases), so a new
language is a new folder and a new topic is a new file in each. Every
matcher is one compiled regular expression over all the phrases of all
languages, because many sites mix languages and many pages declare none.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sitelint.models import PageKind

_PUNCTUATION = re.compile(r"[^\w&/]+")


def normalise(text: str) -> str:
    """Lower-case, with punctuation and runs of whitespace turned into one space."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


@dataclass(frozen=True)
class PhraseMatcher:
    """Finds any of a list of phrases on word boundaries."""

    phrases: tuple[str, ...]
    pattern: re.Pattern[str]

    @classmethod
    def compile(cls, phrases: Iterable[str]) -> PhraseMatcher:
        unique = tuple(sorted({p.casefold().strip() for p in phrases if p.strip()}, key=len))
        if not unique:
            return cls((), re.compile(r"(?!x)x"))
        # Longest first so "privacy policy" wins over "privacy".
        alternatives = "|".join(
            r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in reversed(unique)
        )
        return cls(unique, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE))

    def search(self, text: str) -> str | None:
        """The first phrase found in the text, as it appears there."""
        match = self.pattern.search(text)
        return match.group(0) if match else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text)

    def fullmatch(self, text: str) -> bool:
        """Whether the whole (normalised) text is one of the phrases."""
        return self.pattern.fullmatch(normalise(text)) is not None


@dataclass(frozen=True)
class KindVocabulary:
    url_words: frozenset[str]
    text: PhraseMatcher


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The merged vocabulary of a set of languages."""

    languages: tuple[str, ...]
    page_kinds: dict[PageKind, KindVocabulary]
    phrase_lists: dict[str, tuple[str, ...]]

    def phrases(self, name: str) -> PhraseMatcher:
        return _compiled(self, name)


@cache
def _compiled(lexicon: Lexicon, name: str) -> PhraseMatcher:
    if name not in lexicon.phrase_lists:
        raise KeyError(f"no phrase list {name!r} in languages {', '.join(lexicon.languages)}")
    return PhraseMatcher.compile(lexicon.phrase_lists[name])


def available_languages() -> tuple[str, ...]:
    folders = resources.files("sitelint.data.lang").iterdir()
    return tuple(sorted(f.name for f in folders if f.is_dir() and not f.name.startswith("_")))


@cache
def _language_files(code: str) -> tuple[dict[str, object], ...]:
    folder = resources.files("sitelint.data.lang").joinpath(code)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    parsed = []
    for file in files:
        try:
            parsed.append(tomllib.loads(file.read_text("utf-8")))
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"sitelint/data/lang/{code}/{file.name}: {error}") from error
    return tuple(parsed)


@cache
def data_table(name: str, languages: tuple[str, ...] | None = None) -> dict[str, object]:
    """A named top-level table (``[number_words]``) merged over the languages' files.

    For data that maps a word to a value rather than listing phrases; keys are
    casefolded, and a later language never overrides an earlier one's value.
    """
    merged: dict[str, object] = {}
    for code in languages or available_languages():
        for data in _language_files(code):
            table = data.get(name, {})
            assert isinstance(table, dict), f"[{name}] in {code} must be a table"
            for key, value in table.items():
                merged.setdefault(key.casefold(), value)
    return merged


@cache
def lexicon(languages: tuple[str, ...] | None = None) -> Lexicon:
    """The vocabulary of the given languages (all shipped languages by default)."""
    codes = languages or available_languages()
    url_words: dict[PageKind, set[str]] = {kind: set() for kind in PageKind}
    kind_text: dict[PageKind, set[str]] = {kind: set() for kind in PageKind}
    phrase_lists: dict[str, list[str]] = {}
    for data in (data for code in codes for data in _language_files(code)):
        kinds = data.get("page_kinds", {})
        assert isinstance(kinds, dict)
        for kind_name, entry in kinds.items():
            kind = PageKind(kind_name)
            url_words[kind].update(normalise(word) for word in entry.get("url", []))
            # fullmatch() compares normalised text, so the phrases are normalised
            # the same way ("money-back guarantee", "qui sommes-nous").
            kind_text[kind].update(normalise(phrase) for phrase in entry.get("text", []))
        phrases = data.get("phrases", {})
        assert isinstance(phrases, dict)
        for name, values in phrases.items():
            phrase_lists.setdefault(name, []).extend(values)
    return Lexicon(
        languages=tuple(codes),
        page_kinds={
            kind: KindVocabulary(frozenset(url_words[kind]), PhraseMatcher.compile(kind_text[kind]))
            for kind in PageKind
        },
        phrase_lists={name: tuple(values) for name, values in phrase_lists.items()},
    )
