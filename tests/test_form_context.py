"""sitelint.gather.forms additions: identity, heading, help text, nearby links, honeypots."""

from __future__ import annotations

from sitelint.gather.page import Page


def page_of(body: str) -> Page:
    return Page("https://www.example.com/a/", f'<html lang="en"><body>{body}</body></html>')


def test_identity_heading_and_help_text() -> None:
    page = page_of(
        """<section><h2>Stay in touch</h2><p>Intro</p>
        <form id="nl" class="newsletter-form" aria-label="Newsletter" action="/s">
          <label for="e">Email <small>we never share it</small></label>
          <input id="e" type="email" name="email">
          <p class="help">One email a month. Unsubscribe any time.</p>
          <button>Subscribe</button>
        </form></section>"""
    )
    form = page.forms[0]
    assert form.identity == "nl newsletter-form Newsletter"
    assert form.heading == "Stay in touch"
    assert form.help_texts == ("One email a month. Unsubscribe any time.",)


def test_heading_inside_the_form_wins() -> None:
    page = page_of(
        "<h2>Outside</h2><form><fieldset><legend>Your details</legend>"
        '<input name="a" aria-label="A"></fieldset></form>'
    )
    assert page.forms[0].heading == "Your details"


def test_nearby_links_in_form_and_section_only() -> None:
    page = page_of(
        """<main><section><form action="/c"><input name="n" aria-label="Name">
        <a href="/privacy/">Privacy</a></form><p><a href="terms/">Terms</a></p></section>
        <p><a href="/elsewhere/">Elsewhere</a></p></main>
        <footer><a href="/privacy/">Privacy policy</a></footer>"""
    )
    assert page.forms[0].nearby_links == (
        ("Privacy", "https://www.example.com/privacy/"),
        ("Terms", "https://www.example.com/a/terms/"),
    )


def test_wrapping_label_leaves_out_select_options() -> None:
    page = page_of(
        '<form><label>Company size <select name="size"><option>1-10</option>'
        "<option>11-50</option></select></label></form>"
    )
    assert page.forms[0].fields[0].label == "Company size"


def test_named_honeypots_are_not_fillable() -> None:
    page = page_of(
        """<form><label>Email <input type="email" name="email"></label>
        <div class="gform_validation_container"><label>Leave empty <input name="input_9">
        </label></div><label>Leave empty <input name="website_honeypot"></label></form>"""
    )
    form = page.forms[0]
    assert [field.name for field in form.fillable_fields] == ["email"]
    assert form.field_count == 1
