"""The pricing helpers shared by the SL2xx rules and the site-kind signals."""

from __future__ import annotations

import pytest

from sitelint.engine import prepare_page
from sitelint.gather.page import Page
from sitelint.keywords import lexicon
from sitelint.negation import affirmed
from sitelint.pricing import (
    CallToAction,
    billed_amount,
    billed_number,
    billing_period,
    calls_to_action,
    price_amounts,
    structured_price,
    trial_offer,
)
from sitelint.testing import wrap_html


def page(html: str, url: str = "https://www.example.com/") -> Page:
    return prepare_page(Page(url, wrap_html(html)))


def amounts(html: str) -> list[str]:
    return [money.text for money in price_amounts(page(html).visible_text_segments)]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Team: $49/month</p>", ["$49"]),
        ("<p>Ab 9,90 € im Monat</p>", ["9,90 €"]),
        ("<p>We saved the client $2M in the first year.</p>", []),
        ("<p>Northwind cut costs by $1.5 million.</p>", []),
        ("<p>They raised $400,000 from angels.</p>", []),
        ("<p>Save $120 with yearly billing.</p>", []),
        ("<p>Tickets $45</p><p hidden>$99</p>", ["$45"]),
    ],
)
def test_price_amounts(html: str, expected: list[str]) -> None:
    assert amounts(html) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$19/month", "/month"),
        ("$19/mo", "/mo"),
        ("29 / month", "/month"),
        ("$49 per user per month", "per month"),
        ("9,90 € pro Monat", "pro Monat"),
        ("29 € par mois", "par mois"),
        ("19 € al mes", "al mes"),
        ("Billed annually", "annually"),
        ("A one-off fee of $99", None),
        ("and/or", None),
    ],
)
def test_billing_period(text: str, expected: str | None) -> None:
    assert billing_period(text) == expected


def test_billed_amount_needs_the_period_right_after_the_amount() -> None:
    assert billed_amount(page("<p>$19/month</p>").visible_text_segments) == "$19/month"
    assert billed_amount(page("<p>Monthly specials from $9.99</p>").visible_text_segments) is None
    split = page('<div class="price">$19</div><div>per month</div>')
    assert billed_amount(split.visible_text_segments) == "$19 per month"
    sentence = page("<p>Pay $19. Reports arrive monthly.</p>")
    assert billed_amount(sentence.visible_text_segments) is None


def test_billed_number_reads_bare_numbers_per_period() -> None:
    table = page("<table><tr><th>Price (USD)</th></tr><tr><td>29 / month</td></tr></table>")
    assert billed_number(table.visible_text_segments) == "29 / month"
    assert billed_number(page("<p>Open 7 days a week.</p>").visible_text_segments) is None
    assert billed_number(page("<p>Grew 40% per year.</p>").visible_text_segments) is None
    assert billed_number(page("<p>12 monthly reports</p>").visible_text_segments) is None
    assert billed_number(page("<p>19 per user per month</p>").visible_text_segments) is None


def test_structured_price() -> None:
    product = {
        "@type": "Product",
        "offers": [{"@type": "Offer", "price": "1499.00", "priceCurrency": "USD"}],
    }
    assert structured_price([product]) == "1499.00 USD"
    assert structured_price([{"@type": "Offer", "price": "0"}]) is None
    assert structured_price([{"@type": "Product", "name": "Barista Pro"}]) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No booking fees, ever", None),
        ("We don't charge a service fee", None),
        ("Es gibt keine Servicegebühr", None),
        ("Il n'y a pas de frais de service", None),
        ("No hidden costs, but a booking fee applies", "booking fee"),
        ("A $3 booking fee applies", "booking fee"),
        ("No setup fee; a $2 processing fee per invoice", "processing fee"),
        ("No setup fee, no service fee", None),
    ],
)
def test_fee_words_count_only_when_affirmed(text: str, expected: str | None) -> None:
    match = affirmed(lexicon().phrases("pricing_fee_words"), text)
    assert (match.group(0).casefold() if match else None) == expected


def test_calls_to_action_leave_out_the_chrome() -> None:
    html = (
        '<header><a href="/demo/">Book a demo</a></header>'
        '<main><h1>Pricing</h1><a href="/quote/">Request a quote</a>'
        "<button>Call me back</button>"
        "<p>A long paragraph that explains at length how every engagement is scoped, "
        "priced and agreed with the client before any work starts.</p></main>"
        '<footer><a href="/privacy/">Privacy</a></footer>'
    )
    texts = [action.text for action in calls_to_action(page(html))]
    assert "Request a quote" in texts and "Call me back" in texts and "Pricing" in texts
    assert "Book a demo" not in texts and "Privacy" not in texts
    assert not any(text.startswith("A long paragraph") for text in texts)
    with_chrome = [action.text for action in calls_to_action(page(html), chrome=True)]
    assert "Book a demo" in with_chrome


@pytest.mark.parametrize(
    ("text", "source", "offer"),
    [
        ("Start your 14-day free trial", "link", True),
        ("Try it free", "button", True),
        ("Free trial", "link", True),
        ("Free trial", "text", False),
        ("Jetzt 30 Tage kostenlos testen", "link", True),
        ("Commencez votre essai gratuit", "button", True),
        ("Pruébalo gratis", "link", True),
        ("How to design a free trial", "link", False),
        ("There is no free trial", "text", False),
        ("No credit card required. Start your free trial", "text", True),
    ],
)
def test_trial_offer(text: str, source: str, offer: bool) -> None:
    action = CallToAction(text, "a", "main", source)
    assert (trial_offer(action) is not None) is offer
