"""Small DOM helpers over selectolax's lexbor tree: selectors, landmarks, text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

# Regions a rule may care about: a link in the footer is template chrome, a
# phone number in <main> is content.
_LANDMARK_TAGS = {
    "header": "header",
    "nav": "nav",
    "footer": "footer",
    "main": "main",
    "aside": "aside",
}
_LANDMARK_ROLES = {
    "banner": "header",
    "navigation": "nav",
    "contentinfo": "footer",
    "main": "main",
    "complementary": "aside",
}
_LANDMARK_NAMES = {
    "header": "header",
    "site-header": "header",
    "masthead": "header",
    "nav": "nav",
    "navbar": "nav",
    "navigation": "nav",
    "menu": "nav",
    "footer": "footer",
    "site-footer": "footer",
    "page-footer": "footer",
    "colophon": "footer",
    "main": "main",
    "content": "main",
    "sidebar": "aside",
}
_SIMPLE_ID = re.compile(r"^[A-Za-z][\w-]*$")


def collapse(text: str) -> str:
    """Text with runs of whitespace turned into one space, trimmed."""
    # str.split() and the regex \s agree on what whitespace is; split is faster.
    return " ".join(text.split())


def landmark_of(node: LexborNode) -> str | None:
    """The region an element itself names (header, nav, footer, main, aside), if any."""
    tag = node.tag or ""
    if tag in _LANDMARK_TAGS:
        return _LANDMARK_TAGS[tag]
    return landmark_in(tag, node.attributes)


def landmark_in(tag: str, attributes: Mapping[str, str | None]) -> str | None:
    """landmark_of() for an element whose tag and attributes the caller has read."""
    if tag in _LANDMARK_TAGS:
        return _LANDMARK_TAGS[tag]
    role = attributes.get("role")
    if role and role in _LANDMARK_ROLES:
        return _LANDMARK_ROLES[role]
    element_id = attributes.get("id")
    if element_id and element_id.lower() in _LANDMARK_NAMES:
        return _LANDMARK_NAMES[element_id.lower()]
    classes = attributes.get("class")
    if classes:
        for token in classes.lower().split():
            if token in _LANDMARK_NAMES:
                return _LANDMARK_NAMES[token]
    return None


def region_of(node: LexborNode, memo: TreeMemo | None = None) -> str:
    """The innermost landmark around an element, or "body"."""
    known = memo.regions if memo is not None else None
    walked: list[int] = []
    result = "body"
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html", None):
        if known is not None:
            mem_id = current.mem_id
            found = known.get(mem_id)
            if found is not None:
                result = found
                break
            walked.append(mem_id)
        region = landmark_of(current)
        if region:
            result = region
            break
        current = current.parent
    if known is not None:
        # Each element walked had no landmark of its own, but the last one.
        for mem_id in walked:
            known[mem_id] = result
    return result


# Sibling positions by (parent, tag) for callers that select many elements of
# one tree: counting siblings element by element is quadratic, and a hostile
# page has 100,000 links under one parent.
Positions = dict[tuple[int, str], dict[int, str]]


@dataclass
class TreeMemo:
    """What walks up one tree found, by element (``mem_id``), for the next walk.

    Every link and text segment of a page walks up to <body> for its
    selector, region and visibility, through the same few ancestors; one
    memo per parsed page lets each ancestor be read once.
    """

    positions: Positions = field(default_factory=dict)
    paths: dict[int, str] = field(default_factory=dict)
    regions: dict[int, str] = field(default_factory=dict)
    hidden: dict[int, str | None] = field(default_factory=dict)


def css_path(
    node: LexborNode, positions: Positions | None = None, memo: TreeMemo | None = None
) -> str:
    """A CSS selector that picks out this element.

    Stops at the nearest ancestor with a simple id, so the selector survives
    edits elsewhere on the page and reads like what a developer would write.
    Pass the same ``positions`` dict (or ``memo``) for every element of one tree.
    """
    if memo is not None:
        positions = memo.positions
    known = memo.paths if memo is not None else None
    parts: list[str] = []
    walked: list[int] = []
    prefix = ""
    current: LexborNode | None = node
    while current is not None and current.tag not in (None, "html", "-document"):
        if known is not None:
            mem_id = current.mem_id
            found = known.get(mem_id)
            if found is not None:
                prefix = found
                break
            walked.append(mem_id)
        tag = current.tag or ""
        element_id = current.attributes.get("id")
        if element_id and _SIMPLE_ID.match(element_id):
            parts.append(f"{tag}#{element_id}")
            break
        if tag == "body":
            parts.append("body")
            break
        parent = current.parent
        if positions is not None and parent is not None:
            parts.append(_position_among(parent, current, tag, positions))
        else:
            parts.append(_with_position(current, tag))
        current = parent
    if known is None:
        return " > ".join(reversed(parts))
    # The selector of each element walked is its parent's plus its own part.
    path = prefix
    for index in range(len(parts) - 1, -1, -1):
        path = f"{path} > {parts[index]}" if path else parts[index]
        known[walked[index]] = path
    return path


def _with_position(node: LexborNode, tag: str) -> str:
    before = 0
    sibling = node.prev
    while sibling is not None:
        if sibling.tag == tag:
            before += 1
        sibling = sibling.prev
    if before:
        return f"{tag}:nth-of-type({before + 1})"
    sibling = node.next
    while sibling is not None:
        if sibling.tag == tag:
            return f"{tag}:nth-of-type(1)"
        sibling = sibling.next
    return tag


def _position_among(parent: LexborNode, node: LexborNode, tag: str, positions: Positions) -> str:
    key = (parent.mem_id, tag)
    table = positions.get(key)
    if table is None:
        same = [child.mem_id for child in parent.iter() if child.tag == tag]
        if len(same) == 1:
            table = {same[0]: tag}
        else:
            table = {mem_id: f"{tag}:nth-of-type({i})" for i, mem_id in enumerate(same, 1)}
        positions[key] = table
    return table.get(node.mem_id) or _with_position(node, tag)


def text_of(node: LexborNode) -> str:
    return collapse(node.text(deep=True, separator=" "))


def select(tree: LexborHTMLParser, selector: str) -> LexborNode | None:
    """The element a finding's selector names, or None (also for a selector lexbor refuses)."""
    try:
        return tree.css_first(selector)
    except Exception:
        return None


def nested(tree: LexborHTMLParser, first: str, second: str) -> bool:
    """Whether one selector's element contains the other's (or they are the same).

    Selectors rooted at an id ("span#timer") are not prefixes of their
    ancestors' selectors, so containment is read from the DOM itself.
    """
    if first == second:
        return True
    a, b = select(tree, first), select(tree, second)
    if a is None or b is None:
        return False
    return _is_ancestor(a, b) or _is_ancestor(b, a)


def _is_ancestor(outer: LexborNode, inner: LexborNode) -> bool:
    target = outer.mem_id
    current: LexborNode | None = inner
    while current is not None:
        if current.mem_id == target:
            return True
        current = current.parent
    return False
