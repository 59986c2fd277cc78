"""Small DOM helpers over selectolax's lexbor tree: selectors, landmarks, text."""

from __future__ import annotations

import re

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
_WHITESPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """Text with runs of whitespace turned into one space, trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


def landmark_of(node: LexborNode) -> str | None:
    """The region an element itself names (header, nav, footer, main, aside), if any."""
    tag = node.tag or ""
    if tag in _LANDMARK_TAGS:
        return _LANDMARK_TAGS[tag]
    attributes = node.attributes
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


def region_of(node: LexborNode) -> str:
    """The innermost landmark around an element, or "body"."""
    current: LexborNode | None = node
    while current is not None and current.tag not in ("body", "html", None):
        region = landmark_of(current)
        if region:
            return region
        current = current.parent
    return "body"


# Sibling positions by (parent, tag) for callers that select many elements of
# one tree: counting siblings element by element is quadratic, and a hostile
# page has 100,000 links under one parent.
Positions = dict[tuple[int, str], dict[int, str]]


def css_path(node: LexborNode, positions: Positions | None = None) -> str:
    """A CSS selector that picks out this element.

    Stops at the nearest ancestor with a simple id, so the selector survives
    edits elsewhere on the page and reads like what a developer would write.
    Pass the same ``positions`` dict for every element of one tree.
    """
    parts: list[str] = []
    current: LexborNode | None = node
    while current is not None and current.tag not in (None, "html", "-document"):
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
    return " > ".join(reversed(parts))


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
