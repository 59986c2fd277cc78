"""The shared dark-pattern matcher (sitelint/darkpatterns.py) on the project's own examples.

Every text here was written for these tests: realistic shop wording, and the
look-alikes each claim must not be confused with.
"""

from __future__ import annotations

import pytest

from sitelint.darkpatterns import (
    _CONTEXT_LISTS,
    ClaimKind,
    evidence,
    inverted_consent_label,
    normalise,
    option_cost,
    segment_claims,
    timer_text,
)
from sitelint.gather.page import Page
from sitelint.gather.rendered import CountdownReading, RenderArtifacts
from sitelint.keywords import lexicon
from sitelint.models import Severity
from sitelint.registry import load_registry
from sitelint.rule import RuleContext

CLAIMS: dict[ClaimKind, list[str]] = {
    ClaimKind.COUNTDOWN: [
        "Summer sale ends in 01:23:45",
        "Deal of the day ends in 5h 12m 09s",
        "Time left: 12:34:56",
        "00:59:59",
        "Your discount code expires in 09:12",
        "Your basket is saved for 15:00 minutes",
        "Checkout within 10 minutes to keep your discount",
        "ENDS IN 2D 14H 05M",
        "Prices go up in 3 hours 20 minutes 10 seconds",
        "Offer expires in",
        "Hours Minutes Seconds",
        "2 days 04:11:09",
        "Angebot endet in 02:14:59",
        "L'offre se termine dans 3 jours",
        "La oferta termina en 05:00:00",
    ],
    ClaimKind.LIMITED_TIME: [
        "Today only: two mugs for the price of one",
        "Limited time offer - 40% off",
        "Last chance to save on winter boots",
        "Only 2 hours left!",
        "Sale ends tonight",
        "Offer valid for a limited period",
        "Grab it while you can",
        "Nur heute: 20 % auf alle Zelte",
        "Offre à durée limitée",
        "Solo hoy: envío gratis",
    ],
    ClaimKind.URGENCY_IMPERATIVE: [
        "Hurry! The summer collection is 30% off",
        "Don't miss out!",
        "Act fast - prices are going up",
        "Quick! These mugs are popular",
        "Beeilen Sie sich!",
    ],
    ClaimKind.LOW_STOCK: [
        "Only 2 left!",
        "Just 1 pair left in your size",
        "Last 3 in stock",
        "Less than 5 remaining",
        "Only 4 in stock - order soon",
        "Hurry, stock is limited!",
        "Almost out of stock",
        "Only a few items left in stock",
        "There are only 3 left",
        "Last 3 pieces!",
        "Nearly sold out",
        "90% claimed",
        "Items left: 5",
        "4 left",
        "Nur noch 2 Stück auf Lager",
        "Plus que 3 en stock",
        "¡Solo quedan 2 unidades!",
    ],
    ClaimKind.HIGH_DEMAND: [
        "3 people are looking at this",
        "12 others are looking at this right now",
        "28 people have this in their basket",
        "This jacket is in 14 carts",
        "In high demand",
        "This size is in high demand",
        "132 watchers",
        "3 Personen sehen sich diesen Artikel gerade an",
        "12 personas están viendo este producto",
    ],
    ClaimKind.ACTIVITY: [
        "Sarah from London bought this 5 minutes ago",
        "John D. from Austin, TX purchased a Trail Tent",
        "A customer from Paris just ordered",
        "Recently purchased by Maria in Madrid",
        "Someone just signed up",
        "12 people bought this today",
        "Bought 57 times in the last 24 hours",
        "1,203 people have viewed this in the past week",
        "Added to cart by 14 people today",
        "Jessica (Ohio) just bought Trail Socks",
        "Emma just purchased Trail Socks",
        "45 orders in the last hour",
        "Over 1,000 sold",
        "27 Personen haben diesen Artikel heute gekauft",
        "Anna aus Berlin hat gerade einen Schlafsack gekauft",
    ],
    ClaimKind.CONFIRMSHAMING: [
        "No thanks, I don't like saving money",
        "No, I'll happily pay full price",
        "No thanks, I'd rather pay more",
        "I'm not interested in saving money",
        "Nope, I like paying full price",
        "No thanks, I hate discounts",
        "No thanks, full price is fine",
        "No thanks, I don't want 15% off",
        "Close and lose my discount",
        "No thanks, I'll be the last to know",
        "No, free stuff isn't for me",
        "Nein danke, ich zahle lieber den vollen Preis",
        "Non merci, je préfère payer plein tarif",
        "No, gracias, prefiero pagar el precio completo",
    ],
    ClaimKind.TRICK_QUESTION: [
        "Tick this box if you do not want to receive offers from us.",
        "Uncheck to not receive our newsletter",
        "Please tick here if you would prefer not to receive marketing",
        "Leave this box unchecked if you want to receive news",
        "If you do not wish to be contacted by email, please make sure the box is not checked.",
        "Wenn Sie keine Werbung erhalten möchten, setzen Sie hier ein Häkchen.",
    ],
}

QUIET = [
    # negated
    "No need to hurry: the spring prices stay until 31 May.",
    "There's no hurry, take your time.",
    "This is not a limited time offer, it is our everyday price.",
    "Our tents are not selling fast, and that is fine with us.",
    "This colour is not in high demand.",
    # unrelated uses of the same words
    "Only 3 branches left open on Sundays",
    "In a hurry? Choose express delivery.",
    "Quick view",
    "Quick links",
    "Limited edition print, signed and numbered",
    "Turn left at the lights",
    "3 days left to order for Christmas delivery",
    "Due to high demand, deliveries take one extra day.",
    "Prices follow supply and demand.",
    "Films on demand for members",
    "Your order is packed in 2 paper bags.",
    "Watch our 3-minute video",
    # stock wording that claims nothing
    "In stock",
    "Out of stock",
    "Sold out in this size",
    "Select your size and we'll email you when it is back in stock.",
    # times of day, durations, dates
    "The store closes in 2 hours.",
    "Our shop closes in 2 hours, see you tomorrow!",
    "Opening hours 09:00 - 17:30",
    "Open 09:00:00 - 17:00:00",
    "The spring offer ends at 23:59 on Sunday.",
    "Offer ends in March",
    "Price ends in .99",
    "Posted 2024-03-01 10:42:13",
    "Battery lasts 10 hours 30 minutes",
    "Cooking time 2 hours 30 minutes",
    "Your session expires in 5 minutes for your security.",
    "We reply within 2 hours",
    "Order by 2pm for next-day delivery",
    "Offer valid until 31 May 2026.",
    # other shoppers, not activity notifications
    "Customers also viewed",
    "Frequently bought together",
    "Recently viewed (3)",
    "You purchased this item 3 days ago.",
    "Items bought in the last 30 days can be returned for free.",
    "Over 10,000 customers have bought from us since 2009.",
    "12 new styles added today",
    "New styles just added",
    "If someone purchased a gift for you, you can exchange it.",
    "Free shipping on orders over $50 today",
    "2 people found this helpful",
    "Rated 4.8 by 2,000 customers",
    "Someone from our team will reply within 24 hours.",
    "Made in Italy, bought by thousands",
    # neutral declines and plain consent
    "No, thank you",
    "No thanks, not interested right now",
    "Maybe later",
    "No, I don't want to receive offers by email",
    "I don't want to pay full price, so I waited for the sale and got it 30% off.",
    "Continue without an account",
    "Shop now!",
    "Tick to receive our newsletter",
    "If you do not want our emails any more, you can unsubscribe at any time.",
    "We do not share your data with third parties. Tick the box to subscribe.",
]


@pytest.mark.parametrize(
    ("kind", "text"),
    [(kind, text) for kind, texts in CLAIMS.items() for text in texts],
    ids=lambda value: value if isinstance(value, str) else value.value,
)
def test_claims_are_found(kind: ClaimKind, text: str) -> None:
    kinds = {claim.kind for claim in segment_claims(text)}
    assert kind in kinds, f"{text!r}: {kinds}"


@pytest.mark.parametrize("text", QUIET)
def test_look_alikes_claim_nothing(text: str) -> None:
    assert segment_claims(text) == ()


def test_the_claim_names_the_phrase_as_the_page_shows_it() -> None:
    text = "Free tote bag! Only 3 left in stock, order soon."
    (claim,) = segment_claims(text)
    assert claim.kind is ClaimKind.LOW_STOCK
    assert claim.phrase == "Only 3 left in stock"
    assert text[claim.start : claim.end] == claim.phrase


def test_curly_apostrophes_keep_offsets() -> None:
    text = "No thanks, I don’t like saving money"
    assert normalise(text) == "No thanks, I don't like saving money"
    (claim,) = segment_claims(text)
    assert claim.phrase == text


def test_an_imperative_beside_a_stock_claim_is_its_emphasis() -> None:
    kinds = {claim.kind for claim in segment_claims("Hurry! Only 2 left")}
    assert kinds == {ClaimKind.LOW_STOCK}


def test_a_countdown_label_is_part_of_the_countdown() -> None:
    kinds = {claim.kind for claim in segment_claims("Last chance! Ends in 02:14:59")}
    assert kinds == {ClaimKind.COUNTDOWN}


def test_limited_time_and_stock_are_two_claims() -> None:
    kinds = {claim.kind for claim in segment_claims("Limited time offer: only 3 left")}
    assert kinds == {ClaimKind.LIMITED_TIME, ClaimKind.LOW_STOCK}


def test_confirmshaming_only_in_short_decline_texts() -> None:
    review = (
        "I bought these boots last winter and wore them every day. "
        "No thanks to the courier, who left them in the rain, but I don't like discounts "
        "that vanish at checkout either and the boots are great."
    )
    assert ClaimKind.CONFIRMSHAMING not in {c.kind for c in segment_claims(review)}


def test_timer_text() -> None:
    assert timer_text("02:14:59") is not None
    assert timer_text("2d 4h 13m 09s") is not None
    assert timer_text("DAYS HRS MINS SECS") is not None
    assert timer_text("Open until 18:00 pm") is None
    assert timer_text("Free delivery") is None


def test_inverted_consent_label() -> None:
    assert inverted_consent_label("I do not wish to receive marketing emails") is not None
    assert inverted_consent_label("Please don't send me offers from partners") is not None
    assert inverted_consent_label("Send me offers by email") is None
    assert inverted_consent_label("Do not remember me on this computer") is None


def test_option_cost() -> None:
    insurance = option_cost("Shipping insurance")
    assert insurance.addon == "Shipping insurance" and insurance.paid
    priced = option_cost("Add a tent care kit (+$4.99)")
    assert priced.addon is None and priced.paid and str(priced.price) == "4.99"
    named = option_cost("Yes please", "add_insurance")
    assert named.addon == "insurance"
    assert not option_cost("I have read the data protection notice").paid
    assert not option_cost("No protection").paid
    assert not option_cost("Billing address same as delivery").paid


def test_evidence_quotes_phrase_and_segment() -> None:
    page = Page(
        "https://shop.example/p/1",
        '<html lang="en"><body><p class="stock">Free tote bag! Only 3 left in stock.</p></body></html>',
    )
    (segment,) = page.visible_text_segments
    (claim,) = segment_claims(segment.text)
    assert (
        evidence(segment, claim)
        == '"Only 3 left in stock" in <p> "Free tote bag! Only 3 left in stock."'
    )


# The examples the rules' docstrings quote: the documentation must stay true.
DOCUMENTED: dict[ClaimKind, list[str]] = {
    ClaimKind.COUNTDOWN: [
        "3 DAYS 04:11:27",
        "11h 42m 08s",
        "1 Day 6 Hours 20 Minutes 15 Seconds",
        "DAYS HRS MINS SECS",
        "Offer ends in 9 hours",
        "Sale ends in:",
        "Prices go up in 3 days",
        "Your basket is reserved for 07:31 minutes",
        "Check out within the next 04:45 to keep your gift",
        "Flash deal 05:12:40",
    ],
    ClaimKind.LIMITED_TIME: ["time is running out", "only 2 days left", "sale extended"],
    ClaimKind.LOW_STOCK: [
        "(Only 4 left)",
        "We only have 6 left",
        "Only 1 left in your size",
        "92% of vouchers claimed",
        "Stock up before they're gone",
    ],
    ClaimKind.HIGH_DEMAND: [
        "7 viewing this item",
        "41 currently viewing",
        "This tent is in 6 other carts",
        "12 shoppers have this in their basket",
        "In other users' carts",
    ],
    ClaimKind.ACTIVITY: [
        "Someone in Leeds purchased a Trail Tent",
        "Priya K. purchased",
        "Sam bought this 10 minutes ago",
        "This was viewed 40 seconds ago by someone from Leeds",
        "33 bought in the last 3 days",
        "8 recently purchased it",
        "57 people have viewed this tent",
        "23 added to basket in the past 12 hours",
    ],
    ClaimKind.CONFIRMSHAMING: [
        "I don't want my discount",
        "I hate bargains",
        "I'd rather not win a prize",
        "I'll check out without my discount",
        "I prefer paying full price",
        "I'd rather pay more for my tent",
        "Nah, I'll be the last to know about sales",
        "No thanks, happy missing out",
        "No, bargains aren't for me",
    ],
}


@pytest.mark.parametrize(
    ("kind", "text"),
    [(kind, text) for kind, texts in DOCUMENTED.items() for text in texts],
    ids=lambda value: value if isinstance(value, str) else value.value,
)
def test_documented_examples(kind: ClaimKind, text: str) -> None:
    assert kind in {claim.kind for claim in segment_claims(text)}


def test_prose_that_merely_mentions_times_and_counts() -> None:
    for text in (
        "commit 3f2a9c1 Date: Tue Jan 17 15:25:00 2023 +0100",
        "Fixed a crash when the last call to read() returned early; 16 remains open.",
        "With only one remaining user, the old importer was removed.",
        "The service is currently unavailable in your region.",
        "Don't wait for the reply before you send the next request.",
        "A hash such as 920d608871 identifies the build.",
    ):
        assert segment_claims(text) == (), text


def test_context_lists_exist() -> None:
    """A typo in the context list would silently make a context list an anchor."""
    missing = sorted(name for name in _CONTEXT_LISTS if name not in lexicon().phrase_lists)
    assert not missing


def test_countdown_that_resets_on_reload_is_an_error() -> None:
    rule = load_registry().get("SL701")
    assert rule is not None
    check = rule.check
    html = '<html lang="en"><body><p id="deal">Deal ends in 00:10:00</p></body></html>'
    page = Page("https://shop.example/p/1", html)
    (static,) = check(page, RuleContext())
    assert static.severity is None  # the rule's default, warning

    page.render = RenderArtifacts(
        countdowns=[
            CountdownReading(
                "p#deal", "00:10:00", 600, ticks=True, reloaded_seconds=600, seconds_between=8
            ),
            CountdownReading(
                "div#bar", "00:04:59", 299, ticks=True, reloaded_seconds=291, seconds_between=8
            ),
        ]
    )
    hits = list(check(page, RuleContext(rendered=True)))
    assert [(hit.selector, hit.severity) for hit in hits] == [
        ("p#deal", Severity.ERROR),
        ("div#bar", None),
    ]
    assert "resets on reload" in hits[0].message


def test_text_that_never_ticks_is_not_a_resetting_timer() -> None:
    frozen = CountdownReading(
        "p#deal", "00:10:00", 600, ticks=False, reloaded_seconds=600, seconds_between=8
    )
    assert not frozen.resets
    ticking = CountdownReading(
        "p#deal", "00:10:00", 600, ticks=True, reloaded_seconds=600, seconds_between=8
    )
    assert ticking.resets


def _reference_claims(text: str) -> tuple[object, ...]:
    """segment_claims() as every pattern says it, without the shortcuts that skip them."""
    from sitelint.darkpatterns import _EMPHASISED, _FINDERS, Claim, patterns

    p = patterns()
    plain = normalise(text)
    if not text or not p.anchor.search(plain):
        return ()
    found: dict[ClaimKind, tuple[int, int]] = {}
    for kind, finder in _FINDERS:
        if kind is ClaimKind.URGENCY_IMPERATIVE and _EMPHASISED & found.keys():
            continue
        if kind is ClaimKind.LIMITED_TIME and ClaimKind.COUNTDOWN in found:
            continue
        gate = p.gates.get(kind)
        if gate is not None and not gate.search(plain):
            continue
        span = finder(plain, p)
        if span is not None:
            found[kind] = span
    return tuple(Claim(kind, text[s:e].strip(), s, e) for kind, (s, e) in found.items())


def _shortcut_texts() -> list[str]:
    """Every gate and anchor phrase in sentences long enough for the word shortcut."""
    filler = "Our friendly team ships quality widgets to every country on the planet"
    texts = []
    for name, phrases in sorted(lexicon().phrase_lists.items()):
        if not name.startswith("darkpatterns_"):
            continue
        for phrase in phrases:
            for variant in (phrase, phrase.upper(), phrase.replace(" ", "-")):
                texts.append(f"{filler}: {variant}!")
                texts.append(f"{variant}, {filler.lower()}.")
                texts.append(f"{filler} x{variant}x and 12 {variant} left")
    texts += [
        f"{filler}. DAYS HRS MINS SECS",
        f"{filler}. Tag Std Min Sek",
        f"{filler} — tag, tag, tag along",
        f"{filler} with 3 days to go",
        f"{filler} ends 12:30 today",
        f"No thanks, I don't like saving money. {filler}",
        "No thanks, I prefer paying full price",
    ]
    return texts


def test_the_shortcuts_skip_no_claim() -> None:
    segment_claims.cache_clear()
    for text in CLAIM_TEXTS_FOR_SHORTCUTS + _shortcut_texts():
        assert segment_claims(text) == _reference_claims(text), text


def test_the_word_shortcut_agrees_with_the_gate_regex() -> None:
    from sitelint.darkpatterns import _gated, patterns

    p = patterns()
    assert p.gate_words is not None, "every gate phrase has a whole word to look for"
    for text in _shortcut_texts():
        plain = normalise(text)
        assert _gated(plain, p) == (p.any_gate.search(plain) is not None), text
        if any(gate.search(plain) for gate in p.gates.values()):
            assert p.any_gate.search(plain), text


CLAIM_TEXTS_FOR_SHORTCUTS = [text for texts in CLAIMS.values() for text in texts] + QUIET
