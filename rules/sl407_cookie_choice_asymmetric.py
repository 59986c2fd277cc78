"""Rejecting cookies is made harder than accepting them.

## What it checks
Render mode, on a consent banner that offers both choices: reject is a link
while accept is a button; or reject's box is less than half of accept's area;
or reject needs more clicks (it appears only after opening "settings", found
by probing in a throwaway browser context — sitelint never accepts).

## Why it matters
A tiny grey "reject" link beside a large coloured "accept" button steers
people into consent they did not mean to give; regulators treat that
asymmetry as a deceptive design and invalid consent.

## How to fix
Give "Reject all" the same element type, size and prominence as "Accept
all", on the same layer.

## References
- EDPB Guidelines 03/2022 on deceptive design patterns in social media platform interfaces
- EDPB, Report of the Cookie Banner Taskforce (2023), "deceptive button colours and contrast"
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

_BANNER = """<html lang="en"><body><main><h1>Shop</h1></main>
<div class="cookie-banner" style="position:fixed;bottom:0;left:0;right:0;padding:1em">
<p>We use cookies for analytics and personalised ads.</p>{controls}</div></body></html>"""
_BIG = 'style="padding:12px 40px;font-size:18px"'


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    banner = page.render.banner if page.render else None
    if banner is None or not banner.accept:
        return
    accept = max(banner.accept, key=lambda control: control.area)
    if not banner.reject:
        if banner.clicks_to_reject and banner.clicks_to_reject > 1:
            yield Hit(
                f'Rejecting takes {banner.clicks_to_reject} clicks; "{accept.text}" takes one.',
                evidence=f'reject appears only after "{banner.settings[0].text}"',
                selector=banner.selector,
            )
        return
    reject = max(banner.reject, key=lambda control: control.area)
    if reject.is_link and not accept.is_link:
        yield Hit(
            f'"{reject.text}" is a link while "{accept.text}" is a button.',
            evidence=f"reject: <a> {reject.selector}; accept: button {accept.selector}",
            selector=reject.selector,
        )
    elif accept.area and reject.area * 2 < accept.area:
        yield Hit(
            f'"{reject.text}" is less than half the size of "{accept.text}".',
            evidence=f"reject {reject.area} px² vs accept {accept.area} px²",
            selector=reject.selector,
        )


RULE = Rule(
    id="SL407",
    name="cookie-choice-asymmetric",
    category=Category.PRIVACY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    needs_render=True,
    bad=(
        PageExample(
            _BANNER.format(controls=f'<button {_BIG}>Accept all</button> <a href="#">Reject</a>')
        ),
        PageExample(
            _BANNER.format(
                controls=f"<button {_BIG}>Accept all</button> "
                '<button style="font-size:9px;padding:0">Reject all</button>'
            )
        ),
    ),
    good=(
        PageExample(
            _BANNER.format(
                controls=f"<button {_BIG}>Accept all</button> <button {_BIG}>Reject all</button>"
            )
        ),
    ),
)
