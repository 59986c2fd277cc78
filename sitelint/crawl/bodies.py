"""Bodies that claim to be HTML but must not be parsed as HTML.

Both checks are cheap scans of bytes already in memory, run before the parser
sees the page: an image sent as text/html is noise to every rule, and the HTML
parser's cost grows with the square of the nesting depth (100,000 nested
elements take it half a minute), where browsers stop nesting at 512.
"""

from __future__ import annotations

import re

MAX_NESTING = 4096
_SNIFF_BYTES = 1024
# WHATWG MIME sniffing's "binary data bytes": no text encoding produces them.
_BINARY_BYTES = frozenset({*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)})
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"OggS", "audio or video"),
    (b"ID3", "audio"),
)
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# Start and end tags; elements that never hold children, or whose end tag may
# be left out, do not count as nesting.
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
_NOT_NESTING = frozenset(
    b"area base br col embed hr img input link meta param source track wbr "
    b"p li dt dd option optgroup tr td th thead tbody tfoot colgroup caption rt rp "
    b"html head body".split()
)


def binary_kind(body: bytes, content_type_header: str | None) -> str | None:
    """What the body is when it is plainly not text ("a PNG image"), else None."""
    head = body[:_SNIFF_BYTES]
    if not head or head.startswith(_TEXT_BOMS):
        return None
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    charset = (content_type_header or "").lower()
    if "utf-16" in charset or "utf-32" in charset:
        return None
    # A stray NUL or two is a sloppy page, still worth reading; 3% is noise.
    binary = sum(1 for byte in head if byte in _BINARY_BYTES)
    return "binary data" if binary >= 8 and binary * 100 > len(head) * 3 else None


def nesting_depth_over(body: bytes, limit: int = MAX_NESTING) -> bool:
    """True when elements open more than ``limit`` deep (an estimate from the tags)."""
    if body.count(b"<") <= limit:
        return False
    depth = 0
    for match in _TAG.finditer(body):
        name = match.group(2).lower()
        if name in _NOT_NESTING or match.group(3):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > limit:
            return True
    return False
