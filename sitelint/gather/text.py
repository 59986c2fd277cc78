"""Text segments: the leaf blocks of text a reader sees, in document order.

Phrase rules match segments, not raw HTML, so a word split across inline tags
still matches and a word inside a script never does.
"""

from __future__ import annotations

from dataclasses import dataclass

from selectolax.lexbor import LexborNode

from sitelint.gather.dom import TreeMemo, collapse, css_path, landmark_in
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
    # An explicit stack, not recursion: hostile pages nest thousands deep.
    # Entries: (node, region, hidden_reason, fine_print, exiting)
    stack: list[tuple[LexborNode, str, str | None, bool, bool]] = [
        (root, "body", None, False, False)
    ]
    blocks: list[_Block] = []
    memo = memo or TreeMemo()

    def flush(block: _Block) -> None:
        # Most blocks hold no text of their own (a <div> around <p>s).
        if not block.parts:
            return
        text = collapse(" ".join(block.parts))
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

    def add_text(node: LexborNode, fine: bool) -> None:
        if blocks:
            content = node.text_content or ""
            if content.strip():
                block = blocks[-1]
                block.parts.append(content)
                block.total_parts += 1
                if fine:
                    block.fine_parts += 1

    while stack:
        node, region, hidden, fine, exiting = stack.pop()
        if exiting:
            flush(blocks.pop())
            continue
        tag = node.tag or ""
        if tag == "-text":
            add_text(node, fine)
            continue
        if tag in _SKIPPED or tag.startswith("-"):
            continue
        attributes = node.attributes
        region = landmark_in(tag, attributes) or region
        own_reason = own_hidden_reason_in(attributes)
        starts_hiding = hidden is None and own_reason is not None
        hidden = hidden or own_reason
        fine = fine or tag in _FINE_PRINT
        # A hidden inline element (<span hidden>) is its own segment, so its
        # text is not counted as part of the visible block around it.
        if tag in _BLOCKS or not blocks or starts_hiding:
            if blocks:
                flush(blocks[-1])
            blocks.append(_Block(node, region, hidden, []))
            stack.append((node, region, hidden, fine, True))
        children = list(node.iter(include_text=True))
        if all(child.tag == "-text" for child in children):
            # Only text inside (<p>words</p>, <a>words</a>): read it now, as
            # popping it off the stack next would.
            for child in children:
                add_text(child, fine)
            continue
        for child in reversed(children):
            stack.append((child, region, hidden, fine, False))
    while blocks:
        flush(blocks.pop())
    return segments
