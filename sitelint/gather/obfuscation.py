"""Email addresses hidden from harvesters, and so from people: spelled out,
shown as an image, or assembled by a script.

- spelled out: "name [at] host [dot] com", "name(at)host.de", "info [ät]
  beispiel [punkt] de", "name @ host . com". A bare "at" needs a bare "dot"
  too, so "find us at example.com" stays a sentence;
- an image: an ``<img>`` whose alt text is an address or says it shows one
  ("E-Mail-Adresse"), or that stands alone after an email label ("E-Mail:
  <img>"). Icons (24 px or less) and images inside links are not addresses;
- a script: Cloudflare's email protection (``data-cfemail``), or an inline
  script or ``javascript:`` link that glues an address together ("'@'",
  ``String.fromCharCode``, a reversed or encoded "mailto:").

The words ("at", "punkt", "arroba", the labels) are data: ``identity.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitelint.gather.contacts import EMAIL_PATTERN
from sitelint.gather.dom import collapse, css_path
from sitelint.gather.text import TextSegment
from sitelint.gather.visibility import hidden_reason
from sitelint.keywords import PhraseMatcher, lexicon, normalise

_ICON_MAX_PX = 24
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
_BLOCK_TAGS = frozenset({"p", "div", "li", "td", "dd", "address", "section", "span", "footer"})
# Script tricks that assemble an address.
_SCRIPT_AT = re.compile(r"""(['"])(?:@|&#64;|&#x40;|\\x40|\\u0040)\1""")
_SCRIPT_ASSEMBLY = re.compile(
    r"fromCharCode|\.reverse\(\)|atob\(|unescape\(|decodeURIComponent\(|\.join\(|\+", re.I
)
_SCRIPT_MAILTO = re.compile(r"mailto:(?!\?)", re.I)
_CLOUDFLARE = "/cdn-cgi/l/email-protection"


@dataclass(frozen=True, slots=True)
class ObfuscatedEmail:
    how: str  # "spelled out", "image" or "script"
    text: str  # the obfuscated form, as found
    selector: str


@cache
def _spelled_out() -> re.Pattern[str]:
    lists = lexicon().phrase_lists
    at_words = "|".join(
        re.escape(w) for w in sorted(set(lists.get("identity_email_at", ("at",))), key=len)[::-1]
    )
    dot_words = "|".join(
        re.escape(w) for w in sorted(set(lists.get("identity_email_dot", ("dot",))), key=len)[::-1]
    )
    opening, closing = r"[\[\(\{<]", r"[\]\)\}>]"
    bracketed_at = rf"\s*{opening}\s*(?:{at_words}|@)\s*{closing}\s*"
    bracketed_dot = rf"\s*{opening}\s*(?:{dot_words}|\.)\s*{closing}\s*"
    bare_at, bare_dot = rf"\s+(?:{at_words})\s+", rf"\s+(?:{dot_words})\s+"
    spaced_at, spaced_dot = r"\s+@\s*|\s*@\s+", r"\s+\.\s*|\s*\.\s+"
    local = r"(?<![\w.+-])[A-Za-z0-9][\w.+-]*"
    label = r"[A-Za-z0-9][A-Za-z0-9-]*"
    tld = r"[A-Za-z]{2,24}(?![\w-])"
    dot_any = rf"(?:{bracketed_dot}|{bare_dot}|{spaced_dot}|\.)"
    # A bracketed or spaced "@" may use any dot; a bare "at" needs a bare or
    # bracketed "dot", or "find us at example.com" would be an address.
    dot_strict = rf"(?:{bracketed_dot}|{bare_dot})"
    return re.compile(
        rf"{local}(?:(?:{bracketed_at}|{spaced_at}){label}(?:{dot_any}{label})*?{dot_any}{tld}"
        rf"|{bare_at}{label}(?:{dot_any}{label})*?{dot_strict}{tld})",
        re.IGNORECASE,
    )


def spelled_out_emails(segments: Sequence[TextSegment]) -> list[ObfuscatedEmail]:
    found = []
    pattern = _spelled_out()
    for segment in segments:
        for match in pattern.finditer(segment.text):
            text = match.group(0)
            if EMAIL_PATTERN.fullmatch(text):
                continue  # a plain address
            found.append(ObfuscatedEmail("spelled out", text, segment.selector))
    return found


@cache
def _labels() -> tuple[PhraseMatcher, PhraseMatcher]:
    lists = lexicon().phrase_lists
    return (
        PhraseMatcher.compile(normalise(p) for p in lists.get("identity_email_labels", ())),
        PhraseMatcher.compile(normalise(p) for p in lists.get("identity_email_image_alts", ())),
    )


def _pixels(value: str | None) -> int | None:
    match = re.match(r"\s*(\d+)", value or "")
    return int(match.group(1)) if match else None


def _is_icon(image: LexborNode) -> bool:
    sizes = [_pixels(image.attributes.get(a)) for a in ("width", "height")]
    return any(size is not None and size <= _ICON_MAX_PX for size in sizes)


def _inside_link(node: LexborNode) -> bool:
    current = node.parent
    while current is not None and current.tag not in ("body", "html", None):
        if current.tag == "a" and current.attributes.get("href"):
            return True
        current = current.parent
    return False


def _text_around(block: LexborNode, image: LexborNode) -> tuple[str, str]:
    """The block's text before and after the image."""
    html = block.html or ""
    marker = image.html or ""
    at = html.find(marker) if marker else -1
    if at < 0:
        return "", ""

    def text(fragment: str) -> str:
        return collapse(LexborHTMLParser(f"<body>{fragment}</body>").body.text(separator=" "))  # type: ignore[union-attr]

    return text(html[:at]), text(html[at + len(marker) :])


def image_emails(tree: LexborHTMLParser) -> list[ObfuscatedEmail]:
    labels, alts = _labels()
    spelled = _spelled_out()
    found = []
    for image in tree.css("img"):
        if _is_icon(image) or _inside_link(image) or hidden_reason(image):
            continue
        described = collapse(
            f"{image.attributes.get('alt') or ''} {image.attributes.get('title') or ''}"
        )
        shows_address = bool(described) and (
            EMAIL_PATTERN.search(described) is not None
            or spelled.search(described) is not None
            or alts.fullmatch(described)
        )
        if not shows_address:
            block = image.parent
            while block is not None and block.tag not in _BLOCK_TAGS:
                block = block.parent
            if block is None:
                continue
            before, after = _text_around(block, image)
            # "E-Mail: <img>": the label, then the image and nothing else.
            shows_address = not after and bool(before) and labels.fullmatch(before.rstrip(" :"))
        if shows_address:
            source = (image.attributes.get("src") or "").rsplit("/", 1)[-1][:60]
            found.append(
                ObfuscatedEmail("image", described or f"<img src={source!r}>", css_path(image))
            )
    return found


def script_emails(tree: LexborHTMLParser) -> list[ObfuscatedEmail]:
    found = []
    for node in tree.css("[data-cfemail], a[href*='/cdn-cgi/l/email-protection']"):
        found.append(ObfuscatedEmail("script", "Cloudflare email protection", css_path(node)))
        break
    for script in tree.css("script"):
        script_type = (script.attributes.get("type") or "").strip().lower()
        if script_type not in _SCRIPT_TYPES or script.attributes.get("src"):
            continue
        code = script.text(deep=True) or ""
        glued_at = _SCRIPT_AT.search(code)
        mailto = _SCRIPT_MAILTO.search(code)
        if (glued_at and _SCRIPT_ASSEMBLY.search(code)) or (
            mailto and re.search(r"fromCharCode|\.reverse\(\)|atob\(", code)
        ):
            found.append(ObfuscatedEmail("script", collapse(code)[:80], css_path(script)))
    for link in tree.css("a[href^='javascript:'], [onclick]"):
        code = f"{link.attributes.get('href') or ''} {link.attributes.get('onclick') or ''}"
        if _SCRIPT_MAILTO.search(code) and (_SCRIPT_AT.search(code) or "+" in code):
            found.append(ObfuscatedEmail("script", collapse(code)[:80], css_path(link)))
    return found


def obfuscated_emails(
    tree: LexborHTMLParser, segments: Sequence[TextSegment]
) -> list[ObfuscatedEmail]:
    """Every obfuscated address on a page: spelled out, as an image, or by a script."""
    visible = [segment for segment in segments if segment.visible]
    return [*spelled_out_emails(visible), *image_emails(tree), *script_emails(tree)]


__all__ = ["ObfuscatedEmail", "obfuscated_emails"]
