from __future__ import annotations

import pytest

from sitelint.classify import link_kind
from sitelint.classify.page_kind import classify
from sitelint.models import PageKind


@pytest.mark.parametrize(
    ("url", "title", "h1", "inbound", "expected"),
    [
        ("https://a.example/", "Home", "", (), PageKind.HOME),
        ("https://a.example/index.html", "", "", (), PageKind.HOME),
        ("https://a.example/contact-us/", "", "", (), PageKind.CONTACT),
        ("https://a.example/p/17", "Privacy Notice | Acme", "", (), PageKind.PRIVACY),
        ("https://a.example/page?id=3", "", "", ("Terms & Conditions",), PageKind.TERMS),
        ("https://a.example/returns-and-refunds/", "", "", (), PageKind.RETURNS),
        ("https://a.example/impressum/", "", "Impressum", (), PageKind.IMPRINT),
        ("https://a.example/datenschutz/", "", "", (), PageKind.PRIVACY),
        ("https://a.example/widerrufsbelehrung/", "", "", (), PageKind.RETURNS),
        ("https://a.example/agb/", "", "", (), PageKind.TERMS),
        (
            "https://a.example/blog/how-to-contact-your-local-ranger/",
            "How to contact your local ranger | Blog",
            "How to contact your local ranger",
            (),
            PageKind.BLOG,
        ),
        ("https://a.example/legal/privacy-policy", "", "", (), PageKind.PRIVACY),
        ("https://a.example/stories/winter", "Winter trails", "Winter trails", (), PageKind.OTHER),
    ],
)
def test_page_kind(
    url: str, title: str, h1: str, inbound: tuple[str, ...], expected: PageKind
) -> None:
    assert classify(url, title, h1, inbound) is expected


def test_link_kind_reads_text_or_target() -> None:
    assert link_kind("Privacy", "https://a.example/x") is PageKind.PRIVACY
    assert link_kind("Read more", "https://a.example/privacy-policy/") is PageKind.PRIVACY
    assert link_kind("Our privacy commitments in depth", "https://a.example/x") is None
    assert link_kind("Kontakt", "https://a.example/k") is PageKind.CONTACT
