"""Who runs a site: legal entity names and postal addresses in a page's text.

Shared by the contact-form-only (SL104) and legal-identity (SL105) rules.
Both rules fire when these find nothing, so the detectors lean towards
finding: a name that only looks like a company costs a missed finding, never
a wrong one. Still, they want the shape of the thing, not a word:

- a legal form counts after a name ("Musterfirma GmbH", "Acme, Inc."); the
  forms that are also ordinary words ("Limited edition", "AG", "SE Division
  Street") count only after a capitalised word and before nothing
  capitalised;
- a postal address is a street line (a house number with a street word)
  together with a postcode and town within three consecutive text blocks,
  as addresses are usually broken over lines; a US "City, ST 12345" or a
  post-office box with a postcode also counts.

The words (legal forms, street words) are data: ``identity.toml`` in each
language folder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from sitelint.gather.text import TextSegment
from sitelint.keywords import lexicon

_WINDOW = 3  # consecutive text blocks an address may span
_MAX_FOUND = 3
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_US_STATES = (  # noqa: SIM905
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
    "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR"
).split()
_TOWN = rf"[{_UPPER}][\w'’.-]+"
_POSTCODES = (
    # DE, FR, ES, IT, US without state: five digits and a town ("87435 Kempten").
    re.compile(rf"(?<![\w.,-])(?:[A-Z]{{1,2}}-)?\d{{5}}\s+{_TOWN}"),
    # AT, CH, BE, DK, ...: four digits and a town ("1010 Wien", "CH-8001 Zürich").
    re.compile(rf"(?<![\w.,-])(?:[A-Z]{{1,2}}-)?\d{{4}}\s+{_TOWN}"),
    # UK ("BS1 4DJ", "SW1A 1AA") and Canada ("K1A 0B1").
    re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}(?![\w-])"),
    re.compile(r"(?<![\w-])[A-Z]\d[A-Z]\s?\d[A-Z]\d(?![\w-])"),
    # US state and ZIP ("OR 97202").
    re.compile(rf"(?<![\w-])(?:{'|'.join(_US_STATES)})\s+\d{{5}}(?:-\d{{4}})?(?![\w-])"),
)
# "Portland, OR 97202" is an address on its own.
_US_TOWN_STATE_ZIP = re.compile(
    rf"{_TOWN}(?:\s{_TOWN}){{0,3}},\s*(?:{'|'.join(_US_STATES)})\s+\d{{5}}(?:-\d{{4}})?(?![\w-])"
)


@dataclass(frozen=True, slots=True)
class Found:
    text: str  # what was found, as written
    selector: str  # the text block it is in

    def describe(self) -> str:
        return f'"{self.text}"'


def _alternation(words: Sequence[str], *, spaced: bool = True) -> str:
    unique = sorted(set(words), key=len, reverse=True)
    if spaced:
        return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in unique)
    return "|".join(re.escape(w) for w in unique)


@cache
def _legal_form_patterns() -> tuple[re.Pattern[str], frozenset[str]]:
    lists = lexicon().phrase_lists
    distinctive = set(lists.get("identity_legal_forms", ()))
    ambiguous = set(lists.get("identity_legal_forms_ambiguous", ())) - distinctive
    pattern = re.compile(
        rf"(?<![\w.])(?:{_alternation([*distinctive, *ambiguous])})(?![\w])(?!\.\w)",
    )
    return pattern, frozenset(ambiguous)


_TOKEN_BEFORE = re.compile(r"([\w'’&.+-]+)[\s,]*$")
_TOKEN_AFTER = re.compile(r"^[\s,]*([\w'’&.+-]+)")
_NAME_PART = re.compile(rf"^(?:[{_UPPER}0-9][\w'’.+-]*|&|\+|and|und|et|y|of|de|für|the)$")


def _entity_name(before: str, form: str) -> str:
    """The name in front of a legal form, for the evidence ("Musterfirma GmbH")."""
    words = before.rstrip(" ,").split()
    name: list[str] = []
    for word in reversed(words[-6:]):
        if not _NAME_PART.match(word.strip(",")):
            break
        name.insert(0, word)
    # Drop a leading year or word that is not part of the name ("© 2026 Acme Ltd").
    while name and (name[0].isdigit() or not (name[0][:1].isupper() or name[0][:1].isdigit())):
        name.pop(0)
    return " ".join([*name, form]) if name else form


def legal_entity_names(segments: Sequence[TextSegment]) -> list[Found]:
    """Company names with a legal form ("Musterfirma GmbH", "Acme Widgets Ltd")."""
    pattern, ambiguous = _legal_form_patterns()
    found: list[Found] = []
    for segment in segments:
        text = segment.text
        for match in pattern.finditer(text):
            form = match.group(0)
            if pattern.match(text[match.end() :].lstrip(" ,")):
                continue  # "Fernwood Supply Co. LLC": the last form names the entity
            preceding = _TOKEN_BEFORE.search(text[: match.start()])
            if preceding is None or not any(c.isalnum() for c in preceding.group(1)):
                continue
            if " ".join(form.split()) in ambiguous:
                first = preceding.group(1)[:1]
                if not (first.isupper() or first.isdigit()):
                    continue
                following = _TOKEN_AFTER.match(text[match.end() :])
                if (
                    following
                    and following.group(1)[:1].isupper()
                    and not form.endswith(".")
                    and not pattern.fullmatch(following.group(1))
                ):
                    continue
            found.append(Found(_entity_name(text[: match.start()], form), segment.selector))
            if len(found) >= _MAX_FOUND:
                return found
    return found


@cache
def _street_patterns() -> tuple[re.Pattern[str], ...]:
    lists = lexicon().phrase_lists
    patterns = []
    types = lists.get("identity_street_types", ())
    if types:
        # "2140 SE Division Street", "10 Downing St."
        patterns.append(
            re.compile(
                rf"(?<![\w.,-])\d{{1,6}}[A-Za-z]?(?:-\d{{1,6}})?,?\s+(?:[A-Z0-9][\w'’.-]*\s+){{0,5}}?"
                rf"(?:{_alternation(types)})(?![\w])"
            )
        )
    suffixes = lists.get("identity_street_suffixes", ())
    if suffixes:
        # "Musterstraße 12", "Hauptstr. 5a", "Am Markt 3"
        patterns.append(
            re.compile(
                rf"(?<![\w-])(?=[{_UPPER}])[\w-]*?(?i:{_alternation(suffixes, spaced=False)})"
                r"\s+\d{1,4}\s?[a-zA-Z]?(?:\s?[-–/]\s?\d{1,4}[a-z]?)?(?![\w])"
            )
        )
    leading = lists.get("identity_street_leading", ())
    if leading:
        words = _alternation(leading, spaced=False)
        # "12 rue de la Paix", "12, avenue Foch"
        patterns.append(
            re.compile(
                rf"(?<![\w.,-])\d{{1,4}}(?:\s?(?:bis|ter|[A-Za-z]))?,?\s+(?i:{words})(?![\w])\s*\w"
            )
        )
        # "Calle Mayor 5", "C/ Gran Vía, 1", "Avenida de la Constitución nº 12"
        patterns.append(
            re.compile(
                rf"(?<![\w])(?i:{words})(?![\w])\s*[^\d,;]{{2,40}}?,?\s*(?:n[º°o]\.?\s*)?"
                r"\d{1,4}(?![\d])"
            )
        )
    boxes = lists.get("identity_po_box", ())
    if boxes:
        patterns.append(
            re.compile(rf"(?<![\w])(?:{_alternation(boxes)})\.?\s*(?:n[º°o]\.?\s*)?\d[\d ]{{0,10}}")
        )
    return tuple(patterns)


def _first_match(patterns: Sequence[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def postal_addresses(segments: Sequence[TextSegment]) -> list[Found]:
    """Postal addresses: a street line with a postcode and town nearby."""
    streets = _street_patterns()
    found: list[Found] = []
    used_until = -1
    for position, segment in enumerate(segments):
        if position <= used_until:
            continue
        us_address = _US_TOWN_STATE_ZIP.search(segment.text)
        street = _first_match(streets, segment.text)
        if street is None and us_address is None:
            continue
        if us_address is not None and street is None:
            found.append(Found(us_address.group(0), segment.selector))
            used_until = position
        else:
            assert street is not None
            window = segments[max(0, position - 1) : position + _WINDOW]
            rest = segment.text[street.end() :]
            for offset, other in enumerate(window):
                text = rest if other is segment else other.text
                postcode = _first_match(_POSTCODES, text)
                if postcode is not None:
                    lines = [segment.text] if other is segment else [segment.text, other.text]
                    if offset == 0 and other is not segment:
                        lines.reverse()
                    found.append(Found(", ".join(lines)[:160], segment.selector))
                    used_until = max(position, position - 1 + offset)
                    break
        if len(found) >= _MAX_FOUND:
            break
    return found


__all__ = ["Found", "legal_entity_names", "postal_addresses"]
