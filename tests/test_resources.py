"""sitelint.gather.resources: the subresources a page loads by itself."""

from __future__ import annotations

from sitelint.gather.page import Page


def test_subresources_resolved_with_their_kinds() -> None:
    page = Page(
        "https://www.example.com/shop/",
        """<html><head><base href="https://cdn.example.com/base/">
        <link rel="stylesheet" href="http://a.example/s.css">
        <link rel="icon" href="/favicon.ico"><link rel="canonical" href="http://x/">
        <script src="app.js"></script>
        <meta http-equiv="Content-Security-Policy" content="upgrade-insecure-requests">
        </head><body><img src="data:image/png;base64,xx" alt="">
        <img srcset="http://i.example/a.jpg 1x, http://i.example/b.jpg 2x" alt="">
        <iframe src="//maps.example/embed"></iframe><a href="http://link.example/">x</a>
        </body></html>""",
    )
    found = [(r.kind, r.url) for r in page.resources.items]
    assert found == [
        ("script", "https://cdn.example.com/base/app.js"),
        ("stylesheet", "http://a.example/s.css"),
        ("image", "https://cdn.example.com/favicon.ico"),
        ("image", "http://i.example/a.jpg"),
        ("image", "http://i.example/b.jpg"),
        ("frame", "https://maps.example/embed"),
    ]
    assert page.resources.meta_policies == ("upgrade-insecure-requests",)


def test_noscript_and_template_resources_are_not_loaded() -> None:
    page = Page(
        "https://www.example.com/",
        """<html><body><noscript><img src="http://px.example/tr.gif" alt=""></noscript>
        <template><script src="http://cdn.example/x.js"></script></template>
        <img src="http://img.example/a.jpg" alt="a"></body></html>""",
    )
    assert [r.url for r in page.resources.items] == ["http://img.example/a.jpg"]
