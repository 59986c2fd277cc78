from __future__ import annotations

from sitelint.gather.page import Page, decode_body

HTML = """<!doctype html><html lang="en-GB"><head><title>Contact us | Shop</title>
<base href="https://shop.example/en/"></head><body>
<header><nav><a href="/">Home</a> <a href="privacy/">Privacy policy</a></nav></header>
<main id="content"><h1>Contact <b>us</b></h1>
<p>Call <a href="tel:+442079460000">020 7946 0000</a> or write to hello@shop.example.</p>
<div style="display: none"><p>secret@shop.example</p></div>
<form action="/send" method="post">
  <label for="n">Name</label><input id="n" name="name" autocomplete="name">
  <input type="hidden" name="token" value="x">
  <input name="website" style="position:absolute; left:-9999px">
  <input name="email" placeholder="Email">
  <label><input type="checkbox" name="news" checked> Send me offers</label>
  <input type="radio" name="plan" value="a" aria-label="Plan A"><input type="radio" name="plan" value="b">
  <button>Send</button>
</form>
<p>Only £12.50 <small>plus £2 fees</small></p>
<script>var x = "script text is not prose";</script>
</main><footer><p>© 2024 Shop Ltd</p></footer></body></html>"""


def page() -> Page:
    return Page("https://shop.example/en/contact/", HTML)


def test_title_lang_h1() -> None:
    p = page()
    assert (p.title, p.lang, p.h1, p.phone_region) == (
        "Contact us | Shop",
        "en",
        "Contact us",
        "GB",
    )


def test_links_are_resolved_against_base_with_region_and_selector() -> None:
    links = {link.text: link for link in page().links}
    assert links["Privacy policy"].href == "https://shop.example/en/privacy/"
    assert links["Privacy policy"].region == "nav"
    assert links["020 7946 0000"].scheme == "tel"
    assert links["020 7946 0000"].selector == "main#content > p:nth-of-type(1) > a"


def test_text_segments_are_leaf_blocks_with_hidden_marked() -> None:
    segments = page().text_segments
    texts = [s.text for s in segments]
    assert "Contact us" in texts
    assert not any("script text" in t for t in texts)
    hidden = next(s for s in segments if "secret@" in s.text)
    assert hidden.hidden_reason == "display:none" and not hidden.visible
    assert next(s for s in segments if s.text.startswith("©")).region == "footer"


def test_contacts_from_links_and_text_with_visibility() -> None:
    points = page().contacts
    phones = {(c.value, c.source) for c in points if c.kind == "phone"}
    assert phones == {("+442079460000", "link"), ("+442079460000", "text")}
    contacts = {(c.kind, c.value): c for c in points}
    assert contacts[("email", "hello@shop.example")].visible
    assert contacts[("email", "secret@shop.example")].hidden_reason == "display:none"


def test_forms_fields_labels_and_counting() -> None:
    form = page().forms[0]
    fields = {f.name: f for f in form.fields}
    assert form.action == "https://shop.example/send" and form.method == "post"
    assert fields["name"].label == "Name"
    assert fields["email"].label == "" and fields["email"].placeholder == "Email"
    assert fields["news"].label == "Send me offers" and fields["news"].checked
    assert not fields["token"].fillable
    assert fields["website"].hidden_reason == "positioned off-screen"
    # name, email, news, and the radio group once
    assert form.field_count == 4
    assert form.submit_texts == ("Send",)


def test_prices() -> None:
    amounts = [(str(m.amount), m.currency) for m in page().prices]
    assert amounts == [("12.50", "£"), ("2", "£")]


def test_decoding_follows_header_then_meta() -> None:
    body = "<html><head><meta charset='windows-1252'></head><body>café</body></html>".encode(
        "cp1252"
    )
    assert "café" in decode_body(body, "text/html")
    assert "café" in decode_body("café".encode(), "text/html; charset=utf-8")
    assert "\x00" not in decode_body(b"a\x00b", "text/html; charset=utf-8")


def test_deeply_nested_markup_does_not_recurse() -> None:
    html = "<div>" * 5000 + "deep text" + "</div>" * 5000
    assert any(s.text == "deep text" for s in Page("https://x.example/", html).text_segments)


def test_structured_data_only_parsed_when_present() -> None:
    plain = Page("https://x.example/", "<p>no data</p>")
    assert plain.structured_data == []
    with_ld = Page(
        "https://x.example/",
        '<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"X Ltd"}</script>',
    )
    assert with_ld.structured_data[0]["name"] == "X Ltd"


_MEMO_PAGE = """<html><body>
<header id="top"><nav class="menu"><a href="/a">A</a><a href="/b" hidden>B</a></nav></header>
<main><div style="display:none"><p>Gone <a href="/c">C</a></p></div>
<section role="complementary"><ul><li><a href="/d">D</a></li><li><a href="/e">E</a></li></ul>
<p aria-hidden="true">Quiet <span><a href="/f">F</a></span></p></section>
<div id="x y"><p>One</p><p>Two <small>small</small></p></div></main>
<div class="site-footer"><p>&copy; 2026 <a href="/g">G</a></p></div>
</body></html>"""


def test_the_tree_memo_changes_no_selector_region_or_reason() -> None:
    from pathlib import Path

    from selectolax.lexbor import LexborHTMLParser

    from sitelint.gather.dom import TreeMemo, css_path, region_of
    from sitelint.gather.text import text_segments
    from sitelint.gather.visibility import hidden_reason

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    pages = [_MEMO_PAGE] + [p.read_text("utf-8") for p in sorted(fixtures.glob("*/site/**/*.html"))]
    for html in pages:
        tree = LexborHTMLParser(html)
        memo = TreeMemo()
        # Segments first, then every element, as a page's gatherers share one memo.
        assert text_segments(tree.body, memo) == text_segments(tree.body)
        for node in tree.css("*"):
            assert css_path(node, memo=memo) == css_path(node)
            assert region_of(node, memo) == region_of(node)
            assert hidden_reason(node, memo=memo.hidden) == hidden_reason(node)


def test_link_resolution_from_the_shared_cache_is_urljoin() -> None:
    """The resolver caches by host or folder; every answer must still be urljoin's."""
    from urllib.parse import urljoin

    from sitelint.gather.links import _resolver

    bases = [
        "http://h.com/a/b/c.html?x=1#f",
        "http://h.com",
        "https://h.com/a/",
        "http://h.com/a;p/b;q?z",
        "http://h.com:8080/x/y/",
        "http://h.com/a/b/../c",
        "http://h.com/a/./b/c",
        "http://h.com/a/.hidden/c",
        "HTTP://H.com:80/A/b",
        "file:///tmp/page.html",
    ]
    raws = [
        *("x", "../y", "./z?q", "?q", "#frag", "", "/abs", "//other.com/p", "//h.com"),
        *("http://h.com/a/../b", "HTTP://H.com/x/./y", "https://h.com/k", "http:rel/x"),
        *("https:rel", "mailto:a@b", "tel:+1", "javascript:void(0)", "a:b", "C:/x"),
        *("x/y;p?q#f", "..", ".", "...", "data:text/plain,hi", " foo", "%2e%2e/x"),
        *("post-1.html", "a/b/c.html", "a/", "/products/x.html", "/a/b/", "a.b/c", "~u/x"),
        *("x..y", "..x", "a/./b", "a/../b", "/a/../b", "a//b", "/a//b", "a/b/.", "a%20b"),
    ]
    for base in bases:
        resolve = _resolver(base)
        for raw in raws:
            # Twice: the second answer comes from the cache.
            assert resolve(raw)[0] == urljoin(base, raw), (base, raw)
            assert resolve(raw)[0] == urljoin(base, raw), (base, raw)
