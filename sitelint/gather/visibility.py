"""Static visibility: what the markup alone says is hidden from a reader.

Render mode adds computed styles; this module only reads attributes and
inline styles, so it never claims an element is visible that CSS hides, and
rules that use it say "statically hidden".
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from selectolax.lexbor import LexborNode

_HIDING_DECLARATIONS = (
    (re.compile(r"(?:^|;)\s*display\s*:\s*none\b", re.I), "display:none"),
    (re.compile(r"(?:^|;)\s*visibility\s*:\s*(?:hidden|collapse)\b", re.I), "visibility:hidden"),
    (
        re.compile(r"(?:^|;)\s*font-size\s*:\s*0(?:\.0+)?(?:px|em|rem|pt|%)?\s*(?:;|$|!)", re.I),
        "font-size:0",
    ),
    (re.compile(r"(?:^|;)\s*opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)", re.I), "opacity:0"),
)
# Off-screen positioning is the classic honeypot and screen-reader-only trick.
_OFF_SCREEN = re.compile(r"(?:left|top|text-indent)\s*:\s*-\d{3,}", re.I)


def own_hidden_reason(node: LexborNode, *, honeypot: bool = False) -> str | None:
    """Why this element itself is hidden, from its attributes and inline style.

    With ``honeypot`` also count the tricks used to hide form fields from
    people but not from bots: off-screen positioning and ``tabindex=-1``.
    """
    return own_hidden_reason_in(node.attributes, honeypot=honeypot)


def own_hidden_reason_in(
    attributes: Mapping[str, str | None], *, honeypot: bool = False
) -> str | None:
    """own_hidden_reason() for an element whose attributes the caller has read."""
    computed = attributes.get("data-sitelint-hidden")
    if computed:
        # Written by the renderer from computed styles (render mode only).
        return computed
    if "hidden" in attributes:
        return "hidden attribute"
    if (attributes.get("aria-hidden") or "").strip().lower() == "true":
        return 'aria-hidden="true"'
    style = attributes.get("style")
    if style:
        for pattern, reason in _HIDING_DECLARATIONS:
            if pattern.search(style):
                return reason
        if honeypot and _OFF_SCREEN.search(style):
            return "positioned off-screen"
    if honeypot and (attributes.get("tabindex") or "").strip() == "-1":
        return 'tabindex="-1"'
    return None


def hidden_reason(
    node: LexborNode, *, honeypot: bool = False, memo: dict[int, str | None] | None = None
) -> str | None:
    """Why this element or one of its ancestors is hidden, if it is.

    ``memo`` (one per tree; not with ``honeypot``) keeps what each ancestor
    walked says, for the next element under it.
    """
    if memo is not None and not honeypot:
        return _hidden_reason_memo(node, memo)
    current: LexborNode | None = node
    first = True
    while current is not None and current.tag not in (None, "html", "-document"):
        # tabindex=-1 only marks the field itself, not its container.
        reason = own_hidden_reason(current, honeypot=honeypot and first)
        if reason is None and honeypot and not first:
            reason = own_hidden_reason(current, honeypot=False)
            style = current.attributes.get("style") or ""
            if reason is None and _OFF_SCREEN.search(style):
                reason = "positioned off-screen"
        if reason:
            return reason
        current = current.parent
        first = False
    return None


def _hidden_reason_memo(node: LexborNode, memo: dict[int, str | None]) -> str | None:
    walked: list[int] = []
    result: str | None = None
    current: LexborNode | None = node
    while current is not None and current.tag not in (None, "html", "-document"):
        mem_id = current.mem_id
        if mem_id in memo:
            result = memo[mem_id]
            break
        walked.append(mem_id)
        reason = own_hidden_reason(current)
        if reason:
            result = reason
            break
        current = current.parent
    # Each element walked is hidden for the reason found above it (or not at all).
    for mem_id in walked:
        memo[mem_id] = result
    return result
