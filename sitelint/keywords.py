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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

from sitelint.models import PageKind

_PUNCTUATION = re.compile(r"[^\w&/]+")
_DOTLESS_I = "\u0131"
_SHORT_TEXT = 200


def normalise(text: str) -> str:
    """Lower-case, with punctuation and runs of whitespace turned into one space."""
    if len(text) > _SHORT_TEXT:
        return _normalise(text)
    return _normalise_short(text)


def _normalise(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


# Page kinds ask this of every link text once per kind, and link texts repeat
# on every page of a site; long texts are rarely asked twice.
_normalise_short = lru_cache(maxsize=4096)(_normalise)


# Texts shorter than this go straight to the regex: splitting them costs as much.
_WORDS_FIRST_FROM = 80
_LEADING_WORD = re.compile(r"\w*")
# Per byte of ASCII text: letters lower-cased, digits and "_" kept, anything
# else a space. bytes.translate is a table lookup per byte, several times
# cheaper than str.translate.
_WORD_BYTES = bytes(
    ord(chr(code).lower()) if code < 128 and (chr(code).isalnum() or code == 95) else 32
    for code in range(256)
)


_ANY_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """Whether the text holds a digit of any script (what the regex \\d finds)."""
    if text.isascii():
        # Ten substring tests run at memchr speed; the regex steps through
        # the text a character at a time.
        return (
            "0" in text
            or "1" in text
            or "2" in text
            or "3" in text
            or "4" in text
            or "5" in text
            or "6" in text
            or "7" in text
            or "8" in text
            or "9" in text
        )
    return _ANY_DIGIT.search(text) is not None


def words_of(text: str) -> frozenset[str] | None:
    """The lower-cased words (runs of word characters) of an ASCII text; None if not ASCII.

    For ASCII text, a case-insensitive regex match of a word is equality of
    the lower-cased words.
    """
    if not text.isascii():
        return None
    return frozenset(text.encode("ascii").translate(_WORD_BYTES).decode("ascii").split())


# Several rules look for their phrases in the same text segments of a page.
ascii_words = lru_cache(maxsize=1024)(words_of)


def trie_regex(phrases: Iterable[Sequence[str]], joiner: str = r"\s+") -> str:
    """One regex for any of the phrases, each given as its words, joined by ``joiner``.

    Built as a character trie: Python's regex engine tries the branches of a
    flat "a|b|c" one by one at every position of a text, and a trie shares
    their prefixes, which makes a list of a hundred phrases several times
    cheaper. Every optional tail is greedy, so the longest phrase matching
    at a position wins, as "privacy policy" over "privacy".
    """
    trie: dict[str, Any] = {}
    for words in phrases:
        node = trie
        for index, word in enumerate(words):
            if index:
                node = node.setdefault(" ", {})
            for character in word:
                node = node.setdefault(character, {})
        node[""] = {}
    return _trie_pattern(trie, joiner)


def _trie_pattern(node: dict[str, Any], joiner: str) -> str:
    branches = [
        (joiner if key == " " else re.escape(key)) + _trie_pattern(child, joiner)
        for key, child in sorted(node.items())
        if key
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body


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
        alternatives = trie_regex(phrase.split() for phrase in unique)
        return cls(unique, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE))

    def search(self, text: str) -> str | None:
        """The first phrase found in the text, as it appears there."""
        if not self.may_match(text):
            return None
        match = self.pattern.search(text)
        return match.group(0) if match else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if not self.may_match(text):
            return iter(())
        return self.pattern.finditer(text)

    def may_match(self, text: str) -> bool:
        """False when no phrase can be in the text; True when one may be.

        For a longer ASCII text, looked up in its set of words (see
        ascii_words): the regex tries every phrase at every position, which
        costs several times more, and most texts hold none of the phrases.
        """
        required = self._required_words
        if required is None or len(text) < _WORDS_FIRST_FROM:
            return True
        words = ascii_words(text)
        if words is None:
            return True
        keys, needs = required
        # Most texts share no word with a list: isdisjoint says so without
        # building the intersection.
        if keys.isdisjoint(words):
            return False
        return any(phrase_words <= words for key in keys & words for phrase_words in needs[key])

    @cached_property
    def _required_words(
        self,
    ) -> tuple[frozenset[str], dict[str, tuple[frozenset[str], ...]]] | None:
        """For each phrase, the words any text it matches holds as whole words.

        In the pattern each word of a phrase follows a non-word character
        (or the start) and its leading word characters run up to a non-word
        character, so they are a whole word of the text. Indexed by the
        longest such word of each phrase. None when a phrase has none, or
        holds the dotless i, which the case-insensitive regex takes for "i".
        """
        index: dict[str, list[frozenset[str]]] = {}
        for phrase in self.phrases:
            if _DOTLESS_I in phrase:
                return None
            runs = frozenset(
                run.group(0)
                for run in (_LEADING_WORD.match(word) for word in phrase.split())
                if run and run.group(0)
            )
            if not runs:
                return None
            index.setdefault(max(runs, key=len), []).append(runs)
        return frozenset(index), {key: tuple(value) for key, value in index.items()}

    def fullmatch(self, text: str) -> bool:
        """Whether the whole (normalised) text is one of the phrases."""
        return self.fullmatch_normalised(normalise(text))

    def fullmatch_normalised(self, plain: str) -> bool:
        """fullmatch() for a text normalise() has already read."""
        whole = self._whole_phrases
        if whole is None or _DOTLESS_I in plain:
            return self.pattern.fullmatch(plain) is not None
        return plain in whole

    @cached_property
    def _whole_phrases(self) -> frozenset[str] | None:
        """The phrases as normalise() spells a text, for a set lookup instead of the regex.

        Both sides are casefolded, and for casefolded text the regex's
        case-insensitive match is plain equality, except that it also takes
        the dotless i for an i: such phrases and texts take the regex.
        """
        if any(_DOTLESS_I in phrase for phrase in self.phrases):
            return None
        return frozenset(" ".join(phrase.split()) for phrase in self.phrases)


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
