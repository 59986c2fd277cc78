"""sitelint.classify.forms: a form's purpose and what its fields ask for."""

from __future__ import annotations

import pytest

from sitelint.classify.forms import (
    FieldTopic,
    FormPurpose,
    classify_form,
    consent_wording,
    field_topics,
    form_purpose,
    personal_fields,
    sensitive_topic,
    words,
)
from sitelint.gather.forms import Form
from sitelint.gather.page import Page
from sitelint.models import PageKind


def form_of(html: str, url: str = "https://www.example.com/") -> Form:
    page = Page(url, f'<html lang="en"><body>{html}</body></html>')
    return page.forms[0]


CASES = [
    (
        '<form role="search" action="/s"><label>Find <input name="q"></label></form>',
        PageKind.HOME,
        FormPurpose.SEARCH,
    ),
    (
        '<form action="/shop/"><input type="search" name="q" aria-label="Search"></form>',
        PageKind.HOME,
        FormPurpose.SEARCH,
    ),
    (
        '<form action="/"><label>Keywords <input name="s"></label><button>Go</button></form>',
        PageKind.BLOG,
        FormPurpose.SEARCH,
    ),
    (
        """<form action="/login" method="post"><label>Email <input type="email" name="email">
        </label><label>Password <input type="password" name="pw"></label>
        <label><input type="checkbox" name="remember"> Remember me</label>
        <button>Sign in</button></form>""",
        PageKind.LOGIN,
        FormPurpose.LOGIN,
    ),
    (
        """<form action="/signup" method="post"><label>Email <input type="email" name="email">
        </label><label>Password <input type="password" name="pw"></label>
        <label>Confirm password <input type="password" name="pw2"></label>
        <button>Create account</button></form>""",
        PageKind.SIGNUP,
        FormPurpose.SIGNUP,
    ),
    (
        """<form class="newsletter"><h2>New harvest letters</h2>
        <label>Email address <input type="email" name="email"></label>
        <button>Sign up</button></form>""",
        PageKind.HOME,
        FormPurpose.NEWSLETTER,
    ),
    (
        """<section><h2>Our newsletter</h2><form action="/subscribe" method="post">
        <label>Name <input name="name"></label><label>Email <input type="email" name="email">
        </label><label>Phone <input type="tel" name="phone"></label>
        <label>Company <input name="company"></label><button>Subscribe</button></form></section>""",
        PageKind.OTHER,
        FormPurpose.NEWSLETTER,
    ),
    (
        """<form action="/contact" method="post"><label>Name <input name="name"></label>
        <label>Email <input type="email" name="email"></label>
        <label>Message <textarea name="message"></textarea></label>
        <button>Send message</button></form>""",
        PageKind.CONTACT,
        FormPurpose.CONTACT,
    ),
    (
        """<form action="/consult" method="post"><label>Name <input name="name"></label>
        <label>Email <input type="email" name="email"></label>
        <label>Tell us more <textarea name="details"></textarea></label>
        <button>Request a consultation</button></form>""",
        PageKind.OTHER,
        FormPurpose.LEAD,
    ),
    (
        """<form action="/whitepaper" method="post"><label>Work email
        <input type="email" name="email"></label><button>Download the report</button></form>""",
        PageKind.OTHER,
        FormPurpose.LEAD,
    ),
    (
        """<form action="/checkout" method="post"><label>Email <input type="email" name="email">
        </label><label>Address <input name="address1" autocomplete="shipping address-line1">
        </label><label>Postcode <input name="postcode"></label>
        <button>Continue to payment</button></form>""",
        PageKind.CHECKOUT,
        FormPurpose.CHECKOUT,
    ),
    (
        """<form action="/checkout" method="post"><label>Email <input type="email" name="email">
        </label><label>Password <input type="password" name="pw" autocomplete="new-password">
        </label><label>Card number <input name="cc" autocomplete="cc-number"></label>
        <button>Place order</button></form>""",
        PageKind.CHECKOUT,
        FormPurpose.CHECKOUT,
    ),
    (
        """<form action="/cart" method="post"><label>Quantity <input name="qty"></label>
        <button>Update cart</button></form>""",
        PageKind.CART,
        FormPurpose.OTHER,
    ),
    (
        """<form action="/apply" method="post"><label>Full name <input name="name"></label>
        <label>Email <input type="email" name="email"></label>
        <label>Cover letter <textarea name="cover"></textarea></label>
        <label>Gender <select name="gender"><option>Prefer not to say</option></select></label>
        <button>Submit application</button></form>""",
        PageKind.OTHER,
        FormPurpose.OTHER,
    ),
    (
        """<form id="commentform" action="/wp-comments-post.php" method="post">
        <label>Comment <textarea name="comment"></textarea></label>
        <label>Name <input name="author"></label><label>Email <input type="email" name="email">
        </label><input type="submit" value="Post Comment"></form>""",
        PageKind.BLOG,
        FormPurpose.OTHER,
    ),
    (
        """<form class="ohne-name" action="/anmelden" method="post">
        <label>E-Mail-Adresse <input type="email" name="email"></label>
        <button>Newsletter abonnieren</button></form>""",
        PageKind.HOME,
        FormPurpose.NEWSLETTER,
    ),
]


@pytest.mark.parametrize(("html", "kind", "purpose"), CASES)
def test_purpose(html: str, kind: PageKind, purpose: FormPurpose) -> None:
    form = form_of(html)
    classification = classify_form(form, kind)
    assert classification.purpose is purpose, classification.reason
    assert form_purpose(form, kind) is purpose


def test_words_from_identifiers() -> None:
    assert words("dateOfBirth") == "date of birth"
    assert words("billing[address_line1]") == "billing address line1"
    assert words("CUST_REF_ID") == "cust ref id"


def test_field_topics() -> None:
    form = form_of(
        """<form><label>Company name <input name="company_name"></label>
        <label>Your name <input name="fullName"></label>
        <label>Email address <input name="contact_email"></label>
        <label>Street <input name="street"></label>
        <label><input type="checkbox" name="same" checked> Billing address same as delivery</label>
        <textarea name="msg" aria-label="How can we help?"></textarea></form>"""
    )
    topics = [field_topics(field) for field in form.fillable_fields]
    assert FieldTopic.COMPANY in topics[0] and FieldTopic.NAME not in topics[0]
    assert FieldTopic.NAME in topics[1]
    assert FieldTopic.EMAIL in topics[2] and FieldTopic.ADDRESS not in topics[2]
    assert FieldTopic.ADDRESS in topics[3]
    assert topics[4] == frozenset()
    assert FieldTopic.MESSAGE in topics[5]
    assert [field.name for field, _ in personal_fields(form)] == [
        "fullName",
        "contact_email",
        "street",
    ]


@pytest.mark.parametrize(
    ("html", "topic"),
    [
        ('<label>Date of birth <input name="x"></label>', FieldTopic.DATE_OF_BIRTH),
        ('<input name="dob" aria-label="When">', FieldTopic.DATE_OF_BIRTH),
        ('<input name="b" autocomplete="bday" aria-label="Day">', FieldTopic.DATE_OF_BIRTH),
        ('<label>SSN or tax ID (TIN) <input name="t"></label>', FieldTopic.NATIONAL_ID),
        ('<input name="customer_tin" aria-label="Number">', FieldTopic.NATIONAL_ID),
        ('<label>Annual income <select name="inc"></select></label>', FieldTopic.INCOME),
        ('<label>Geburtsdatum <input name="g"></label>', FieldTopic.DATE_OF_BIRTH),
        ('<label>Estado civil <input name="e"></label>', FieldTopic.MARITAL_STATUS),
        ('<label><input type="radio" name="gender" value="f"> Female</label>', FieldTopic.GENDER),
    ],
)
def test_sensitive_fields(html: str, topic: FieldTopic) -> None:
    field = form_of(f"<form>{html}</form>").fillable_fields[0]
    found = sensitive_topic(field)
    assert found is not None and found[0] is topic


@pytest.mark.parametrize(
    "html",
    [
        '<label>Tin size <select name="tin_size"></select></label>',
        '<label>Company revenue <input name="revenue"></label>',
        '<label><input type="checkbox" name="c"> I agree my health questions are answered</label>',
        '<label>Age of your house <input name="house_age"></label>',
    ],
)
def test_not_sensitive(html: str) -> None:
    field = form_of(f"<form>{html}</form>").fillable_fields[0]
    assert sensitive_topic(field) is None


@pytest.mark.parametrize(
    ("label", "consent"),
    [
        ("Email me news and special offers", True),
        ("Share my data with partners", True),
        ("Keep me posted with updates", True),
        ("Ja, ich möchte den Newsletter erhalten", True),
        ("Do not send me marketing emails", False),
        ("My billing address is the same as my delivery address", False),
        ("Keep me signed in", False),
        ("Send me order updates by text message", False),
        ("", False),
    ],
)
def test_consent_wording(label: str, consent: bool) -> None:
    assert (consent_wording(label) is not None) is consent
