"""Site kind from the SiteIndex: which site rules apply.

A site can be several kinds at once (a shop that also sells subscriptions).
Each flag keeps the evidence that set it, so a finding that depends on it
("a shop with no returns policy") can say why the site counts as a shop.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitelint.gather.actions import CallToAction
from sitelint.gather.page import Page
from sitelint.gather.structured import item_types
from sitelint.keywords import lexicon
from sitelint.negation import affirmed
from sitelint.pricing import (
    NOT_OFFER_PAGES,
    billed_amount,
    calls_to_action,
    trial_offer,
)

if TYPE_CHECKING:
    from sitelint.site_index import SiteIndex

# What a clinic, a law firm or a school offers in schema.org is not goods.
_SERVICE_TYPE_WORDS = ("Service", "Procedure", "Therapy", "Test")


@dataclass(frozen=True)
class SiteKind:
    shop: str | None = None  # evidence when the site sells goods online
    subscription: str | None = None  # evidence when it sells recurring plans
    lead_gen: str | None = None  # evidence when it collects leads instead of selling
    shop_page: str | None = None
    subscription_page: str | None = None

    @property
    def content_only(self) -> bool:
        return not (self.shop or self.subscription or self.lead_gen)

    @property
    def names(self) -> list[str]:
        kinds = [name for name in ("shop", "subscription", "lead_gen") if getattr(self, name)]
        return kinds or ["content"]


def subscription_evidence(page: Page) -> str | None:
    """Evidence that a page sells recurring plans, or None.

    "Subscription" is plans, trials, subscribing, membership or monthly or
    yearly billing; two kinds of evidence count:

    - a price billed per period ("$19/month", "9,90 € pro Monat"), unless it
      is a loan, financing, a bank account, rent or insurance (a credit
      union's membership, a clinic's payment plan);
    - a trial or plan offer ("Start your free trial", "Cancel anytime",
      "Choose your plan") as a link, a button or a short block, outside blog
      posts and legal pages. "Subscribe" alone is a newsletter, and
      "membership" alone is a club or a credit union: neither counts
      without a price per period.
    """
    vocab = lexicon()
    not_subscription = vocab.phrases("pricing_not_subscription")
    if page.prices and not not_subscription.search(f"{page.title} {page.h1}"):
        segments = [s for s in page.visible_text_segments if not not_subscription.search(s.text)]
        billed = billed_amount(segments)
        if billed:
            return f'"{billed[:80]}"'
    if page.kind in NOT_OFFER_PAGES:
        return None
    for action in calls_to_action(page, chrome=True):
        if _offers_subscription(action.text, action.source):
            return f'"{action.text[:80]}"'
    return None


# Navigation, buttons and headings repeat on every page of a site.
@lru_cache(maxsize=4096)
def _offers_subscription(text: str, source: str) -> bool:
    action = CallToAction(text, "", "", source)
    offers = lexicon().phrases("pricing_subscription_offer")
    return bool(trial_offer(action) or affirmed(offers, text))


def sells_goods(item: dict[str, Any]) -> bool:
    """Whether a schema.org Product/Offer item sells goods rather than a service."""
    types = item_types(item)
    if types & {"Product", "ProductGroup"}:
        return True
    offered = item.get("itemOffered")
    offered_items = offered if isinstance(offered, list) else [offered]
    offered_types = {
        name for entry in offered_items if isinstance(entry, dict) for name in item_types(entry)
    }
    return not offered_types or not all(
        any(word in name for word in _SERVICE_TYPE_WORDS) for name in offered_types
    )


def reads_as_order(page: Page) -> bool:
    """Whether a checkout-like page speaks of an order (subtotal, shipping, ...).

    A dental clinic's "/payment/" page for paying a bill is not a checkout.
    """
    cues = lexicon().phrases("pricing_order_cues")
    return any(cues.search(segment.text) for segment in page.visible_text_segments)


def classify_site(index: SiteIndex) -> SiteKind:
    shop = shop_page = subscription = subscription_page = lead_gen = None
    for summary in index.html_pages():
        if shop is None and summary.shop_signal:
            shop, shop_page = summary.shop_signal, summary.url
        if subscription is None and summary.subscription_signal:
            subscription, subscription_page = summary.subscription_signal, summary.url
        if lead_gen is None and summary.has_contact_form:
            lead_gen = "a contact form"
    return SiteKind(
        shop=shop,
        subscription=subscription,
        lead_gen=lead_gen if not (shop or subscription) else None,
        shop_page=shop_page,
        subscription_page=subscription_page,
    )
