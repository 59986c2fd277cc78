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


def test_an_adopted_link_table_maps_targets_and_shares_its_strings() -> None:
    import sys

    # Strings built at run time, as unpickling builds them: not interned yet.
    text = "".join(["Con", "tact"])
    table = pickle.loads(
        pickle.dumps(
            LinkTable([LinkRef(0, "footer > a", text, "footer"), LinkRef(1, "a", "", "body")])
        )
    )
    adopted = table.adopted([7, 3])
    assert list(adopted) == [
        LinkRef(7, "footer > a", "Contact", "footer"),
        LinkRef(3, "a", "", "body"),
    ]
    assert adopted[0].text is sys.intern("Contact")
    assert adopted[0].selector is sys.intern("footer > a")
