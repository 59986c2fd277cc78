"""An email address or phone number is in the markup but hidden from readers.

## What it checks
Every email address and phone number on a page (as text, or as a `mailto:` /
`tel:` link) that the markup hides: the element or one of its ancestors has
the `hidden` attribute, `aria-hidden="true"`, or an inline `display:none`,
`visibility:hidden`, `font-size:0` or `opacity:0`. With `--render`, what the
browser computes is used as well (invisible, zero-size, off-screen, or text
in its background colour), through the same visibility data.

It stays quiet when:
- the same address or number is also visible elsewhere on the page (a mobile
  menu that repeats the header's phone number hides nothing);
- the hidden element is a form honeypot (it holds form fields, or is named
  as a honeypot or bot trap), since spam traps are not meant for people;
- a digit string in hidden text is not written like a phone number (no
  spaces, dashes, dots, brackets or `+`): hidden data is full of long IDs.

Form field values are never read: an address typed into an input's `value`
is not page text.

## Why it matters
A contact detail that search engines and scrapers see but people do not
reads as a company going through the motions of being reachable. When it is
the only channel, customers cannot reach anyone at all; screen-reader users
miss anything under `aria-hidden`.

## How to fix
Show the address or number as plain, visible text (a `mailto:` / `tel:` link
is best). If a design hides it behind a "show number" button, show it
instead. Remove stale hidden copies left over from old templates.

## References
- EU Directive 2000/31/EC (e-Commerce Directive), Article 5: information "easily, directly
  and permanently accessible"
- WCAG 2.2, 4.1.2 Name, Role, Value (content hidden with aria-hidden)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from sitelint.gather.contacts import ContactPoint
from sitelint.gather.page import Page
from sitelint.gather.visibility import own_hidden_reason
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

_HONEYPOT_NAMES = re.compile(
    r"honey\s*pot|honeypot|hnypt|spam[-_ ]?trap|bot[-_ ]?trap|ohnohoney|\bhp[-_]", re.I
)
_FORMATTED_PHONE = re.compile(r"[\s\-.()/+]")


def _hiding_element(page: Page, selector: str) -> LexborNode | None:
    """The element whose attributes hide the contact (itself or an ancestor)."""
    try:
        node = page.tree.css_first(selector)
    except Exception:  # a selector lexbor cannot parse: judge without the DOM
        return None
    while node is not None and node.tag not in (None, "html", "-document"):
        if own_hidden_reason(node):
            return node
        node = node.parent
    return None


def _is_honeypot(element: LexborNode) -> bool:
    names = " ".join(
        element.attributes.get(attribute) or "" for attribute in ("class", "id", "name")
    )
    if _HONEYPOT_NAMES.search(names):
        return True
    return element.css_first("input, textarea, select") is not None


def _describe(point: ContactPoint) -> str:
    label = "email address" if point.kind == "email" else "phone number"
    shown = f'"{point.text}"' if point.text and point.text != point.value else point.value
    via = " (a link)" if point.source == "link" else ""
    return f"{label} {shown}{via}"


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    visible_values = {(p.kind, p.value) for p in page.contacts if p.visible}
    reported: set[tuple[str, str]] = set()
    for point in page.contacts:
        key = (point.kind, point.value)
        if point.visible or key in visible_values or key in reported:
            continue
        unformatted = not _FORMATTED_PHONE.search(point.text.strip().lstrip("+"))
        if point.kind == "phone" and point.source == "text" and unformatted:
            continue
        hider = _hiding_element(page, point.selector)
        if hider is not None and _is_honeypot(hider):
            continue
        reported.add(key)
        label = "email address" if point.kind == "email" else "phone number"
        yield Hit(
            f"The {label} {point.value} is in the page but hidden from readers "
            f"({point.hidden_reason}).",
            evidence=f"{_describe(point)} hidden by {point.hidden_reason}",
            selector=point.selector,
        )


RULE = Rule(
    id="SL103",
    name="contact-hidden",
    category=Category.CONTACT,
    severity=Severity.ERROR,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            '<h1>Contact</h1><div style="display:none"><p>Email '
            '<a href="mailto:hello@example.com">hello@example.com</a></p></div>',
            note="inline display:none",
        ),
        PageExample(
            '<p aria-hidden="true">Call +1 212 555 0100</p>',
            note='aria-hidden="true"',
        ),
        PageExample(
            "<p>Fragen? <span hidden>Telefon 0831 960 47 12</span></p>",
            url="https://www.example.de/kontakt/",
            note="hidden attribute, German number",
        ),
    ),
    good=(
        PageExample('<p>Email <a href="mailto:hello@example.com">hello@example.com</a></p>'),
        PageExample(
            '<header><a href="tel:+12125550100">212 555 0100</a></header>'
            '<nav hidden><a href="tel:+12125550100">Call us</a></nav>',
            note="the hidden mobile menu repeats a visible number",
        ),
        PageExample(
            '<form><div style="display:none" class="hp-field"><label>Leave empty: '
            'bot@example.com</label><input name="website"></div>'
            '<label for="e">Email</label><input id="e" name="email" '
            'value="you@example.com"></form>',
            note="a honeypot and a field value",
        ),
        PageExample(
            '<div hidden data-order="4915112345678">Order 4915112345678</div>',
            note="an unformatted digit string in hidden data",
        ),
    ),
)
