"""Site kind from the SiteIndex: which site rules apply.

A site can be several kinds at once (a shop that also sells subscriptions).
Each flag keeps the evidence that set it, so a finding that depends on it
("a shop with no returns policy") can say why the site counts as a shop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitelint.site_index import SiteIndex


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
