"""Dark-pattern claims in visible text: the shared matcher of SL701-SL708.

The categories are Mathur et al.'s ("Dark Patterns at Scale", CSCW 2019):
urgency (countdowns, limited-time messages), scarcity (low stock, high
demand), social proof (activity notifications), misdirection (confirmshaming,
trick questions) and sneaking (sneak into basket).

The words come from ``darkpatterns_*`` lists in
``sitelint/data/lang/<code>/darkpatterns.toml``; this module only says how they
combine: a count before "left", a duration after "ends in", a decline before
a shaming clause. Matching is on one text segment (a leaf block) at a time,
and meaning wins over substrings: a negated use ("no need to hurry"), an
unrelated one ("only 3 branches left open on Sundays", "the store closes in 2
hours", "in a hurry?") and a time of day ("ends at 23:59") do not count.

``segment_claims(text)`` returns every claim of a segment, already resolved
against each other: a bare "Hurry!" beside "Only 2 left" is the stock claim's
emphasis, not a second finding, and "Last chance" beside a ticking countdown
is that countdown's label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache, cached_property, lru_cache

from sitelint.gather.page import Page
from sitelint.gather.prices import extract_prices
from sitelint.gather.text import TextSegment
from sitelint.keywords import ascii_words, has_digit, lexicon, trie_regex
from sitelint.negation import negated


class ClaimKind(StrEnum):
    COUNTDOWN = "countdown"  # SL701
    LIMITED_TIME = "limited-time"  # SL702
    URGENCY_IMPERATIVE = "urgency-imperative"  # SL702
    LOW_STOCK = "low-stock"  # SL703
    HIGH_DEMAND = "high-demand"  # SL704
    ACTIVITY = "activity"  # SL705
    CONFIRMSHAMING = "confirmshaming"  # SL706
    TRICK_QUESTION = "trick-question"  # SL708


@dataclass(frozen=True, slots=True)
class Claim:
    kind: ClaimKind
    phrase: str  # the exact text that triggered it, as the page shows it
    start: int
    end: int


# Curly quotes and odd spaces, replaced one character for one so that match
# offsets in the normalised text are offsets in the page's text.
_SAME_LENGTH = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "\u00a0": " ", "\u202f": " "})
_WORDS = re.compile(r"[^\W_]+(?:['.][^\W_]+)*")
_SENTENCE_END = re.compile(r"(?<!\d)[.!?;|](?!\d)|[!?;|]|\s[-–—]\s|[()\[\]•·]")
_CLAUSE_END = re.compile(r"(?<!\d)[.,:](?!\d)|[!?;|()\[\]•·*]|\s[-–—/]\s")
_MAX_SHAMING_WORDS = 25
_MAX_TRICK_WORDS = 120
_MAX_ACTIVITY_WORDS = 45
_SHORT_BADGE_WORDS = 5
_OPENS_CLAUSE = re.compile(r"(?:^|[.!?|:;)\]])[\W_]*$")
_CLAUSE_OPENINGS = re.compile(r"(?:^|[.!?|:;)\]])[\W_]*")


def normalise(text: str) -> str:
    """The text with curly apostrophes and odd spaces made plain, offsets kept."""
    if text.isascii() and "`" not in text:
        return text  # nothing to replace: the one ASCII character mapped is "`"
    return text.translate(_SAME_LENGTH)


@lru_cache(maxsize=256)
def _whole_word(word: str) -> re.Pattern[str]:
    """A word of ASCII word characters, not part of a longer one (as ascii_words splits)."""
    return re.compile(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])")


def _phrases(name: str) -> tuple[str, ...]:
    return lexicon().phrase_lists.get(name, ())


def _alternation(name: str, *, joiner: str = r"[\s\-]+", min_length: int = 1) -> str:
    """One regex group matching any phrase of a list, longest first."""
    return _alternation_of(_phrases(name), joiner=joiner, min_length=min_length)


def _alternation_of(
    phrases: tuple[str, ...], *, joiner: str = r"[\s\-]+", min_length: int = 1
) -> str:
    """A regex group for any of the phrases (a trie, see keywords.trie_regex),
    their words joined by ``joiner``; a hyphen counts as a space."""
    cleaned = [normalise(phrase).lower().strip() for phrase in phrases]
    kept = [text.replace("-", " ").split() for text in cleaned if len(text) >= min_length]
    return f"(?:{trie_regex(kept, joiner)})" if kept else r"(?!x)x"


def _word_set(name: str) -> frozenset[str]:
    return frozenset(normalise(p).lower().strip() for p in _phrases(name))


def _bounded(pattern: str) -> str:
    return rf"(?<![\w]){pattern}(?![\w])"


# The lists without whose words a kind's patterns cannot match (its gate);
# the countdown's gate is digits, labels and "ends in", built in patterns().
_GATE_LISTS: dict[ClaimKind, tuple[str, ...]] = {
    ClaimKind.COUNTDOWN: ("darkpatterns_deadline_in",),
    ClaimKind.LIMITED_TIME: ("darkpatterns_limited_time", "darkpatterns_stock_depleting"),
    ClaimKind.URGENCY_IMPERATIVE: (
        "darkpatterns_urgency_imperatives",
        "darkpatterns_urgency_imperatives_alone",
        "darkpatterns_urgency_exclamations",
    ),
    ClaimKind.LOW_STOCK: (
        "darkpatterns_low_stock",
        "darkpatterns_stock_depleting",
        "darkpatterns_stock_after",
        "darkpatterns_stock_strong_qualifiers",
        "darkpatterns_stock_remain_before",
        "darkpatterns_claimed",
    ),
    ClaimKind.HIGH_DEMAND: (
        "darkpatterns_high_demand",
        "darkpatterns_viewing",
        "darkpatterns_viewer_nouns",
        "darkpatterns_cart_nouns",
        "darkpatterns_cart_plurals",
    ),
    ClaimKind.ACTIVITY: (
        "darkpatterns_activity_verbs",
        "darkpatterns_actor_verbs",
        "darkpatterns_recent_customers",
    ),
    ClaimKind.TRICK_QUESTION: ("darkpatterns_trick_negative", "darkpatterns_trick_inverted"),
}


_UNIT_LISTS = tuple(f"darkpatterns_unit_{name}" for name in ("days", "hours", "minutes", "seconds"))
# Characters the case-insensitive regex takes for an ASCII letter (the dotless
# i for "i", the long s for "s"): a phrase with them cannot use gate_words.
_ASCII_LOOKALIKES = ("\u0131", "\u017f")
_LEADING_WORD = re.compile(r"\w*")


def _word_runs(phrase: str) -> frozenset[str] | None:
    """The whole words that any text the phrase matches has, as _alternation_of() reads it.

    Each word of the phrase starts a run of word characters in the text
    (after a non-word character or a joiner), and its leading word
    characters are that whole run. None when there is none to require, or
    when the phrase holds a character the case-insensitive regex takes for
    an ASCII letter.
    """
    cleaned = normalise(phrase).lower().strip()
    if any(character in cleaned for character in _ASCII_LOOKALIKES):
        return None
    runs = frozenset(
        run.group(0)
        for run in (_LEADING_WORD.match(word) for word in cleaned.replace("-", " ").split())
        if run and run.group(0)
    )
    return runs or None


@dataclass(frozen=True)
class GateWords:
    """What any_gate's phrases and label runs need in a text, as whole words."""

    # Per word, the words each phrase holding it needs (itself included).
    phrases: dict[str, tuple[frozenset[str], ...]]
    # A run of labels is three of them, or more.
    labels: frozenset[str]

    @classmethod
    def build(cls, phrases: tuple[str, ...], labels: tuple[str, ...]) -> GateWords | None:
        index: dict[str, list[frozenset[str]]] = {}
        for phrase in phrases:
            runs = _word_runs(phrase)
            if runs is None:
                return None
            index.setdefault(max(runs, key=len), []).append(runs)
        label_words: set[str] = set()
        for label in labels:
            if len(normalise(label).lower().strip()) < 3:
                continue
            runs = _word_runs(label)
            if runs is None:
                return None
            label_words.add(max(runs, key=len))
        return cls({word: tuple(needs) for word, needs in index.items()}, frozenset(label_words))

    @cached_property
    def _keys(self) -> frozenset[str]:
        return frozenset(self.phrases)

    def may_match(self, present: frozenset[str], text: str) -> bool:
        """False when no phrase and no label run can match an ASCII text of these words.

        ``present`` is the text's set of lower-cased words (keywords.ascii_words).
        """
        # Between two sets, & and isdisjoint walk the smaller one; isdisjoint
        # builds nothing, and most texts share no word with either.
        keys = self._keys
        if not keys.isdisjoint(present):
            for word in present & keys:
                if any(needs <= present for needs in self.phrases[word]):
                    return True
        if self.labels.isdisjoint(present):
            return False
        labels = self.labels & present
        if len(labels) >= 3:
            return True
        # Fewer than three distinct labels: count how often each occurs.
        lowered = text.lower()
        return sum(len(_whole_word(label).findall(lowered)) for label in labels) >= 3


@dataclass(frozen=True)
class _Patterns:
    """Every regex, compiled once from the merged vocabulary of all languages."""

    # SL701
    clock: re.Pattern[str]
    short_clock: re.Pattern[str]
    unit_run: re.Pattern[str]
    unit_labels: re.Pattern[str]
    seconds_unit: re.Pattern[str]
    minutes_label: re.Pattern[str]
    unit_word: re.Pattern[str]
    deadline_in: re.Pattern[str]
    deadline_subject: re.Pattern[str]
    deadline_follows: re.Pattern[str]
    hold: re.Pattern[str]
    within_clock: re.Pattern[str]
    within_duration: re.Pattern[str]
    countdown_context: re.Pattern[str]
    countdown_deadline: re.Pattern[str]
    time_of_day_after: re.Pattern[str]
    time_of_day_before: re.Pattern[str]
    date_before: re.Pattern[str]
    # SL702
    limited_time: re.Pattern[str]
    time_left: re.Pattern[str]
    imperative: re.Pattern[str]
    imperative_alone: re.Pattern[str]
    exclamation: re.Pattern[str]
    limited_time_unrelated_before: re.Pattern[str]
    hurry_unrelated: re.Pattern[str]
    # SL703
    low_stock: re.Pattern[str]
    stock_count: re.Pattern[str]
    strong_stock_count: re.Pattern[str]
    stock_adjective_end: re.Pattern[str]
    stock_continuations: frozenset[str]
    bare_stock_count: re.Pattern[str]
    stock_label: re.Pattern[str]
    stock_context_after: re.Pattern[str]
    claimed_share: re.Pattern[str]
    # SL704
    high_demand: re.Pattern[str]
    demand_subject: re.Pattern[str]
    demand_unrelated: re.Pattern[str]
    viewers: re.Pattern[str]
    viewers_any_noun: re.Pattern[str]
    viewer_count: re.Pattern[str]
    viewer_label: re.Pattern[str]
    someone_viewing: re.Pattern[str]
    in_carts: re.Pattern[str]
    in_their_cart: re.Pattern[str]
    # SL705
    actor_place: re.Pattern[str]
    actor_word: re.Pattern[str]
    actor_verb: re.Pattern[str]
    anonymous_actor: re.Pattern[str]
    named_initial: re.Pattern[str]
    named_just: re.Pattern[str]
    bought_by_name: re.Pattern[str]
    share_of_customers: re.Pattern[str]
    ago: re.Pattern[str]
    viewed_by_someone: re.Pattern[str]
    activity_verb: re.Pattern[str]
    recent_window: re.Pattern[str]
    recent_adverb: re.Pattern[str]
    count_token: re.Pattern[str]
    count_person_verb_this: re.Pattern[str]
    count_adverb_verb: re.Pattern[str]
    recent_customers: re.Pattern[str]
    cart_noun: re.Pattern[str]
    cart_verb: re.Pattern[str]
    activity_unrelated: re.Pattern[str]
    self_word: re.Pattern[str]
    actor_stopwords: frozenset[str]
    place_stopwords: frozenset[str]
    # SL706
    decline_start: re.Pattern[str]
    shame_refusal: re.Pattern[str]
    shame_pay: re.Pattern[str]
    shame_after_decline: re.Pattern[str]
    shame_not_for_me: re.Pattern[str]
    # SL708
    trick_negative: re.Pattern[str]
    trick_box: re.Pattern[str]
    trick_inverted: re.Pattern[str]
    trick_topic: re.Pattern[str]
    # Every segment: does it hold any word a claim could start from?
    anchor: re.Pattern[str]
    # Per kind: the words without which none of its patterns can match.
    gates: dict[ClaimKind, re.Pattern[str]]
    # Passes every segment that some gate passes.
    any_gate: re.Pattern[str]
    # The digit part of any_gate, and the words its other parts need.
    digit_gate: re.Pattern[str]
    gate_words: GateWords | None
    # SL707
    addon: re.Pattern[str]
    addon_unrelated: re.Pattern[str]


@cache
def patterns() -> _Patterns:
    flags = re.IGNORECASE
    days, hours = _alternation("darkpatterns_unit_days"), _alternation("darkpatterns_unit_hours")
    minutes = _alternation("darkpatterns_unit_minutes")
    seconds = _alternation("darkpatterns_unit_seconds")
    unit = f"(?:{days}|{hours}|{minutes}|{seconds})"
    # "2DAYS041127": a widget's digits run together; "920d608871" is a hash.
    days_word = _alternation("darkpatterns_unit_days", min_length=3)
    # A unit directly after its number ("11h", "02DAYS04HOURS") or after a space.
    unit_after_number = rf"{unit}(?![^\W\d_])"
    number = r"\d{1,4}(?:\s+\d{1,4})?"
    group = rf"{number}\s*{unit_after_number}"
    separator = r"[\s:,.\-/|]*(?:and\s+|und\s+|et\s+|y\s+)?"
    label = _alternation_of(
        tuple(phrase for name in _UNIT_LISTS for phrase in _phrases(name)), min_length=3
    )
    digit_gate = rf"\d\s?:\s?\d|\d\s*{unit_after_number}"
    gate_lists = tuple(name for names in _GATE_LISTS.values() for name in names)
    # "DAYS HRS MINS SECS": the labels of a widget whose digits a script fills in.
    label_run_body = rf"{label}(?:[\s/:|\-]+{label}){{2,}}"
    label_run = rf"(?<![\w]){label_run_body}(?![\w])"
    count_words = _alternation("darkpatterns_count_words")
    digits = r"(?:\d{1,3}(?:[,.]\d{3})+|\d+(?:[.,]\d+)?)"
    # A count word needs a space after it: "un" + "available" is not "unavailable".
    stock_number = rf"(?:\(?{digits}\)?|{count_words}(?=\s))"
    qualifiers = _alternation("darkpatterns_stock_qualifiers", joiner=r"[\s,!]+")
    units = _alternation("darkpatterns_stock_units")
    depleting = _alternation("darkpatterns_stock_depleting")
    after = _alternation("darkpatterns_stock_after")
    left_unrelated = _alternation("darkpatterns_left_unrelated")
    persons = _alternation("darkpatterns_person_nouns")
    viewing = _alternation("darkpatterns_viewing")
    aux = _alternation("darkpatterns_present_aux")
    now = _alternation("darkpatterns_now")
    carts = _alternation("darkpatterns_cart_nouns")
    have = _alternation("darkpatterns_have")
    this = _alternation("darkpatterns_this")
    count = rf"(?:{_alternation('darkpatterns_count_prefixes')}\s+)?\d{{1,3}}(?:[,.]\d{{3}})*\s*\+?"
    activity_count = rf"(?:{count}|{_alternation('darkpatterns_activity_counts')})"
    actor_verbs = _alternation("darkpatterns_actor_verbs")
    activity_verbs = _alternation("darkpatterns_activity_verbs")
    recent = _alternation("darkpatterns_recent")
    adverbs = _alternation("darkpatterns_recent_adverbs")
    time_unit = rf"(?:{unit}|{_alternation('darkpatterns_unit_long')})"
    ago_words = _alternation("darkpatterns_ago")
    prefixes = _alternation("darkpatterns_count_prefixes")
    ago_number = rf"(?:\d+|{count_words}|{_alternation('darkpatterns_ago_numbers')})"
    ago = (
        rf"(?:{prefixes}\s+)?"
        rf"(?:{ago_number}\s+{time_unit}\s+{ago_words}|"
        rf"{_alternation('darkpatterns_ago_before')}\s+{ago_number}\s+{time_unit}(?![^\W\d_]))"
    )
    if_words = _alternation("darkpatterns_conditionals")
    decline = _alternation("darkpatterns_decline", joiner=r"[\s,.!]+")
    goods = rf"(?:{_alternation('darkpatterns_shame_goods')}|\d{{1,3}}\s?%(?:\s*off)?)"
    neutral = _alternation("darkpatterns_shame_neutral")
    filler = rf"(?:(?!{neutral}(?![\w]))[\w'&%$.\-]+\s+){{0,4}}?"
    # "I don't want to save my card details" refuses nothing good.
    goods_end = (
        rf"(?![\w])(?!\s+{_alternation('darkpatterns_shame_goods_unrelated_after')}(?![\w]))"
    )
    subjects = _alternation("darkpatterns_shame_subjects")
    softeners = _alternation("darkpatterns_shame_softeners")
    pay = _alternation("darkpatterns_shame_pay")
    costs = _alternation("darkpatterns_shame_costs")
    return _Patterns(
        clock=re.compile(
            rf"(?<![\d:])(?:\d{{1,3}}\s*{days}\s*)?\d{{1,2}}\s?:\s?\d{{2}}\s?:\s?\d{{2}}(?![\d:])"
            rf"|(?<![\w])\d{{1,3}}\s*{days_word}\s*\d{{6}}(?![\w])",
            flags,
        ),
        short_clock=re.compile(r"(?<![\d:.,$€£])\d{1,2}\s?:\s?\d{2}(?![\d:])"),
        unit_run=re.compile(rf"(?<![\w]){group}(?:{separator}{group})+", flags),
        unit_labels=re.compile(label_run, flags),
        seconds_unit=re.compile(rf"\d\s*{seconds}(?![^\W\d_])", flags),
        minutes_label=re.compile(rf"\s*{minutes}(?![^\W\d_])", flags),
        unit_word=re.compile(rf"(?<![^\W\d_]){unit}(?![^\W\d_])", flags),
        deadline_in=re.compile(_bounded(_alternation("darkpatterns_deadline_in")), flags),
        deadline_subject=re.compile(
            _bounded(_alternation("darkpatterns_deadline_subjects")) + r"|%", flags
        ),
        deadline_follows=re.compile(
            rf"\s*[:\-–]?\s*(?:$|[!,;|)]|\.(?!\d)|\d|{unit}(?![^\W\d_])|"
            rf"(?:{prefixes}|{count_words}|{_alternation('darkpatterns_ago_numbers')})\s+"
            rf"(?:[\w-]+\s+)?{unit}(?![^\W\d_]))",
            flags,
        ),
        hold=re.compile(
            rf"{_bounded(_alternation('darkpatterns_hold_words'))}(?:\s+[\w']+){{0,4}}?\s+"
            rf"{_alternation('darkpatterns_hold_for')}\s+(?:the\s+next\s+)?"
            rf"(?:\d{{1,2}}\s?:\s?\d{{2}}(?:\s?:\s?\d{{2}})?|\d+\s*(?:{minutes}|{seconds})(?![^\W\d_]))",
            flags,
        ),
        within_duration=re.compile(
            rf"{_bounded(_alternation('darkpatterns_within_verbs'))}(?:\s+[\w']+){{0,3}}?\s+"
            rf"{_alternation('darkpatterns_within')}\s+(?:{group}{separator})?"
            rf"{number}\s*(?:{minutes}|{seconds})(?![^\W\d_])",
            flags,
        ),
        within_clock=re.compile(
            rf"{_bounded(_alternation('darkpatterns_within'))}\s+\d{{1,2}}\s?:\s?\d{{2}}(?![\d:])",
            flags,
        ),
        countdown_context=re.compile(
            _bounded(_alternation("darkpatterns_countdown_context")) + r"|%", flags
        ),
        countdown_deadline=re.compile(
            _bounded(_alternation("darkpatterns_countdown_deadline")), flags
        ),
        time_of_day_after=re.compile(
            rf"^\s*(?:{_alternation('darkpatterns_time_of_day')})(?![\w])|^\s*(?:-|–|to|bis)\s*\d|"
            rf"^\s*(?:[+-]\d{{4}}|\d{{4}})(?!\d)",
            flags,
        ),
        time_of_day_before=re.compile(
            rf"(?<![\w]){_alternation('darkpatterns_time_of_day_before')}\s*$", flags
        ),
        date_before=re.compile(
            rf"(?:\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}|(?<![\w]){_alternation('darkpatterns_months')}"
            rf"\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}\.?\s+"
            rf"{_alternation('darkpatterns_months')}\.?(?:\s+\d{{4}})?)[\sT,]*$",
            flags,
        ),
        limited_time=re.compile(_bounded(_alternation("darkpatterns_limited_time")), flags),
        time_left=re.compile(
            rf"(?<![\w]){qualifiers}\s+{stock_number}\s+(?:more\s+)?(?:{days}|{hours}|{minutes})"
            rf"\s+(?:{depleting}|to go)(?![\w-])",
            flags,
        ),
        imperative=re.compile(_bounded(_alternation("darkpatterns_urgency_imperatives")), flags),
        imperative_alone=re.compile(
            _bounded(_alternation("darkpatterns_urgency_imperatives_alone"))
            + r"(?=\s*(?:[!.,;:\-–—|]|$))",
            flags,
        ),
        exclamation=re.compile(
            rf"(?:^|(?<=[.!?,:;|*\-–—¡]))\s*(?:{_alternation('darkpatterns_urgency_exclamations')})\s*!",
            flags,
        ),
        limited_time_unrelated_before=re.compile(
            rf"(?<![\w]){_alternation('darkpatterns_limited_time_unrelated_before')}\s+$", flags
        ),
        hurry_unrelated=re.compile(_bounded(_alternation("darkpatterns_urgency_unrelated")), flags),
        low_stock=re.compile(rf"{_bounded(_alternation('darkpatterns_low_stock'))}(?!-)", flags),
        stock_count=re.compile(
            rf"(?<![\w]){qualifiers}\s+{stock_number}(?:\s*(?P<unit>{units})(?![\w]))?\s*"
            rf"(?:{depleting}|{after})(?![\w-])(?!\s+(?:{left_unrelated})(?![\w]))",
            flags,
        ),
        stock_adjective_end=re.compile(
            rf"(?<![\w]){_alternation('darkpatterns_stock_adjectives')}$", flags
        ),
        stock_continuations=_word_set("darkpatterns_stock_continuations"),
        strong_stock_count=re.compile(
            rf"(?<![\w])(?:{_alternation('darkpatterns_stock_strong_qualifiers')}\s+{stock_number}\s*"
            rf"{units}|{_alternation('darkpatterns_stock_remain_before')}\s+{stock_number}"
            rf"(?:\s*{units})?)(?![\w-])(?=\s*(?:[!.,:;)]|$))",
            flags,
        ),
        bare_stock_count=re.compile(
            rf"(?<![\w.,$€£%:]){stock_number}(?:\s*(?P<unit>{units})(?![\w]))?\s*"
            rf"(?P<left>{depleting})(?![\w-])(?!\s+(?:{left_unrelated})(?![\w]))",
            flags,
        ),
        stock_context_after=re.compile(
            rf"\s*{_alternation('darkpatterns_stock_context_after')}(?![\w])", flags
        ),
        stock_label=re.compile(
            rf"(?<![\w])(?:{units}\s+{depleting}|{depleting}\s+in\s+stock|stock\s+{depleting})"
            rf"\s*:\s*\(?\d{{1,4}}(?![\d:])",
            flags,
        ),
        claimed_share=re.compile(
            rf"(?<![\d.])\d{{1,3}}\s?%\s+(?:of\s+)?(?:\w+\s+)?{_alternation('darkpatterns_claimed')}(?![\w])",
            flags,
        ),
        high_demand=re.compile(_bounded(_alternation("darkpatterns_high_demand")), flags),
        demand_subject=re.compile(_bounded(_alternation("darkpatterns_demand_subjects")), flags),
        demand_unrelated=re.compile(_bounded(_alternation("darkpatterns_demand_unrelated")), flags),
        viewers=re.compile(
            rf"(?<![\w.,$€£]){count}\s*(?:other\s+)?(?:(?P<person>{persons})\s+)?"
            rf"(?:other\s+than\s+you\s+)?(?:(?P<aux>{aux})\s+)?(?:(?P<now>{now})\s+)?"
            rf"(?P<verb>{viewing})(?![\w])",
            flags,
        ),
        viewers_any_noun=re.compile(
            rf"(?<![\w.,$€£]){count}\s+(?:other\s+)?[^\W\d_]+\s+{aux}\s+(?:{now}\s+)?{viewing}(?![\w])",
            flags,
        ),
        viewer_count=re.compile(
            rf"(?<![\w.,$€£]){count}\s*{_alternation('darkpatterns_viewer_nouns')}(?![\w])", flags
        ),
        viewer_label=re.compile(
            rf"(?<![\w])(?:{now}\s+{viewing}|{viewing}\s+{now}|{_alternation('darkpatterns_viewer_nouns')})"
            rf"\s*:\s*\d+(?![\d\s]*(?:[-–/]|of\b))",
            flags,
        ),
        someone_viewing=re.compile(
            rf"(?<![\w]){_alternation('darkpatterns_actor_words')}\s+(?:else\s+)?"
            rf"(?:{_alternation('darkpatterns_actor_places')}\s+[^.!?|:;]{{1,40}}?\s+)?(?:{aux}\s+)?"
            rf"(?:(?:{now})\s+)?(?:viewing|looking\s+at|watching)(?![\w])",
            flags,
        ),
        in_carts=re.compile(
            rf"(?<![\w]){_alternation('darkpatterns_in')}\s+(?:(?:{count})\s+(?:other\s+)?"
            rf"(?:[\w']+\s+)?|other\s+(?:{persons})(?:'s|')?\s+)"
            rf"{_alternation('darkpatterns_cart_plurals')}(?![\w])",
            flags,
        ),
        in_their_cart=re.compile(
            rf"(?<![\w]){have}\s+(?:{this})(?:\s+[\w-]+)?\s+(?:in|to)\s+(?:their|the|his|her)\s+{carts}(?![\w])",
            flags,
        ),
        actor_place=re.compile(
            rf"(?P<actor>{_alternation('darkpatterns_actor_words')}|[^\W\d_][\w'.\-]*"
            rf"(?:\s+[^\W\d_][\w'.\-]*){{0,2}})(?:\s+{_alternation('darkpatterns_actor_places')}\s+"
            rf"(?P<place>[^.!?|:;]{{0,80}}?)|\s*\((?P<paren>[^()]{{1,40}})\))\s*(?:(?:{adverbs}|{have})\s+)?"
            rf"(?P<verb>{actor_verbs})(?![\w])(?!\s+by\b)",
            flags,
        ),
        actor_word=re.compile(
            rf"(?<![\w]){_alternation('darkpatterns_actor_words')}\s+(?:(?:{adverbs}|{have})\s+)?"
            rf"{actor_verbs}(?![\w])(?!\s+by\b)",
            flags,
        ),
        actor_verb=re.compile(_bounded(actor_verbs), flags),
        anonymous_actor=re.compile(_alternation("darkpatterns_actor_words"), flags),
        named_initial=re.compile(
            rf"(?<![\w])[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+[A-Z]\.\s+(?i:(?:just\s+|recently\s+)?{actor_verbs})(?![\w])"
        ),
        named_just=re.compile(
            rf"(?P<actor>[^\W\d_][\w'.\-]*(?:\s+[^\W\d_][\w'.\-]*){{0,2}})"
            rf"(?:\s*\([^()]{{1,40}}\))?\s+{adverbs}\s+{actor_verbs}(?![\w])(?!\s+by\b)",
            flags,
        ),
        bought_by_name=re.compile(
            rf"(?<![\w]){actor_verbs}\s+by\s+(?:{_alternation('darkpatterns_actor_words')}|"
            rf"[^\W\d_][\w'.\-]*(?:\s+[^\W\d_][\w'.\-]*)?)\s+"
            rf"{_alternation('darkpatterns_actor_places')}\s+[^\W\d_]",
            flags,
        ),
        share_of_customers=re.compile(
            rf"(?<![\d.])\d{{1,3}}\s?%\s+of\s+(?:our\s+|all\s+)?(?:{persons})\s+(?:{have}\s+)?"
            rf"(?:(?:{adverbs})\s+)?{activity_verbs}(?![\w])",
            flags,
        ),
        ago=re.compile(rf"(?<![\w]){ago}(?![\w])", flags),
        viewed_by_someone=re.compile(
            rf"(?<![\w]){actor_verbs}\s+.{{0,60}}?\bby\s+{_alternation('darkpatterns_actor_words')}"
            rf"\s+{_alternation('darkpatterns_actor_places')}\s",
            flags,
        ),
        activity_verb=re.compile(_bounded(activity_verbs), flags),
        recent_window=re.compile(
            rf"(?<![\w])(?:{ago}|(?:in|within|innerhalb)\s+(?:the\s+)?\d+\s*{time_unit}(?![^\W\d_])|"
            rf"{recent}(?:\s+(?:few|couple\s+of|\d+))?(?:\s*{time_unit}(?![^\W\d_]))?)(?![\w])",
            flags,
        ),
        recent_adverb=re.compile(_bounded(adverbs), flags),
        count_token=re.compile(
            rf"(?<![\w.,$€£%#:/])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\s*\+)?(?![\w%€£$]|[.,]\d|\s*%)"
            rf"|(?<![\w]){_alternation('darkpatterns_activity_counts')}(?=\s)",
            flags,
        ),
        count_person_verb_this=re.compile(
            rf"(?<![\w.,$€£]){activity_count}\s+(?:other\s+)?(?:{persons})\s+(?:{have}\s+)?"
            rf"(?:(?:{adverbs})\s+)?{activity_verbs}\s+(?:{this})(?![\w])",
            flags,
        ),
        count_adverb_verb=re.compile(
            rf"(?<![\w.,$€£]){activity_count}\s+(?:(?:{persons})\s+)?(?:{have}\s+)?"
            rf"(?:(?:{adverbs})\s+{activity_verbs}|{activity_verbs}\s+(?:{adverbs}))(?![\w])",
            flags,
        ),
        recent_customers=re.compile(_bounded(_alternation("darkpatterns_recent_customers")), flags),
        cart_noun=re.compile(_bounded(carts), flags),
        cart_verb=re.compile(_bounded(_alternation("darkpatterns_cart_verbs")), flags),
        activity_unrelated=re.compile(
            _bounded(_alternation("darkpatterns_activity_unrelated")), flags
        ),
        self_word=re.compile(
            _bounded(_alternation("darkpatterns_self")) + rf"|^\s*{if_words}\b", flags
        ),
        actor_stopwords=_word_set("darkpatterns_actor_stopwords"),
        place_stopwords=_word_set("darkpatterns_place_stopwords"),
        decline_start=re.compile(rf"^[\W_]*{decline}(?:[\s,.!:;\-–—]+|$)", flags),
        shame_refusal=re.compile(
            rf"(?<![\w]){_alternation('darkpatterns_shame_refusals')}\s+{filler}{goods}{goods_end}",
            flags,
        ),
        shame_pay=re.compile(
            rf"(?<![\w]){subjects}(?:\s+{softeners}){{0,3}}\s+{pay}(?:\s+{softeners}){{0,2}}\s+"
            rf"(?:{costs})(?![\w])",
            flags,
        ),
        shame_after_decline=re.compile(
            _bounded(_alternation("darkpatterns_shame_after_decline")), flags
        ),
        shame_not_for_me=re.compile(
            rf"(?<![\w]){goods}(?:\s+[\w']+)?\s+{_alternation('darkpatterns_not_for_me')}(?![\w])",
            flags,
        ),
        trick_negative=re.compile(_bounded(_alternation("darkpatterns_trick_negative")), flags),
        trick_box=re.compile(_bounded(_alternation("darkpatterns_trick_box")), flags),
        trick_inverted=re.compile(_bounded(_alternation("darkpatterns_trick_inverted")), flags),
        trick_topic=re.compile(_bounded(_alternation("darkpatterns_trick_topics")), flags),
        gates={
            # Without a digit only a run of bare labels and "ends in" make a
            # countdown: "sec" in "security" or a lone "Tag" cannot.
            ClaimKind.COUNTDOWN: re.compile(
                rf"\d\s?:\s?\d|\d\s*{unit_after_number}|{label_run}|"
                + _bounded(_alternation("darkpatterns_deadline_in")),
                flags,
            ),
            ClaimKind.LIMITED_TIME: re.compile(
                _bounded(_gate(*_GATE_LISTS[ClaimKind.LIMITED_TIME])) + r"|to\s+go", flags
            ),
            **{
                kind: re.compile(_bounded(_gate(*names)), flags)
                for kind, names in _GATE_LISTS.items()
                if kind not in (ClaimKind.COUNTDOWN, ClaimKind.LIMITED_TIME)
            },
        },
        # Every gate at once, as one trie: a segment no gate lets through is
        # read in one pass instead of one per kind.
        any_gate=re.compile(
            rf"{digit_gate}|to\s+go|(?<![\w])(?:{label_run_body}|"
            + _gate(*gate_lists)
            + r")(?![\w])",
            flags,
        ),
        digit_gate=re.compile(digit_gate, flags),
        gate_words=GateWords.build(
            tuple(phrase for name in gate_lists for phrase in _phrases(name)),
            tuple(phrase for name in _UNIT_LISTS for phrase in _phrases(name)),
        ),
        anchor=re.compile(
            rf"\d|{label}|" + _bounded(_alternation_of(_anchor_phrases())),
            flags,
        ),
        addon=re.compile(_bounded(_alternation("darkpatterns_addons")), flags),
        addon_unrelated=re.compile(_bounded(_alternation("darkpatterns_addon_unrelated")), flags),
    )


# A segment holds a claim only if it has a digit, a countdown label, or a
# phrase of a list that can start one; most segments of a page (navigation,
# product names) have none, and skip every other pattern. Lists are anchors
# unless named here as context (words that only qualify a claim), so a new
# trigger list is an anchor without anyone remembering to add it.
_CONTEXT_LISTS = frozenset(
    {
        "darkpatterns_ago_numbers",
        "darkpatterns_conditionals",
        "darkpatterns_urgency_unrelated",
        "darkpatterns_stock_context_after",
        "darkpatterns_cart_verbs",
        "darkpatterns_activity_unrelated",
        "darkpatterns_shame_goods_unrelated_after",
        "darkpatterns_activity_counts",
        "darkpatterns_actor_places",
        "darkpatterns_actor_stopwords",
        "darkpatterns_addon_unrelated",
        "darkpatterns_addons",
        "darkpatterns_ago",
        "darkpatterns_ago_before",
        "darkpatterns_claimed",
        "darkpatterns_count_prefixes",
        "darkpatterns_count_words",
        "darkpatterns_countdown_context",
        "darkpatterns_countdown_deadline",
        "darkpatterns_deadline_subjects",
        "darkpatterns_demand_subjects",
        "darkpatterns_demand_unrelated",
        "darkpatterns_have",
        "darkpatterns_hold_for",
        "darkpatterns_in",
        "darkpatterns_left_unrelated",
        "darkpatterns_limited_time_unrelated_before",
        "darkpatterns_months",
        "darkpatterns_not_for_me",
        "darkpatterns_now",
        "darkpatterns_person_nouns",
        "darkpatterns_place_stopwords",
        "darkpatterns_present_aux",
        "darkpatterns_recent",
        "darkpatterns_recent_adverbs",
        "darkpatterns_self",
        "darkpatterns_shame_costs",
        "darkpatterns_shame_goods",
        "darkpatterns_shame_neutral",
        "darkpatterns_shame_pay",
        "darkpatterns_shame_softeners",
        "darkpatterns_stock_adjectives",
        "darkpatterns_stock_continuations",
        "darkpatterns_stock_qualifiers",
        "darkpatterns_stock_units",
        "darkpatterns_this",
        "darkpatterns_time_of_day",
        "darkpatterns_time_of_day_before",
        "darkpatterns_trick_topics",
        "darkpatterns_unit_days",
        "darkpatterns_unit_hours",
        "darkpatterns_unit_long",
        "darkpatterns_unit_minutes",
        "darkpatterns_unit_seconds",
        "darkpatterns_within",
    }
)


def _gate(*names: str) -> str:
    return _alternation_of(tuple(phrase for name in names for phrase in _phrases(name)))


def _anchor_phrases() -> tuple[str, ...]:
    names = sorted(lexicon().phrase_lists)
    return tuple(
        phrase
        for name in names
        if name.startswith("darkpatterns_") and name not in _CONTEXT_LISTS
        for phrase in lexicon().phrase_lists[name]
    )


# --- the claims, kind by kind -------------------------------------------------


def _word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def _clause_bounds(text: str, position: int, boundary: re.Pattern[str]) -> tuple[int, int]:
    start = 0
    for match in boundary.finditer(text, 0, position):
        start = match.end()
    following = boundary.search(text, position)
    return start, following.start() if following else len(text)


def _countdown(text: str, p: _Patterns) -> tuple[int, int] | None:
    """A ticking countdown or the label of one."""
    for match in p.unit_labels.finditer(text):
        return match.span()
    for match in p.deadline_in.finditer(text):
        if negated(text, match.start(), match.end()):
            continue
        rest = text[match.end() :]
        # "ends in March" is a date, "ends in a draw" a result; "ends in 9 hours",
        # "ends in: DAYS HRS", "ends in" alone (a script fills the digits) tick.
        if not p.deadline_follows.match(rest):
            continue
        sentence_start, _ = _clause_bounds(text, match.start(), _SENTENCE_END)
        before = text[sentence_start : match.start()]
        opens_sentence = not re.search(r"[^\W_]", before)
        if opens_sentence or p.deadline_subject.search(" ".join(before.split()[-6:])):
            end = match.end()
            duration = p.unit_run.match(rest.lstrip(" :")) or p.clock.match(rest.lstrip(" :"))
            if duration:
                end += len(rest) - len(rest.lstrip(" :")) + duration.end()
            return match.start(), end
    for match in p.hold.finditer(text):
        return match.span()
    for pattern in (p.within_clock, p.within_duration):
        for match in pattern.finditer(text):
            return match.span()
    for match in p.clock.finditer(text):
        if _time_of_day(text, match, p):
            continue
        has_days = bool(re.search(r"[^\W\d_]", match.group(0)))
        rest = (text[: match.start()] + " " + text[match.end() :]).strip()
        standalone = not re.search(r"[^\W\d_]", p.unit_word.sub(" ", rest))
        start, end = _clause_bounds(text, match.start(), _SENTENCE_END)
        if has_days or standalone or p.countdown_context.search(text, start, end):
            return _extend_with_units(text, match.span(), p)
    for match in p.unit_run.finditer(text):
        start, end = _clause_bounds(text, match.start(), _SENTENCE_END)
        if p.seconds_unit.search(match.group(0)) or p.countdown_deadline.search(text, start, end):
            return match.span()
    for match in p.short_clock.finditer(text):
        if _time_of_day(text, match, p):
            continue
        tail = text[match.end() :]
        labelled = p.minutes_label.match(tail)
        start, end = _clause_bounds(text, match.start(), _SENTENCE_END)
        deadline = p.countdown_deadline.search(text, start, end)
        if deadline or (labelled and p.countdown_context.search(text, start, end)):
            return match.span()
    return None


def _extend_with_units(text: str, span: tuple[int, int], p: _Patterns) -> tuple[int, int]:
    """Labels after a clock belong to it: "13:09:27 HOURS MINUTES SECONDS"."""
    gap = len(text[span[1] :]) - len(text[span[1] :].lstrip())
    labels = p.unit_labels.match(text, span[1] + gap)
    return (span[0], labels.end()) if labels else span


def timer_text(text: str) -> tuple[int, int] | None:
    """Where a text shows a running time ("02:14:59", "2d 4h 13m", "DAYS HRS MINS SECS")."""
    p = patterns()
    plain = normalise(text)
    for pattern in (p.clock, p.unit_run, p.unit_labels, p.short_clock):
        for match in pattern.finditer(plain):
            if pattern is p.unit_labels or not _time_of_day(plain, match, p):
                return match.span()
    return None


def _time_of_day(text: str, match: re.Match[str], p: _Patterns) -> bool:
    before = text[max(0, match.start() - 30) : match.start()]
    return bool(
        p.time_of_day_after.match(text[match.end() :])
        or p.time_of_day_before.search(before)
        or p.date_before.search(before)
    )


def _limited_time(text: str, p: _Patterns) -> tuple[int, int] | None:
    for pattern in (p.limited_time, p.time_left):
        for match in pattern.finditer(text):
            if p.limited_time_unrelated_before.search(text, 0, match.start()):
                continue  # "viewed 40 times in the last day" dates an activity
            if re.match(r"\s+of\b", text[match.end() :]):
                continue  # "the last day of the month" names a date
            if not negated(text, match.start(), match.end()):
                return match.span()
    return None


def _imperative(text: str, p: _Patterns) -> tuple[int, int] | None:
    unrelated = [m.span() for m in p.hurry_unrelated.finditer(text)]
    matches = [*p.imperative.finditer(text), *p.imperative_alone.finditer(text)]
    for match in sorted(matches, key=lambda found: found.start()):
        if any(s <= match.start() < e for s, e in unrelated):
            continue
        if negated(text, match.start(), match.end()):
            continue
        # An imperative starts a clause or shouts: "Hurry!", "... - hurry, ...".
        before = text[: match.start()].rstrip()
        clause_start = not before or before[-1] in ".!?:;,-–—|*([¡¿" or before.endswith(" -")
        shouted = text[match.end() :].lstrip().startswith("!")
        if clause_start or shouted:
            return match.span()
    for match in p.exclamation.finditer(text):
        return match.span()
    return None


def _low_stock(text: str, p: _Patterns) -> tuple[int, int] | None:
    for match in p.low_stock.finditer(text):
        if not negated(text, match.start(), match.end()):
            return match.span()
    for pattern in (p.claimed_share, p.stock_label):
        for match in pattern.finditer(text):
            return match.span()
    for pattern in (p.stock_count, p.strong_stock_count):
        for match in pattern.finditer(text):
            if _attributive(text, match, p) or negated(text, match.start(), match.end()):
                continue
            return match.span()
    short = _word_count(text) <= _SHORT_BADGE_WORDS
    for match in p.bare_stock_count.finditer(text):
        if _attributive(text, match, p) or negated(text, match.start(), match.end()):
            continue
        tail = text[match.end() :]
        stock_context = p.stock_context_after.match(tail)
        if match.group("unit") or short or (stock_context and match.group(0)[0].isdigit()):
            return match.span()
    return None


def _attributive(text: str, match: re.Match[str], p: _Patterns) -> bool:
    """Whether the count is an adjective before a noun ("only one remaining user")."""
    if not p.stock_adjective_end.search(match.group(0)):
        return False
    following = re.match(r"\s+([^\W\d_][\w'-]*)", text[match.end() :])
    return following is not None and following.group(1).lower() not in p.stock_continuations


def _high_demand(text: str, p: _Patterns) -> tuple[int, int] | None:
    unrelated = [m.span() for m in p.demand_unrelated.finditer(text)]
    short = _word_count(text) <= 8
    for match in p.high_demand.finditer(text):
        if any(s <= match.start() < e for s, e in unrelated):
            continue
        if negated(text, match.start(), match.end()):
            continue
        clause_start, _ = _clause_bounds(text, match.start(), _SENTENCE_END)
        before = text[clause_start : match.start()]
        at_start = not re.search(r"[^\W_]", before)
        subject = p.demand_subject.search(" ".join(before.split()[-6:]))
        # A badge ends with the claim; "In-demand skills" uses it as an adjective.
        badge = (short or at_start) and re.match(r"\s*(?:[!.:,;)|*-]|$)", text[match.end() :])
        if subject or (badge and "-" not in match.group(0)):
            return match.span()
    for match in p.viewers.finditer(text):
        generic = (
            not match.group("verb").casefold().startswith(("viewing", "watching", "looking at"))
        )
        if generic and not (match.group("person") or match.group("aux") or match.group("now")):
            continue
        return match.span()
    for pattern in (
        p.viewers_any_noun,
        p.viewer_count,
        p.viewer_label,
        p.someone_viewing,
        p.in_carts,
    ):
        for match in pattern.finditer(text):
            return match.span()
    for match in p.in_their_cart.finditer(text):
        if p.count_token.search(text, 0, match.start()):
            return match.span()
    return None


def _activity(text: str, p: _Patterns) -> tuple[int, int] | None:
    if _word_count(text) > _MAX_ACTIVITY_WORDS:
        return None
    for match in p.recent_customers.finditer(text):
        return match.span()
    if p.actor_verb.search(text):
        # A visitor's name opens the text or a clause: try only there.
        for opening in _CLAUSE_OPENINGS.finditer(text):
            for pattern in (p.actor_place, p.named_just):
                named = pattern.match(text, opening.end())
                if named and _named_actor(text, named, p) and _cart_if_added(text, named, p):
                    return named.span()
        for pattern in (p.actor_word, p.named_initial, p.viewed_by_someone, p.bought_by_name):
            for match in pattern.finditer(text):
                clause_start, _ = _clause_bounds(text, match.start(), _CLAUSE_END)
                if p.self_word.search(text[clause_start : match.start()]):
                    continue
                if _cart_if_added(text, match, p):
                    return match.span()
    for match in p.share_of_customers.finditer(text):
        return match.span()
    if not p.activity_verb.search(text):
        return None
    return _counted_activity(text, p) or _timed_actor(text, p)


def _cart_if_added(text: str, match: re.Match[str], p: _Patterns) -> bool:
    """Whether an "added" is about a cart: "New styles just added" is catalogue news."""
    if not p.cart_verb.search(match.group(0)):
        return True
    return p.cart_noun.search(text) is not None


def _named_actor(text: str, match: re.Match[str], p: _Patterns) -> bool:
    """Whether "<actor> in <place> bought" names a visitor, not "Items in stock purchased"."""
    # A name opens the text or a clause; "Sunglasses made in Italy bought" does not.
    if not _OPENS_CLAUSE.search(text[: match.start("actor")]):
        return False
    actor = match.group("actor")
    words = actor.casefold().split()
    if not p.anonymous_actor.fullmatch(actor) and (
        words[0] in p.actor_stopwords or words[-1] in p.actor_stopwords
    ):
        return False
    place = match.groupdict().get("place") or match.groupdict().get("paren") or ""
    if p.self_word.search(place) or len(place.split()) > 10:
        return False
    # "Reserved words appearing in a context where reserved ..." is a sentence, not a place.
    if any(word in p.place_stopwords for word in place.lower().split()):
        return False
    # "Delivery in 2 to 3 days ordered before 2pm" is no visitor; a named one has a place.
    return bool(p.anonymous_actor.fullmatch(actor)) or not re.search(r"\d", place)


def _counted_activity(text: str, p: _Patterns) -> tuple[int, int] | None:
    """Counted activity: "33 bought in the last 3 days", "Viewed 312 times today"."""
    short = _word_count(text) <= 4
    unrelated = [m.span() for m in p.activity_unrelated.finditer(text)]
    for verb in p.activity_verb.finditer(text):
        start, end = _clause_bounds(text, verb.start(), _SENTENCE_END)
        clause = text[start:end]
        if p.self_word.search(clause):
            continue
        if any(s <= verb.start() < e for s, e in unrelated):
            continue  # "sold out", "frequently bought together"
        if p.cart_verb.fullmatch(verb.group(0)) and not p.cart_noun.search(clause):
            continue  # "12 styles added today" is catalogue news
        windows = [(m.start() + start, m.end() + start) for m in p.recent_window.finditer(clause)]
        counts = [
            (m.start() + start, m.end() + start)
            for m in p.count_token.finditer(clause)
            if not any(ws <= m.start() + start < we for ws, we in windows)
        ]
        if not counts:
            continue
        if windows:
            first = min(s for s, _ in [*windows, *counts, verb.span()])
            last = max(e for _, e in [*windows, *counts, verb.span()])
            return first, last
        count_before = [c for c in counts if c[0] < verb.start()]
        if not count_before:
            continue
        for pattern in (p.count_person_verb_this, p.count_adverb_verb):
            found = pattern.search(clause)
            if found:
                return found.start() + start, found.end() + start
        # A counter: "45 sold" alone, or closing its clause ("Loved by many! 45 sold").
        adjacent = re.fullmatch(r"\s*", text[count_before[-1][1] : verb.start()])
        if short or (adjacent and not text[verb.end() : end].strip(" .!")):
            return count_before[-1][0], verb.end()
    return None


def _timed_actor(text: str, p: _Patterns) -> tuple[int, int] | None:
    """A named buyer and a time ago: "Sam Lee bought Trail Socks 10 minutes ago"."""
    ago = p.ago.search(text)
    if not ago:
        return None
    for verb in p.activity_verb.finditer(text, 0, ago.start()):
        clause_start, _ = _clause_bounds(text, verb.start(), _CLAUSE_END)
        actor = text[clause_start : verb.start()].split()
        if not 1 <= len(actor) <= 3 or not all(re.match(r"[^\W\d_]", word) for word in actor):
            continue
        if not _cart_if_added(text, verb, p):
            continue
        if actor[0].casefold().strip("'\"") in p.actor_stopwords:
            continue
        if p.self_word.search(" ".join(actor)):
            continue
        return clause_start + len(text[clause_start:]) - len(
            text[clause_start:].lstrip()
        ), ago.end()
    return None


def _confirmshaming(text: str, p: _Patterns) -> tuple[int, int] | None:
    """A decline option that mocks the one who declines; only short texts, starting with it."""
    # Words are counted last: most texts fail the anchored matches first, at
    # a fraction of the cost of counting.
    decline = p.decline_start.match(text)
    rest_start = decline.end() if decline else len(text) - len(text.lstrip("[({<\"' *•-"))
    for pattern in (p.shame_refusal, p.shame_pay):
        match = pattern.match(text, rest_start)
        if match:
            if _word_count(text) > _MAX_SHAMING_WORDS:
                return None
            return (decline.start() if decline else match.start()), match.end()
    if not decline or _word_count(text) > _MAX_SHAMING_WORDS:
        return None
    rest = text[rest_start:]
    if not re.search(r"[^\W\d_]", rest):
        return None
    for pattern in (p.shame_refusal, p.shame_pay, p.shame_after_decline, p.shame_not_for_me):
        match = pattern.search(text, rest_start)
        if match:
            return len(text) - len(text.lstrip("[({<\"' *•-")), match.end()
    return None


def _trick_question(text: str, p: _Patterns) -> tuple[int, int] | None:
    """A consent sentence that pairs a negative wish with a box to tick or untick."""
    if _word_count(text) > _MAX_TRICK_WORDS:
        return None
    for inverted in p.trick_inverted.finditer(text):
        start, end = _clause_bounds(text, inverted.start(), _SENTENCE_END)
        if p.trick_topic.search(text, start, end):
            return inverted.span()
    for negative in p.trick_negative.finditer(text):
        start, end = _clause_bounds(text, negative.start(), _SENTENCE_END)
        sentence = text[start:end]
        box = p.trick_box.search(sentence)
        if box and p.trick_topic.search(sentence):
            first = min(negative.start(), box.start() + start)
            last = max(negative.end(), box.end() + start)
            return first, last
    return None


def inverted_consent_label(label: str) -> tuple[int, int] | None:
    """A checkbox label whose tick means "no": "I do not wish to receive offers"."""
    p = patterns()
    text = normalise(label)
    if _word_count(text) > _MAX_TRICK_WORDS:
        return None
    negative = p.trick_negative.search(text)
    topic = p.trick_topic.search(text)
    if negative and topic:
        return min(negative.start(), topic.start()), max(negative.end(), topic.end())
    return None


@dataclass(frozen=True, slots=True)
class Option:
    """What a pre-selectable choice costs, as its label says."""

    addon: str | None  # the add-on word in it ("insurance", "donation"), if any
    price: Decimal | None  # the highest amount in it, if any

    @property
    def paid(self) -> bool:
        return self.addon is not None or (self.price is not None and self.price > 0)

    @property
    def trigger(self) -> str:
        return self.addon or ""


def option_cost(label: str, descriptor: str = "") -> Option:
    """The add-on word and price of a checkbox, radio or option label.

    ``descriptor`` is the field's name and id ("shipping_insurance"); it can
    name an add-on but never a price.
    """
    p = patterns()
    addon = None
    for text in (normalise(label), descriptor.replace("_", " ").replace("-", " ")):
        unrelated = [m.span() for m in p.addon_unrelated.finditer(text)]
        for match in p.addon.finditer(text):
            if not any(s <= match.start() < e for s, e in unrelated):
                addon = match.group(0)
                break
        if addon:
            break
    segment = TextSegment(label, "", "label", "body", None, False)
    amounts = [money.amount for money in extract_prices([segment])]
    return Option(addon, max(amounts) if amounts else None)


def money_text(label: str) -> str | None:
    """The first amount of money in a label, as written."""
    segment = TextSegment(label, "", "label", "body", None, False)
    found = extract_prices([segment])
    return found[0].text if found else None


_FINDERS = (
    (ClaimKind.COUNTDOWN, _countdown),
    (ClaimKind.LIMITED_TIME, _limited_time),
    (ClaimKind.LOW_STOCK, _low_stock),
    (ClaimKind.HIGH_DEMAND, _high_demand),
    (ClaimKind.ACTIVITY, _activity),
    (ClaimKind.URGENCY_IMPERATIVE, _imperative),
    (ClaimKind.CONFIRMSHAMING, _confirmshaming),
    (ClaimKind.TRICK_QUESTION, _trick_question),
)
# A bare imperative is the emphasis of these claims when they share its text.
_EMPHASISED = frozenset(
    {
        ClaimKind.COUNTDOWN,
        ClaimKind.LIMITED_TIME,
        ClaimKind.LOW_STOCK,
        ClaimKind.HIGH_DEMAND,
        ClaimKind.ACTIVITY,
    }
)


# Searched in lower-cased ASCII text: without IGNORECASE the regex engine
# jumps between occurrences of the literal "to" instead of trying every position.
_TO_GO = re.compile(r"to\s+go")


def _gated(plain: str, p: _Patterns) -> bool:
    """Whether some kind's gate lets the text through (any_gate finds something).

    Most texts are ASCII and hold none of the gate words: a set lookup of
    their words says so at a fraction of the cost of the regex, which runs
    only on the texts the lookup cannot rule out.
    """
    if p.gate_words is not None:
        # Shared with the phrase matchers of other rules, which ask about the
        # same segments. For ASCII text normalise() changes no word.
        words = ascii_words(plain)
        if (
            words is not None
            and not p.gate_words.may_match(words, plain)
            and not ("go" in (lowered := plain.lower()) and _TO_GO.search(lowered))
            and not (has_digit(plain) and p.digit_gate.search(plain))
        ):
            return False
    return p.any_gate.search(plain) is not None


# Navigation, footer and banner texts repeat on every page; a page's own
# texts seldom do, and holding thousands of them costs megabytes.
@lru_cache(maxsize=4096)
def segment_claims(text: str) -> tuple[Claim, ...]:
    """Every dark-pattern claim in one text segment, resolved against each other."""
    if not text:
        return ()
    p = patterns()
    plain = normalise(text)
    if not _gated(plain, p):
        # No gate lets the text through, so only confirmshaming, the one kind
        # without a gate, can hold.
        span = _confirmshaming(plain, p)
        if span is None or not p.anchor.search(plain):
            return ()
        start, end = span
        return (Claim(ClaimKind.CONFIRMSHAMING, text[start:end].strip(), start, end),)
    if not p.anchor.search(plain):
        return ()
    found: dict[ClaimKind, tuple[int, int]] = {}
    for kind, finder in _FINDERS:
        if kind is ClaimKind.URGENCY_IMPERATIVE and _EMPHASISED & found.keys():
            continue
        if kind is ClaimKind.LIMITED_TIME and ClaimKind.COUNTDOWN in found:
            continue
        gate = p.gates.get(kind)
        if gate is not None and not gate.search(plain):
            continue
        span = finder(plain, p)
        if span is not None:
            found[kind] = span
    return tuple(
        Claim(kind, text[start:end].strip(), start, end) for kind, (start, end) in found.items()
    )


def page_claims(page: Page, kinds: frozenset[ClaimKind]) -> Iterator[tuple[TextSegment, Claim]]:
    """The claims of the given kinds in the page's visible text, segment by segment."""
    for segment, claims in _claiming_segments(page):
        for claim in claims:
            if claim.kind in kinds:
                yield segment, claim
                break


def _claiming_segments(page: Page) -> list[tuple[TextSegment, tuple[Claim, ...]]]:
    """The page's visible segments that hold claims, with them; found once for SL701-SL708."""
    found: list[tuple[TextSegment, tuple[Claim, ...]]] | None = page.derived.get(_claiming_segments)
    if found is None:
        found = []
        for segment in page.visible_text_segments:
            claims = segment_claims(segment.text)
            if claims:
                found.append((segment, claims))
        page.derived[_claiming_segments] = found
    return found


def shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def evidence(segment: TextSegment, claim: Claim) -> str:
    """The triggering phrase and the text around it, for a reader to check in seconds."""
    if claim.phrase == segment.text:
        return f'<{segment.tag}> "{shorten(segment.text, 300)}"'
    return f'"{shorten(claim.phrase)}" in <{segment.tag}> "{shorten(segment.text, 300)}"'
