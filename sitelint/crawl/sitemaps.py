"""Sitemaps (urlset and sitemap index, plain or gzipped), parsed defensively.

Parsed as a stream: memory stays flat however large the file, a file cut at
the body size cap still yields the URLs before the cut, and entity tricks
(billion laughs, external entities) are refused by defusedxml.
"""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

_MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed
_MAX_ENTRIES = 50_000  # the sitemaps.org limit of URLs per file


@dataclass
class Sitemap:
    urls: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # children of a sitemap index
    error: str | None = None


def _gunzip(body: bytes) -> bytes:
    # Decompress with an output limit so a gzip bomb stops at the cap.
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return decompressor.decompress(body, _MAX_SITEMAP_BYTES)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_sitemap(body: bytes) -> Sitemap:
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except zlib.error as error:
            return Sitemap(error=f"bad gzip: {error}")
    sitemap = Sitemap()
    root_tag: str | None = None
    depth = 0
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(body), events=("start", "end")):
            if event == "start":
                root_tag = root_tag or _local(element.tag)
                depth += 1
                continue
            depth -= 1
            # <urlset><url><loc>: an image sitemap's <image:loc> sits deeper.
            if (
                depth == 2
                and _local(element.tag) == "loc"
                and element.text
                and element.text.strip()
            ):
                target = sitemap.sitemaps if root_tag == "sitemapindex" else sitemap.urls
                target.append(element.text.strip())
                if len(sitemap.urls) + len(sitemap.sitemaps) >= _MAX_ENTRIES:
                    sitemap.error = f"more than {_MAX_ENTRIES} entries; the rest is skipped"
                    break
            elif _local(element.tag) in ("url", "sitemap"):
                # Parsed entries are dropped as they end, so the tree never grows.
                element.clear()
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        # What was read before the fault (a cut or broken file) is kept.
        prefix = "not a sitemap" if root_tag is None else "broken sitemap"
        sitemap.error = f"{prefix}: {error}"
    if root_tag not in (None, "urlset", "sitemapindex") and sitemap.error is None:
        sitemap.error = f"not a sitemap: the root element is <{root_tag}>"
    return sitemap
