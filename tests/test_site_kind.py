"""Site kind: which sites count as a shop or a subscription (and which do not)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sitelint.api import check_site
from sitelint.classify.site_kind import SiteKind, reads_as_order, sells_goods, subscription_evidence
from sitelint.config import RuleSettings
from sitelint.engine import RunResult, prepare_page
from sitelint.gather.page import Page
from sitelint.rule import SiteExample
from sitelint.testing import example_transport, wrap_html

START = "https://www.example.com/"


def page(html: str, url: str = START) -> Page:
    return prepare_page(Page(url, wrap_html(html)))


def crawl(pages: Mapping[str, str]) -> RunResult:
    return check_site(
        START,
        transport=example_transport(SiteExample(pages)),
        rules=RuleSettings(select=["SL2"]),
        scan_date=date(2026, 6, 1),
        retries=0,
    )


def kind_of(pages: Mapping[str, str]) -> SiteKind:
    return crawl(pages).site_kind


# Subscriptions


def test_price_per_month_is_a_subscription() -> None:
    evidence = subscription_evidence(page("<h2>Team</h2><p>$49/month per agent</p>"))
    assert evidence is not None and "$49/month" in evidence


def test_price_and_period_in_separate_blocks_is_a_subscription() -> None:
    html = '<div class="price">$19</div><div class="period">per month, billed yearly</div>'
    assert subscription_evidence(page(html)) is not None


def test_german_price_per_month_is_a_subscription() -> None:
    html = '<html lang="de"><body><p>Basis: 9,90 € pro Monat</p></body></html>'
    assert subscription_evidence(page(html, "https://www.example.de/")) is not None


def test_trial_button_is_a_subscription_without_prices() -> None:
    html = '<header><a class="button" href="/signup/">Start your free trial</a></header>'
    assert subscription_evidence(page(html)) == '"Start your free trial"'


def test_gym_membership_with_a_monthly_price_is_a_subscription() -> None:
    html = "<h1>Join Ironworks Gym</h1><p>Memberships from $39 per month. Cancel anytime.</p>"
    assert subscription_evidence(page(html)) is not None


def test_newsletter_subscribe_is_not_a_subscription() -> None:
    html = (
        "<h2>Stay in touch</h2><form><label>Email <input type=email name=email></label>"
        "<button>Subscribe</button></form><p>Subscribe to our monthly newsletter.</p>"
    )
    assert subscription_evidence(page(html)) is None


def test_monthly_specials_are_not_a_subscription() -> None:
    html = "<p>Monthly specials: pizzas from $9.99</p>"
    assert subscription_evidence(page(html)) is None


def test_negated_trial_is_not_a_subscription() -> None:
    assert subscription_evidence(page("<p>We do not offer a free trial.</p>")) is None


def test_article_about_trials_is_not_a_subscription() -> None:
    html = '<a href="/notes/trials/">How to design a free trial</a>'
    assert subscription_evidence(page(html)) is None


def test_blog_post_offer_words_do_not_count() -> None:
    html = (
        "<html><head><title>Blog | Acme</title></head><body><h1>Blog</h1>"
        "<p>Start your free trial page with the price.</p></body></html>"
    )
    assert subscription_evidence(page(html, START + "blog/")) is None


CREDIT_UNION = {
    "/": "<html lang='en'><head><title>Riverbend Federal Credit Union</title></head><body>"
    '<h1>Banking that belongs to you</h1><a href="/membership/">Membership</a>'
    '<a href="/checking/">Checking</a><a href="/loans/">Loans</a></body></html>',
    "/membership/": "<html lang='en'><head><title>Membership | Riverbend Federal Credit Union"
    "</title></head><body><h1>Become a member</h1><p>Membership is open to anyone who lives or "
    "works in Dane County.</p><p>Open a savings account with a one-time $5 membership share.</p>"
    '<a href="/join/">Join today</a></body></html>',
    "/checking/": "<h1>Free checking</h1><p>Monthly service fee: $0</p>"
    "<p>Earn 0.10% APY, dividends paid monthly.</p><p>$25 minimum opening deposit</p>",
    "/loans/": "<h1>Auto loans</h1><p>Rates from 5.49% APR.</p>"
    "<p>$20,000 over 60 months: about $382 per month</p>",
}


def test_credit_union_membership_is_not_a_subscription() -> None:
    kind = kind_of(CREDIT_UNION)
    assert kind.subscription is None
    assert kind.shop is None


DENTAL_CLINIC = {
    "/": "<html lang='en'><head><title>Brightsmile Dental | Madison, WI</title>"
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dentist",'
    ' "name": "Brightsmile Dental"}</script>'
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Offer",'
    ' "itemOffered": {"@type": "Service", "name": "Teeth whitening"}}</script>'
    "</head><body><h1>Family dentistry in Madison</h1>"
    '<a class="button" href="/book/">Book an appointment</a>'
    '<a href="/services/">Services</a><a href="/payment/">Payment</a>'
    '<a href="/contact/">Contact</a></body></html>',
    "/services/": "<h1>Our services</h1><ul><li>Check-ups and cleaning</li>"
    "<li>Fillings</li><li>Teeth whitening</li></ul>"
    '<a href="/book/">Book an appointment</a>',
    "/book/": "<h1>Book an appointment</h1><form action='/book/' method='post'>"
    "<label for='n'>Name</label><input id='n' name='name'>"
    "<label for='p'>Phone</label><input id='p' type='tel' name='phone'>"
    "<label for='d'>Preferred day</label><input id='d' type='date' name='day'>"
    "<button>Request appointment</button></form>",
    "/payment/": "<html lang='en'><head><title>Payment | Brightsmile Dental</title></head><body>"
    "<h1>Payment options</h1><p>We accept cash, cards and most dental insurance.</p>"
    "<p>Spread the cost of treatment with payment plans from $99 per month.</p>"
    "<h2>Pay your bill online</h2><form action='/payment/' method='post'>"
    "<label for='inv'>Invoice number</label><input id='inv' name='invoice'>"
    "<label for='amt'>Amount</label><input id='amt' name='amount'>"
    "<button>Pay now</button></form></body></html>",
    "/contact/": "<h1>Contact</h1><p>Call us on (608) 555-0134.</p>",
}


def test_dental_clinic_is_neither_shop_nor_subscription() -> None:
    kind = kind_of(DENTAL_CLINIC)
    assert kind.shop is None
    assert kind.subscription is None


def test_dental_clinic_gets_no_pricing_findings() -> None:
    result = crawl(DENTAL_CLINIC)
    assert [f for f in result.findings if f.rule.startswith("SL2")] == []


def test_saas_with_trial_is_a_subscription() -> None:
    kind = kind_of(
        {
            "/": '<h1>Loopdesk</h1><a href="/signup/">Start your free trial</a>',
            "/signup/": "<h1>Sign up</h1><form><input type=email name=email></form>",
        }
    )
    assert kind.subscription == '"Start your free trial"'
    assert kind.subscription_page == START


# Shops


def test_add_to_cart_is_a_shop() -> None:
    kind = kind_of(
        {"/": '<p>$48.00</p><form action="/cart/add"><button>Add to cart</button></form>'}
    )
    assert kind.shop == '"Add to cart" button'


def test_checkout_page_with_an_order_summary_is_a_shop() -> None:
    checkout = page(
        "<h1>Checkout</h1><h2>Order summary</h2><p>Subtotal: $38.00</p>", START + "checkout/"
    )
    assert reads_as_order(checkout)


def test_payment_page_without_an_order_is_not_a_checkout_shop() -> None:
    payment = page(DENTAL_CLINIC["/payment/"], START + "payment/")
    assert not reads_as_order(payment)


def test_schema_offer_of_a_service_is_not_goods() -> None:
    assert not sells_goods({"@type": "Offer", "itemOffered": {"@type": "Service"}})
    assert not sells_goods({"@type": "Offer", "itemOffered": [{"@type": "MedicalProcedure"}]})
    assert sells_goods({"@type": "Offer", "itemOffered": {"@type": "Product"}})
    assert sells_goods({"@type": "Offer", "price": "12.00"})
    assert sells_goods({"@type": "Product", "name": "Teapot"})
