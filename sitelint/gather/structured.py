"""Structured data (JSON-LD and microdata) through extruct."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import extruct


def extract_structured_data(html: str, url: str) -> list[dict[str, Any]]:
    """Top-level items in extruct's uniform shape (``@type`` on every item)."""
    # extruct parses the whole document again with lxml: skip it on the many
    # pages that carry no structured data at all.
    if "application/ld+json" not in html and "itemscope" not in html:
        return []
    try:
        data = extruct.extract(html, base_url=url, syntaxes=["json-ld", "microdata"], uniform=True)
    except Exception:
        return []
    items: list[dict[str, Any]] = []
    for syntax in ("json-ld", "microdata"):
        for item in data.get(syntax, []):
            if isinstance(item, dict):
                items.extend(_flatten_graph(item))
    return items


def _flatten_graph(item: dict[str, Any]) -> Iterator[dict[str, Any]]:
    graph = item.get("@graph")
    if isinstance(graph, list):
        for node in graph:
            if isinstance(node, dict):
                yield node
    else:
        yield item


def item_types(item: dict[str, Any]) -> set[str]:
    """The schema.org type names of an item, without their URL prefix."""
    raw = item.get("@type", [])
    types = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1] for t in types}
