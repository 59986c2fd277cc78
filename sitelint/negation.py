"""Is a phrase found in a text negated? ("you cannot opt out", "guest checkout is not available").

Phrase rules judge meaning, not substrings: a match counts only when no
negation cue (``negation_cues`` in sitelint/data/lang/<code>/negation.toml)
stands a few words before it, or after it when asked, within the same
clause. A comma, a semicolon, a dash or a sentence end closes the clause, so
"If you do not want them, you can opt out" is not negated. The window is
small on purpose: a cue far away usually belongs to another verb, and a
wrong "negated" can turn into a false finding as easily as a wrong match.
"""

from __future__ import annotations

import re
from functools import cache

from sitelint.keywords import PhraseMatcher, lexicon

_CLAUSE_END = re.compile(r"[.!?;:,()\[\]{}\n–—]|\s-\s|\s\|\s")
_WORD = re.compile(r"\w+(?:['’]\w+)*")


@cache
def _cues() -> frozenset[str]:
    return frozenset(cue.casefold() for cue in lexicon().phrase_lists.get("negation_cues", ()))


def _is_cue(word: str, cues: frozenset[str]) -> bool:
    word = word.casefold().replace("’", "'")
    if word in cues:
        return True
    # French elision: "n'est", "n'avez" carry the "n'" of "ne ... pas".
    head, apostrophe, _ = word.partition("'")
    return bool(apostrophe) and f"{head}'" in cues


def negated(
    text: str, start: int, end: int | None = None, *, before: int = 3, after: int = 0
) -> bool:
    """Whether ``text[start:end]`` is negated by a cue ``before`` words ahead of it
    (or ``after`` words behind it) in the same clause."""
    cues = _cues()
    head = text[:start]
    clause_starts = [m.end() for m in _CLAUSE_END.finditer(head)]
    head = head[clause_starts[-1] :] if clause_starts else head
    if any(_is_cue(word, cues) for word in _WORD.findall(head)[-before:] if before):
        return True
    if after and end is not None:
        tail = text[end:]
        clause_end = _CLAUSE_END.search(tail)
        tail = tail[: clause_end.start()] if clause_end else tail
        if any(_is_cue(word, cues) for word in _WORD.findall(tail)[:after]):
            return True
    return False


def affirmed(
    matcher: PhraseMatcher, text: str, *, before: int = 3, after: int = 0
) -> re.Match[str] | None:
    """The first match of a phrase list in the text that is not negated."""
    for match in matcher.finditer(text):
        if not negated(text, match.start(), match.end(), before=before, after=after):
            return match
    return None
