"""Small DOM helpers over selectolax's lexbor tree: selectors, landmarks, text."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborNode

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


def css_path(node: LexborNode) -> str:
    """A CSS selector that picks out this element.

    Stops at the nearest ancestor with a simple id, so the selector survives
    edits elsewhere on the page and reads like what a developer would write.
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
        parts.append(_with_position(current, tag))
        current = current.parent
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


def text_of(node: LexborNode) -> str:
    return collapse(node.text(deep=True, separator=" "))
