"""A fee is mentioned only in the fine print of a page that shows prices.

## What it checks
Pages that show at least one price in regular text. Each mention of a fee
("service fee", "handling fee", "processing fee", "convenience fee",
"booking fee", "plus fees", "excl. fees", "Bearbeitungsgebühr", "frais de
service", "gastos de gestión", ...) is either fine print: inside `<small>`,
`<sup>` or `<sub>`, in a footnote that starts with `*`, `†` or `‡`, or in
an element with an inline font size under 12px; or regular text. When every
mention is fine print, the rule reports each fine-print element that names
a fee. Negated mentions ("no booking fees") count on neither side.

## Why it matters
A price that grows at checkout by a fee the buyer could only have found in
small print is a classic drip-pricing trick. Regulators treat it as
misleading (the US FTC's rule on unfair or deceptive fees, the EU's
Unfair Commercial Practices Directive), and buyers who discover it late
rarely come back.

## How to fix
State the fee next to the price in the same size, or better, include it in
the price shown ("$21.50 per invoice, all fees included").

## References
- US FTC, Rule on Unfair or Deceptive Fees, 16 CFR Part 464 (2024)
- EU Unfair Commercial Practices Directive 2005/29/EC, Article 7 and Annex I
- Mathur et al., "Dark Patterns at Scale" (CSCW 2019): hidden costs
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitelint.gather.dom import css_path, text_of
from sitelint.gather.page import Page
from sitelint.gather.text import text_segments
from sitelint.gather.visibility import hidden_reason
from sitelint.keywords import PhraseMatcher, lexicon
from sitelint.models import Category, Scope, Severity
from sitelint.negation import affirmed
from sitelint.pricing import price_amounts
from sitelint.rule import Hit, PageExample, Rule, RuleContext

FINE_PRINT_PX = 12
_FINE_TAGS = "small, sup, sub"
_FOOTNOTE = re.compile(r"^\s*(?:\*+|[†‡])")
_FONT_SIZE = re.compile(r"(?:^|;)\s*font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt)\b", re.I)


def _small_font(node: LexborNode, limit: float) -> bool:
    rendered = node.attributes.get("data-sitelint-font-size")
    if rendered:
        # Written by the renderer from the computed font size (render mode).
        return float(rendered) < limit
    match = _FONT_SIZE.search(node.attributes.get("style") or "")
    if match is None:
        return False
    size = float(match.group(1)) * (4 / 3 if match.group(2).lower() == "pt" else 1)
    return size < limit


def _fine_print_nodes(tree: LexborHTMLParser, limit: float) -> list[LexborNode]:
    """The outermost fine-print elements: <small>, <sup>, <sub>, tiny inline fonts."""
    nodes = list(tree.css(_FINE_TAGS))
    nodes += [
        n
        for n in tree.css("[style*=font-size], [data-sitelint-font-size]")
        if _small_font(n, limit)
    ]
    # Node wrappers are created per access: identity is the DOM node's address.
    marked = {n.mem_id for n in nodes}
    outermost = []
    for node in nodes:
        ancestor = node.parent
        while ancestor is not None and ancestor.mem_id not in marked:
            ancestor = ancestor.parent
        if ancestor is None:
            outermost.append(node)
    return outermost


def _mentioned_in_regular_text(page: Page, fees: PhraseMatcher, limit: float) -> bool:
    # Parse again and cut the fine print out: a segment is only marked fine
    # print when all of it is, so "Pro $49<small>*plus fees</small>" would
    # otherwise count as regular text.
    stripped = LexborHTMLParser(page.html)
    for node in _fine_print_nodes(stripped, limit):
        node.decompose()
    return any(
        segment.visible
        and not _FOOTNOTE.match(segment.text)
        and affirmed(fees, segment.text) is not None
        for segment in text_segments(stripped.body)
    )


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if not page.prices:
        return
    fees = lexicon().phrases("pricing_fee_words")
    limit = float(context.options.get("fine_print_px", FINE_PRINT_PX))
    # The fine print is short: look there first, and at the rest of the page
    # only when it names a fee.
    fine: list[tuple[str, str, str, str]] = []  # selector, text, fee phrase, where
    for node in _fine_print_nodes(page.tree, limit):
        if hidden_reason(node) is not None:
            continue
        text = text_of(node)
        match = affirmed(fees, text)
        if match:
            where = f"<{node.tag}>" if node.tag in ("small", "sup", "sub") else "a tiny font"
            fine.append((css_path(node), text, match.group(0), where))
    fine_texts = [text for _, text, _, _ in fine]
    for segment in page.visible_text_segments:
        if _FOOTNOTE.match(segment.text) and not any(t in segment.text for t in fine_texts):
            match = affirmed(fees, segment.text)
            if match:
                fine.append((segment.selector, segment.text, match.group(0), "a footnote"))
    if not fine:
        return
    regular = [m.text for m in price_amounts(page.visible_text_segments) if not m.fine_print]
    if not regular or _mentioned_in_regular_text(page, fees, limit):
        return
    prices = ", ".join(list(dict.fromkeys(regular))[:4])
    for selector, text, phrase, where in fine:
        yield Hit(
            f'A fee ("{phrase}") is mentioned only in fine print.',
            evidence=f'"{text[:200]}" in {where}; prices on the page: {prices}; no fee is '
            "named in the regular text",
            selector=selector,
        )


_PLANS = (
    '<html lang="en"><head><title>Pricing | Loopdesk</title></head><body><main><h1>Pricing</h1>'
    '<div class="tier"><h2>Starter</h2><p>$19/month</p></div>'
    '<div class="tier"><h2>Team</h2><p>$49/month</p></div>'
)

RULE = Rule(
    id="SL205",
    name="fees-in-fine-print",
    category=Category.PRICING,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    defaults={"fine_print_px": FINE_PRINT_PX},
    bad=(
        PageExample(
            _PLANS + "<p><small>*plus a $2.50 processing fee per invoice</small></p>"
            "</main></body></html>",
            url="https://www.example.com/pricing/",
        ),
        PageExample(
            '<html lang="en"><body><main><h1>Harbour Lights concert</h1><p>Tickets $45*</p>'
            '<p class="footnote">* Plus a booking fee per order.</p></main></body></html>',
            url="https://www.example.com/events/harbour-lights/",
            note="a footnote after an asterisk",
        ),
        PageExample(
            '<html lang="de"><body><main><h1>Konzert</h1><p>Tickets ab 45 €'
            "<sup>zzgl. Gebühren</sup></p></main></body></html>",
            url="https://www.example.de/konzert/",
        ),
    ),
    good=(
        PageExample(
            _PLANS + "<p>All plans: a $2.50 processing fee per invoice.</p>"
            "<p><small>*processing fee charged by our payment provider</small></p>"
            "</main></body></html>",
            url="https://www.example.com/pricing/",
            note="the fee is stated in regular text as well",
        ),
        PageExample(
            _PLANS
            + "<p><small>*No setup fees, no processing fees.</small></p></main></body></html>",
            url="https://www.example.com/pricing/",
            note="negated",
        ),
        PageExample(
            '<html lang="en"><body><main><h1>How Northwind cut card costs</h1><p>We cut '
            "processing fees by 18% and saved the client $2M<sup>1</sup>.</p>"
            "<p><small>1. Savings against the 2023 baseline; excl. fees paid to us.</small></p>"
            "</main></body></html>",
            url="https://www.example.com/case-studies/northwind/",
            note="a savings figure is not a price, so the page shows no prices",
        ),
        PageExample(
            '<html lang="en"><body><header><p>Free shipping on orders over $75</p></header>'
            "<main><h1>Daypack</h1><p>$89.00</p><p><small>Ships in 2 days.</small></p></main>"
            "</body></html>",
            url="https://www.example.com/products/daypack/",
            note="fine print without fee words",
        ),
    ),
)
