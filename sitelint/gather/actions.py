"""Calls to action: the short texts a page puts forward (links, buttons, short blocks).

Several rules and the site-kind signals read them (price on request, trial
offers, subscription evidence), so they are gathered once per page.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitelint.gather.dom import TreeMemo, css_path, region_of, text_of
from sitelint.gather.links import Link
from sitelint.gather.text import TextSegment
from sitelint.gather.visibility import hidden_reason

# Longer texts are prose, not something a page puts forward to click or read first.
MAX_ACTION_WORDS = 12
_BUTTONS = "button, input[type=submit], input[type=button], [role=button]"


@dataclass(frozen=True, slots=True)
class CallToAction:
    """A short text a page puts forward: a link, a button or a short block."""

    text: str
    selector: str
    region: str
    source: str  # "link", "button" or "text"


def extract_calls_to_action(
    links: list[Link],
    buttons: list[LexborNode],
    segments: list[TextSegment],
    memo: TreeMemo | None = None,
) -> list[CallToAction]:
    """Visible links, buttons and short text blocks, in document order per source.

    ``segments`` are the page's visible text segments.
    """
    found: list[CallToAction] = []
    seen: set[str] = set()

    def add(text: str, selector: str, region: str, source: str) -> None:
        # split() stops counting once the text is too long: prose is skipped cheaply.
        if not text or len(text.split(None, MAX_ACTION_WORDS)) > MAX_ACTION_WORDS:
            return
        if selector in seen:
            return
        seen.add(selector)
        found.append(CallToAction(text, selector, region, source))

    for link in links:
        if link.hidden_reason is None:
            add(link.text, link.selector, link.region, "link")
    for node in buttons:
        if hidden_reason(node) is not None:
            continue
        text = text_of(node) or (node.attributes.get("value") or "").strip()
        add(text, css_path(node, memo=memo), region_of(node, memo), "button")
    for segment in segments:
        add(segment.text, segment.selector, segment.region, "text")
    return found


def button_nodes(tree: LexborHTMLParser) -> list[LexborNode]:
    return list(tree.css(_BUTTONS))
