"""A paid add-on (insurance, warranty, donation, or any priced option) is pre-selected.

## What it checks
The form controls of every page (`Page.forms`, and every `<select>` of the
page) for Mathur et al.'s "sneak into basket": an extra the shopper did not
choose, already chosen for them.

- a checkbox that is `checked` by default and is a paid add-on: its label or
  name names one ("shipping insurance", "package protection", "extended
  warranty", "donation", "round up for charity", "priority processing", "gift
  wrap") or its label shows a price ("Add a care kit (+$4.99)");
- a radio button that is `checked` by default, or an `<option>` that is
  `selected`, when it is a paid add-on and its group offers a cheaper way out:
  an option without add-on and price ("No protection"), a free one, or one
  with a lower price. A pre-selected "Standard delivery $3.95" beside
  "Express $9.95" is a default, not a sneak; a pre-selected "Express delivery
  $9.95" beside "Standard $3.95" is.

Not a finding: unticked add-ons, checked boxes that cost nothing (terms,
"billing address same as delivery", "remember me"; pre-ticked consent boxes
are SL305's), "data protection" and "buyer protection" wording, plans and
sizes chosen among priced options, and hidden or disabled controls.

## Why it matters
An extra that is in the basket unless the shopper notices and removes it is
a purchase they did not make. EU law forbids it outright: the Consumer Rights
Directive (Art. 22) voids any extra payment agreed through a pre-ticked box.

## How to fix
Leave every paid extra unselected and let shoppers add it. Make "no
protection" the default in a radio group.

## References
- Mathur et al., "Dark Patterns at Scale", CSCW 2019: https://webtransparency.cs.princeton.edu/dark-patterns/
- EU Directive 2011/83/EU, Article 22 (additional payments): https://eur-lex.europa.eu/eli/dir/2011/83/oj
"""

from __future__ import annotations

from collections.abc import Iterator

from selectolax.lexbor import LexborNode

from sitelint.darkpatterns import Option, money_text, option_cost, shorten
from sitelint.gather.dom import css_path, text_of
from sitelint.gather.forms import FormField
from sitelint.gather.page import Page
from sitelint.gather.visibility import hidden_reason
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext


def _cheaper_way_out(chosen: Option, others: list[Option]) -> bool:
    for other in others:
        if not other.paid or other.price == 0:
            return True
        if chosen.price is not None and other.price is not None and other.price < chosen.price:
            return True
    return False


def _why(label: str, cost: Option) -> str:
    price = money_text(label)
    parts = [f'add-on "{cost.addon}"' if cost.addon else "", f'price "{price}"' if price else ""]
    return " and ".join(part for part in parts if part)


def _hit(kind: str, label: str, cost: Option, selector: str) -> Hit:
    shown = shorten(label, 80) or "(no label)"
    labelled = f'labelled "{shorten(label, 200)}"' if label else "without a label"
    return Hit(
        f'Paid add-on pre-selected: "{shown}"',
        evidence=f"{kind} selected by default, {labelled}: {_why(label, cost)}",
        selector=selector,
    )


def _form_hits(page: Page) -> Iterator[Hit]:
    for form in page.forms:
        radios: dict[str, list[FormField]] = {}
        for field in form.fillable_fields:
            if field.type == "radio":
                radios.setdefault(field.name or field.selector, []).append(field)
            elif field.type == "checkbox" and field.checked:
                cost = option_cost(field.label, f"{field.name} {field.element_id}")
                if cost.paid:
                    yield _hit("checkbox", field.label, cost, field.selector)
        for group in radios.values():
            # A group's name ("insurance") names every option; only labels tell them apart.
            costs = [option_cost(f.label) for f in group]
            for index, field in enumerate(group):
                chosen = option_cost(field.label, f"{field.name} {field.element_id}")
                others = costs[:index] + costs[index + 1 :]
                if field.checked and chosen.addon and _cheaper_way_out(chosen, others):
                    yield _hit("radio button", field.label, chosen, field.selector)


def _select_hits(page: Page) -> Iterator[Hit]:
    for select in page.tree.css("select"):
        if "disabled" in select.attributes or hidden_reason(select) is not None:
            continue
        options: list[LexborNode] = select.css("option")
        name = f"{select.attributes.get('name') or ''} {select.attributes.get('id') or ''}"
        costs = [option_cost(text_of(option)) for option in options]
        for index, option in enumerate(options):
            if "selected" not in option.attributes:
                continue
            label = text_of(option)
            chosen = option_cost(label, name)
            others = costs[:index] + costs[index + 1 :]
            if chosen.addon and _cheaper_way_out(chosen, others):
                yield _hit("option", label, chosen, css_path(select))


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    yield from _form_hits(page)
    yield from _select_hits(page)


RULE = Rule(
    id="SL707",
    name="sneak-into-basket",
    category=Category.HONESTY,
    severity=Severity.ERROR,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            '<form action="/checkout"><label><input type="checkbox" name="insurance" checked> '
            "Shipping insurance</label><button>Pay now</button></form>"
        ),
        PageExample(
            '<form action="/cart"><label><input type="checkbox" name="extra" checked> '
            "Add a tent care kit (+$4.99)</label><button>Checkout</button></form>",
            note="any option with a price",
        ),
        PageExample(
            '<form action="/cart"><fieldset><legend>Protect your tent</legend>'
            '<label><input type="radio" name="plan" value="3y" checked> 3-year protection plan '
            '$29</label><label><input type="radio" name="plan" value="none"> No thanks</label>'
            "</fieldset><button>Checkout</button></form>"
        ),
        PageExample(
            '<form action="/cart"><label for="w">Warranty</label><select id="w" name="warranty">'
            '<option value="0">None</option><option value="2" selected>2 years (+€19.00)</option>'
            "</select><button>Checkout</button></form>"
        ),
    ),
    good=(
        PageExample(
            '<form action="/checkout"><label><input type="checkbox" name="insurance"> '
            "Shipping insurance ($2.50)</label><button>Pay now</button></form>",
            note="offered, not pre-selected",
        ),
        PageExample(
            '<form action="/checkout"><label><input type="checkbox" name="same" checked> '
            'Billing address same as delivery</label><label><input type="checkbox" name="t" '
            "checked> I have read the data protection notice</label><button>Pay</button></form>"
        ),
        PageExample(
            '<form action="/checkout"><label><input type="radio" name="ship" checked> Standard '
            'delivery $3.95</label><label><input type="radio" name="ship"> Express delivery $9.95'
            "</label><button>Pay</button></form>",
            note="the cheaper delivery is the default",
        ),
        PageExample(
            '<form action="/plans"><label><input type="radio" name="plan" checked> Yearly $99'
            '</label><label><input type="radio" name="plan"> Monthly $10</label>'
            "<button>Subscribe</button></form>",
            note="choosing among priced plans is not an add-on",
        ),
    ),
)
