"""A countdown timer presses the visitor to decide before the clock runs out.

## What it checks
The visible text segments of every page, for an urgency countdown (Mathur et
al.'s "countdown timer"):

- a running time: "02:14:59", "3 DAYS 04:11:27", "11h 42m 08s",
  "1 Day 6 Hours 20 Minutes 15 Seconds", or the bare labels of a widget whose
  digits a script fills in ("DAYS HRS MINS SECS");
- a deadline that counts down: "Offer ends in 9 hours", "Sale ends in:",
  "Your discount expires in 14:20", "Prices go up in 3 days";
- a hold that runs out: "Your basket is reserved for 07:31 minutes",
  "Check out within the next 04:45 to keep your gift";
- and in the markup, a countdown widget: an element whose class, id or
  `data-` attribute names a countdown (`class="countdown"`, `data-countdown`,
  `data-end-time`, a `timer` that shows a running time), reported once for the
  outermost element when its text did not already fire.

A clock with seconds fires alone or beside offer words ("Flash deal 05:12:40");
a short clock ("07:31") or a duration without seconds needs a deadline word
beside it ("remaining", "reserved", "ends"). Not a countdown: a time of day
("ends at 23:59", "open 09:00:00-17:00:00", "Sunday 23:59"), a date ("offer
ends in March"), a deadline of something that is not an offer ("the store
closes in 2 hours", "your session expires in 5 minutes"), a negated use, and a
statically hidden widget.

Severity is warning. Render mode upgrades it: the renderer reads every short
time it sees on a first load and again after a reload in a fresh browser
context (`page.render.countdowns`, `CountdownReading`). A countdown that shows
as much time left after the reload as before (`CountdownReading.resets`: it
restarts for every visitor, or never ticks) is an error, its deadline is
fake. A countdown only the browser shows (drawn by a script) is reported
too, when its rendered text reads as a countdown by the rules above; other
times the renderer read ("Open 09:00") are not. Without rendering the rule
is static only.

## Why it matters
A countdown cuts the time a shopper takes to compare and think. Mathur et al.
found 393 countdown timers on 11K shopping sites, and 40% of them reset or
were fake. Fake deadlines are an unfair commercial practice under the EU
Unfair Commercial Practices Directive (Annex I, item 7) and deceptive under
the FTC Act.

## How to fix
Show a deadline only when the offer really ends, as a date and time ("Sale
ends 31 May, 23:59 CET"), and keep it the same for every visitor and every
reload. Do not reserve carts on a ticking clock unless stock is really held.

## References
- Mathur et al., "Dark Patterns at Scale", CSCW 2019: https://webtransparency.cs.princeton.edu/dark-patterns/
- EU Directive 2005/29/EC, Annex I item 7: https://eur-lex.europa.eu/eli/dir/2005/29/oj
- FTC, "Bringing Dark Patterns to Light" (2022): https://www.ftc.gov/reports/bringing-dark-patterns-light
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from sitelint.darkpatterns import (
    ClaimKind,
    evidence,
    page_claims,
    segment_claims,
    shorten,
    timer_text,
)
from sitelint.gather.dom import css_path, nested, text_of
from sitelint.gather.page import Page
from sitelint.gather.rendered import CountdownReading
from sitelint.gather.text import text_segments
from sitelint.gather.visibility import hidden_reason
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

KINDS = frozenset({ClaimKind.COUNTDOWN})
# Widgets named as countdowns; a "timer" must also show a running time.
_WIDGETS = (
    "[class*=countdown i], [id*=countdown i], [class*=count-down i], [id*=count-down i], "
    "[data-countdown], [data-countdown-date], [data-countdown-end], [data-countdown-to], "
    "[data-countdown-time], [data-end-time], [data-end-date], [data-deadline], [data-expires], "
    "[data-expiry], [data-timer], [class*=timer i], [id*=timer i]"
)
_COUNTDOWN_NAMES = ("countdown", "count-down")
_DEADLINE_DATA = ("countdown", "end", "deadline", "expir", "timer")


def _reading_for(
    page: Page, selector: str, readings: list[CountdownReading]
) -> CountdownReading | None:
    for reading in readings:
        if nested(page.tree, selector, reading.selector):
            return reading
    return None


def _deadline_data(node: LexborNode) -> str | None:
    for name, value in node.attributes.items():
        lowered = name.lower()
        if lowered.startswith("data-") and any(k in lowered for k in _DEADLINE_DATA) and value:
            return f'{name}="{shorten(value, 40)}"'
    return None


def _widget_evidence(node: LexborNode) -> str | None:
    """Why an element is a countdown widget, or None when it is not one."""
    attributes = node.attributes
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
    text = text_of(node)
    shown = timer_text(text) if text else None
    data = _deadline_data(node)
    named = any(word in names for word in _COUNTDOWN_NAMES) or data is not None
    if not shown and not (named and data):
        return None
    marker = data or next(
        (
            f'{attr}="{shorten(attributes.get(attr) or "", 60)}"'
            for attr in ("class", "id")
            if any(w in (attributes.get(attr) or "").lower() for w in (*_COUNTDOWN_NAMES, "timer"))
        ),
        "",
    )
    shows = f' showing "{shorten(text, 120)}"' if text else " (filled in by a script)"
    return f"<{node.tag} {marker}>{shows}".replace(" >", ">")


def _widgets(page: Page) -> Iterator[tuple[LexborNode, str]]:
    taken: set[int] = set()
    for node in page.tree.css(_WIDGETS):
        ancestor, inside = node.parent, False
        while ancestor is not None:
            if ancestor.mem_id in taken:
                inside = True
                break
            ancestor = ancestor.parent
        if inside or hidden_reason(node) is not None:
            continue
        found = _widget_evidence(node)
        if found is not None:
            taken.add(node.mem_id)
            yield node, found


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    readings = list(page.render.countdowns) if page.render is not None else []
    reported: list[str] = []

    def hit(message: str, found: str, selector: str) -> Hit:
        reported.append(selector)
        reading = _reading_for(page, selector, readings)
        if reading is not None and reading.resets:
            # The readings go in the evidence, not the message: the message is
            # part of the fingerprint and must not change from run to run.
            return Hit(
                f"{message}; it resets on reload, so the deadline is fake",
                evidence=f"{found}; showed {reading.seconds}s left, and "
                f"{reading.reloaded_seconds}s left {reading.seconds_between:.0f}s later "
                "in a fresh browser",
                selector=selector,
                severity=Severity.ERROR,
            )
        return Hit(message, evidence=found, selector=selector)

    for segment, claim in page_claims(page, KINDS):
        yield hit(
            f'Countdown pressure: "{shorten(claim.phrase, 80)}"',
            evidence(segment, claim),
            segment.selector,
        )
    for node, found in _widgets(page):
        selector = css_path(node)
        inner = [s.selector for s in text_segments(node)]
        if any(nested(page.tree, r, selector) or r in inner for r in reported):
            continue
        yield hit("Countdown widget in the markup", found, selector)
    for reading in readings:
        if any(nested(page.tree, r, reading.selector) for r in reported):
            continue
        # The renderer reads every short time it sees; "Open 09:00" is no countdown.
        if not any(c.kind is ClaimKind.COUNTDOWN for c in segment_claims(reading.text)):
            continue
        yield hit(
            f'Countdown timer seen when rendered: "{shorten(reading.text, 80)}"',
            f'rendered timer showing "{shorten(reading.text, 80)}" ({reading.seconds}s left)',
            reading.selector,
        )


RULE = Rule(
    id="SL701",
    name="countdown-timer",
    category=Category.HONESTY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample('<div class="promo"><p>Summer sale ends in 02:14:59</p></div>'),
        PageExample("<p>Offer expires in</p>", note="the digits are filled in by a script"),
        PageExample("<p>Your basket is reserved for 07:31 minutes!</p>"),
        PageExample("<p>Hurry: 0 Days 4 Hours 12 Minutes 09 Seconds left at this price</p>"),
        PageExample(
            '<div class="deal"><span>20% off everything</span>'
            '<div class="countdown-timer" data-countdown-end="2026-06-02T00:00:00Z"></div></div>',
            note="a countdown widget that a script fills in",
        ),
        PageExample("<header><p>DAYS HRS MINS SECS</p></header>"),
    ),
    good=(
        PageExample("<p>Our shop closes in 2 hours, see you tomorrow!</p>"),
        PageExample("<p>The spring offer ends at 23:59 on Sunday 31 May.</p>"),
        PageExample("<p>Offer ends in March: order any time before then.</p>"),
        PageExample("<p>Opening hours: 09:00:00 - 17:00:00</p>"),
        PageExample("<p>Baking time 1 hour 20 minutes at 180°C.</p>"),
        PageExample("<p>Your session expires in 5 minutes for your security.</p>"),
        PageExample(
            '<div class="countdown" hidden><span>00:10:00</span></div>'
            '<div class="kitchen-timer-icon"></div>',
            note="a hidden widget, and a timer class that shows no time",
        ),
    ),
)
