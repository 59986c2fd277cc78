"""Text segments: the leaf blocks of text a reader sees, in document order.

Phrase rules match segments, not raw HTML, so a word split across inline tags
still matches and a word inside a script never does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from sitelint.gather.dom import TreeMemo, css_path, landmark_in
from sitelint.gather.visibility import own_hidden_reason_in

# Elements whose text is not page prose.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "iframe",
        "object",
        "select",
        "option",
        "textarea",
        "datalist",
        "canvas",
        "video",
        "audio",
        "-comment",
    }
)
# Elements that start a new segment; everything else is inline.
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "button",
        "caption",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "label",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
    }
)
_FINE_PRINT = frozenset({"small", "sup", "sub"})


@dataclass(frozen=True, slots=True)
class TextSegment:
    text: str
    selector: str
    tag: str
    region: str  # header, nav, footer, main, aside or body
    hidden_reason: str | None  # set when the markup hides it (statically)
    fine_print: bool  # every word of it sits in <small>, <sup> or <sub>

    @property
    def visible(self) -> bool:
        return self.hidden_reason is None


# An open element: its children still to read, region, hidden reason, fine
# print, and whether it opened a block.
_Frame = tuple[Iterator[LexborNode], str, "str | None", bool, bool]


@dataclass(slots=True)
class _Block:
    node: LexborNode
    region: str
    hidden_reason: str | None
    parts: list[str]
    fine_parts: int = 0
    total_parts: int = 0


def text_segments(root: LexborNode | None, memo: TreeMemo | None = None) -> list[TextSegment]:
    """Every non-empty leaf block under ``root``, hidden ones included (marked).

    ``memo`` is the tree's, when the caller keeps one (see TreeMemo).
    """
    if root is None:
        return []
    segments: list[TextSegment] = []
    blocks: list[_Block] = []  # the open blocks, innermost last
    memo = memo or TreeMemo()

    def flush(block: _Block) -> None:
        # Most blocks hold no text of their own (a <div> around <p>s).
        if not block.parts:
            return
        text = " ".join(" ".join(block.parts).split())
        if text:
            segments.append(
                TextSegment(
                    text=text,
                    selector=css_path(block.node, memo=memo),
                    tag=block.node.tag or "",
                    region=block.region,
                    hidden_reason=block.hidden_reason,
                    fine_print=block.total_parts > 0 and block.fine_parts == block.total_parts,
                )
            )
        block.parts.clear()
        block.fine_parts = block.total_parts = 0

    def enter(node: LexborNode, region: str, hidden: str | None, fine: bool) -> _Frame | None:
        """The frame of an element whose text counts, opening its block; None to skip it."""
        tag = node.tag or ""
        if tag in _SKIPPED or tag.startswith("-"):
            return None
        attributes = node.attributes
        region = landmark_in(tag, attributes) or region
        own_reason = own_hidden_reason_in(attributes)
        starts_hiding = hidden is None and own_reason is not None
        hidden = hidden or own_reason
        fine = fine or tag in _FINE_PRINT
        # A hidden inline element (<span hidden>) is its own segment, so its
        # text is not counted as part of the visible block around it.
        opens = tag in _BLOCKS or not blocks or starts_hiding
        if opens:
            if blocks:
                flush(blocks[-1])
            blocks.append(_Block(node, region, hidden, []))
        return node.iter(include_text=True), region, hidden, fine, opens

    # An explicit stack of open elements, each with its children still to
    # read, not recursion: hostile pages nest thousands deep.
    first = enter(root, "body", None, False)
    frames = [first] if first is not None else []
    while frames:
        children, region, hidden, fine, opens = frames[-1]
        for child in children:
            if child.tag == "-text":
                content = child.text_content
                if content and not content.isspace():
                    block = blocks[-1]
                    block.parts.append(content)
                    block.total_parts += 1
                    if fine:
                        block.fine_parts += 1
                continue
            frame = enter(child, region, hidden, fine)
            if frame is not None:
                frames.append(frame)
                break  # its children first; this element's resume after
        else:
            frames.pop()
            if opens:
                flush(blocks.pop())
    while blocks:
        flush(blocks.pop())
    return segments
