"""The Page: everything a page rule may judge, computed lazily from one parse.

Every artifact is a pure function of the response, computed on first use and
then shared by every rule, so a page is parsed once however many rules run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cached_property
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser
from w3lib.encoding import html_to_unicode

from sitelint.gather.actions import CallToAction, button_nodes, extract_calls_to_action
from sitelint.gather.contacts import ContactPoint, extract_contacts
from sitelint.gather.dom import TreeMemo, collapse
from sitelint.gather.forms import Form, extract_forms
from sitelint.gather.links import Link, extract_links
from sitelint.gather.prices import Money, extract_prices
from sitelint.gather.rendered import RenderArtifacts
from sitelint.gather.resources import PageResources, extract_resources
from sitelint.gather.structured import extract_structured_data
from sitelint.gather.text import TextSegment, text_segments
from sitelint.models import PageKind

_LANGUAGE_REGIONS = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "it": "IT", "nl": "NL"}


def decode_body(body: bytes, content_type: str | None) -> str:
    """The body as text: BOM, then the Content-Type charset, then <meta>, then UTF-8."""
    _, text = html_to_unicode(content_type, body)
    return text.replace("\x00", "")


class Page:
    """One fetched HTML page and its lazily gathered artifacts."""

    def __init__(
        self,
        url: str,
        html: str,
        *,
        status: int = 200,
        headers: Mapping[str, str] | None = None,
        requested_url: str | None = None,
        redirects: tuple[str, ...] = (),
        depth: int = 0,
        inbound_texts: tuple[str, ...] = (),
    ) -> None:
        self.url = url
        self.html = html
        self.status = status
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.requested_url = requested_url or url
        self.redirects = redirects
        self.depth = depth
        self.inbound_texts = inbound_texts
        # Set by the classifier; rules read it, gather never does.
        self.kind = PageKind.OTHER
        # Set by the renderer in render mode: what only a browser sees.
        self.render: RenderArtifacts | None = None
        # What modules above gather work out from the page once for several
        # rules (the dark-pattern claims of its texts), keyed by the function
        # that does.
        self.derived: dict[Callable[..., Any], Any] = {}

    def __repr__(self) -> str:
        return f"Page({self.url!r}, kind={self.kind.value})"

    @property
    def rendered(self) -> bool:
        return self.render is not None

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme.lower()

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"

    @cached_property
    def tree(self) -> LexborHTMLParser:
        return LexborHTMLParser(self.html)

    @cached_property
    def lang(self) -> str:
        """The primary language subtag declared on <html> ("en", "de"), or ""."""
        root = self.tree.root
        declared = root.attributes.get("lang") if root is not None else None
        return (declared or "").strip().split("-")[0].split("_")[0].lower()

    @cached_property
    def phone_region(self) -> str:
        """The region to read national-format phone numbers in."""
        root = self.tree.root
        declared = (root.attributes.get("lang") or "") if root is not None else ""
        parts = declared.replace("_", "-").split("-")
        if len(parts) > 1 and len(parts[1]) == 2:
            return parts[1].upper()
        tld = self.host.rsplit(".", 1)[-1]
        if len(tld) == 2 and tld.isalpha() and tld != "uk":
            return tld.upper()
        if tld == "uk":
            return "GB"
        return _LANGUAGE_REGIONS.get(self.lang, "US")

    @cached_property
    def title(self) -> str:
        node = self.tree.css_first("title")
        return collapse(node.text()) if node is not None else ""

    @cached_property
    def h1(self) -> str:
        node = self.tree.css_first("h1")
        return collapse(node.text(separator=" ")) if node is not None else ""

    @cached_property
    def _memo(self) -> TreeMemo:
        # Shared by the gatherers that walk up from many elements of the tree.
        return TreeMemo()

    @cached_property
    def links(self) -> list[Link]:
        return extract_links(self.tree, self.url, self._memo)

    @cached_property
    def forms(self) -> list[Form]:
        return extract_forms(self.tree, self.url)

    @cached_property
    def text_segments(self) -> list[TextSegment]:
        return text_segments(self.tree.body, self._memo)

    @cached_property
    def visible_text_segments(self) -> list[TextSegment]:
        return [segment for segment in self.text_segments if segment.visible]

    @cached_property
    def main_text_segments(self) -> list[TextSegment]:
        """Visible segments outside the header, navigation and footer."""
        return [
            segment
            for segment in self.visible_text_segments
            if segment.region not in ("header", "nav", "footer")
        ]

    @cached_property
    def visible_text(self) -> str:
        return " ".join(segment.text for segment in self.visible_text_segments)

    @cached_property
    def calls_to_action(self) -> list[CallToAction]:
        """Visible links, buttons and short text blocks, header and footer included."""
        return extract_calls_to_action(
            self.links, button_nodes(self.tree), self.visible_text_segments, self._memo
        )

    @cached_property
    def contacts(self) -> list[ContactPoint]:
        return extract_contacts(self.text_segments, self.links, self.phone_region)

    @cached_property
    def prices(self) -> list[Money]:
        return extract_prices(self.text_segments)

    @cached_property
    def resources(self) -> PageResources:
        """Scripts, stylesheets, images, frames and media the page loads by itself."""
        return extract_resources(self.tree, self.url)

    @cached_property
    def structured_data(self) -> list[dict[str, Any]]:
        return extract_structured_data(self.html, self.url)
