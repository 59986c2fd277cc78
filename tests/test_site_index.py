"""The SiteIndex's compact per-page records."""

from __future__ import annotations

import pickle

from sitelint.site_index import LinkRef, LinkTable

LINKS = [
    LinkRef(3, "nav > a:nth-of-type(1)", "About", "nav"),
    LinkRef(7, "main > p > a", "Pricing", "main"),
    LinkRef(3, "footer > a", "About us", "footer"),
]


def test_link_table_reads_back_every_link_in_order() -> None:
    table = LinkTable(LINKS)
    assert len(table) == 3
    assert list(table) == LINKS
    assert table[1] == LINKS[1]
    assert table[-1] == LINKS[-1]
    assert list(table[1:]) == LINKS[1:]
    assert list(table.targets()) == [3, 7, 3]
    assert table == LINKS
    assert table != LINKS[:2]
    assert not LinkTable()


def test_link_table_crosses_a_process_boundary() -> None:
    table = LinkTable(LINKS)
    copy = pickle.loads(pickle.dumps(table))
    assert copy == table
    assert list(copy) == LINKS
