"""A subscription can be cancelled only by phone, post, fax or in person.

## What it checks
Only on subscription sites (plans, trials, recurring billing): every page's
visible main text, sentence by sentence, for a way to cancel that is
offline only: "To cancel, call 0800 ...", "cancellations must be sent by
registered mail", "Die Kündigung muss schriftlich per Post erfolgen",
"résiliation par lettre recommandée", "darse de baja por teléfono". The
finding is reported on the page that says it.

It stays quiet when the same sentence also offers an online route (email,
a form, the account settings, a cancel button), when the offline channel is
negated ("you do not need to call us to cancel"), and when any page of the
site offers an online way to cancel: the rule looks for sites where the
offline route is the only one. The phrase lists are data, per language.

## Why it matters
Making people phone during office hours or post a letter to stop paying is
a classic "roach motel" dark pattern: easy to get in, hard to get out. The
US FTC's negative-option rule enforcement and California's automatic
renewal law require cancelling to be as easy as signing up (online if the
sign-up was online); Germany requires a cancellation button (§ 312k BGB)
and forbids demanding more than text form (§ 309 Nr. 13 BGB); France has
required online "résiliation en trois clics" since 2023.

## How to fix
Offer cancellation where people subscribed: a clearly labelled "Cancel
subscription" button in the account, or at least by email or a web form,
and say so wherever cancellation is explained.

## References
- US FTC, Restore Online Shoppers' Confidence Act (ROSCA), 15 U.S.C. 8403
- Germany: § 312k BGB (Kündigungsbutton), § 309 Nr. 13 BGB
- France: Code de la consommation, Article L215-1-1 (résiliation en trois clics)
- Mathur et al. 2019, "Dark Patterns at Scale": hard to cancel
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from sitelint.classify import link_kind
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.policy_text import find_unnegated, matcher, sentence_spans
from sitelint.rule import Hit, Rule, RuleContext, SiteExample, page_facts
from sitelint.site_index import SiteIndex

RULE_ID = "SL504"


def _online_route(sentence: str) -> bool:
    return find_unnegated(matcher("cancel_online_channels"), sentence) is not None


_CONTROL_WORDS = 5


def _control_texts(page: Page) -> Iterator[str]:
    for link in page.links:
        if link.followable and link.hidden_reason is None:
            yield link.text
    for form in page.forms:
        yield from form.submit_texts


# The same navigation and button texts come back on every page of a site.
@lru_cache(maxsize=4096)
def _is_cancel_control(text: str) -> bool:
    """A short link or button that cancels ("Cancel subscription", "Abo kündigen").

    Not a link to a policy page ("Cancellation policy") and not a sales
    promise ("Cancel anytime").
    """
    if not text or len(text.split()) > _CONTROL_WORDS or not matcher("cancel_words").search(text):
        return False
    if link_kind(text, "") is not None:
        return False
    return not any(
        matcher(name).search(text) for name in ("subscription_offer", "pricing_subscription_offer")
    )


def _cancel_sentences(text: str) -> Iterator[str]:
    """The sentences of a text block that mention cancelling and a channel for it."""
    cancel = matcher("cancel_words")
    starts = [match.start() for match in cancel.finditer(text)]
    if not starts:
        return
    # Sentences are slices of the block cut at whitespace: a block that names
    # no channel at all has no sentence that does, so it is not split.
    if (
        matcher("cancel_offline_channels").search(text) is None
        and matcher("cancel_online_channels").search(text) is None
    ):
        return
    for start, end in sentence_spans(text):
        if any(start <= position < end for position in starts):
            sentence = text[start:end]
            if cancel.search(sentence):
                yield sentence


def collect(page: Page, context: RuleContext) -> dict[str, Any] | None:
    offline = matcher("cancel_offline_channels")
    segments = page.main_text_segments
    offline_named: bool | None = None  # asked only once an online route is found
    obstruction: dict[str, str] | None = None
    online = False
    for segment in segments:
        if online:
            if offline_named is None:
                offline_named = any(offline.search(block.text) for block in segments)
            # Without an offline channel anywhere, one online route is all there is to find.
            if obstruction is not None or not offline_named:
                break  # nothing later changes the facts
        for sentence in _cancel_sentences(segment.text):
            if _online_route(sentence):
                online = True
                continue
            channel = find_unnegated(offline, sentence)
            if channel and obstruction is None:
                obstruction = {
                    "channel": channel.group(0),
                    "sentence": sentence[:300],
                    "selector": segment.selector,
                }
    # A "Cancel subscription" / "Vertrag kündigen" button or link is an online route.
    online = online or any(_is_cancel_control(text) for text in _control_texts(page))
    if obstruction is None and not online:
        return None
    return {"obstruction": obstruction, "online": online}


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    if not index.kind.subscription:
        return
    found = [(s, page_facts(s, RULE_ID)) for s in index.html_pages() if page_facts(s, RULE_ID)]
    if any(facts["online"] for _, facts in found):
        return
    for summary, facts in found:
        obstruction = facts["obstruction"]
        if obstruction is None:
            continue
        yield Hit(
            f"Cancelling is offered only offline ({obstruction['channel']}) on a subscription "
            "site.",
            evidence=f'"{obstruction["sentence"]}"; subscription evidence: '
            f"{index.kind.subscription} on {index.kind.subscription_page}",
            selector=obstruction["selector"],
            url=summary.url,
        )


_PLANS = (
    "<h1>Plans</h1><p>Basic: $9 per month</p><p>Pro: $29 per month</p>"
    '<a href="/signup/">Start your free trial</a>'
)

RULE = Rule(
    id=RULE_ID,
    name="cancellation-obstructed",
    category=Category.RETURNS,
    severity=Severity.ERROR,
    scope=Scope.SITE,
    check=check,
    collect=collect,
    doc=__doc__ or "",
    bad=(
        SiteExample(
            {
                "/": '<a href="/pricing/">Pricing</a> <a href="/faq/">FAQ</a>',
                "/pricing/": _PLANS,
                "/faq/": "<h1>FAQ</h1><p>How do I cancel? To cancel your subscription, call "
                "our support line at 1-800-555-0100 between 9am and 5pm.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<html lang="de"><body><a href="/preise/">Preise</a> '
                '<a href="/agb/">AGB</a></body></html>',
                "/preise/": '<html lang="de"><body><h1>Preise</h1><p>Basis: 9,90 € pro Monat</p>'
                "</body></html>",
                "/agb/": '<html lang="de"><body><h1>AGB</h1><p>Die Kündigung muss schriftlich '
                "per Einschreiben an unsere Anschrift erfolgen.</p></body></html>",
            }
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<a href="/pricing/">Pricing</a> <a href="/faq/">FAQ</a>',
                "/pricing/": _PLANS,
                "/faq/": "<h1>FAQ</h1><p>How do I cancel? Cancel online in your account "
                "settings at any time, or call us if you need help.</p>",
            }
        ),
        SiteExample(
            {
                "/": '<a href="/pricing/">Pricing</a> <a href="/faq/">FAQ</a>',
                "/pricing/": _PLANS,
                "/faq/": "<h1>FAQ</h1><p>You do not need to call us to cancel. Use the "
                '"Cancel subscription" button on your account page.</p>',
            }
        ),
        SiteExample(
            {
                "/": '<a href="/visit/">Your visit</a>',
                "/visit/": "<h1>Your visit</h1><p>To cancel an appointment, please call us "
                "at least 24 hours in advance.</p>",
            },
            note="not a subscription site",
        ),
    ),
)
