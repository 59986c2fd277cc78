"""The only contact channels are more than one click from the start page.

## What it checks
The click depth (shortest chain of links from the start page) of every
contact channel: contact pages, and pages with a `mailto:`/`tel:` link or a
visible email address or phone number. When the nearest one is deeper than
1 (not on the home page and not linked from it), it reports the depth and
the path of links that leads there.

## Why it matters
Customers look for a way to reach a company on the home page, in its header
or footer. A channel hidden two or three clicks deep is, for most visitors,
no channel at all, and reads as a company avoiding contact.

## How to fix
Link the contact page from the home page, ideally from the header or the
footer of every page, or put an email address or phone number there.

## References
- Nielsen Norman Group, "Contact Us" links and pages: https://www.nngroup.com/articles/contact-us-pages/
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.models import Category, PageKind, Scope, Severity
from sitelint.rule import Hit, Rule, RuleContext, SiteExample
from sitelint.site_index import SiteIndex

MAX_DEPTH = 1


def check(index: SiteIndex, context: RuleContext) -> Iterator[Hit]:
    limit = int(context.options.get("max_depth", MAX_DEPTH))
    depths = index.click_depths
    nearest: tuple[int, str, str] | None = None
    for summary in index.html_pages():
        if summary.kind is PageKind.CONTACT:
            channel = "contact page"
        elif summary.visible_contacts:
            first = summary.visible_contacts[0]
            channel = f"{first.kind} {first.value}"
        else:
            continue
        depth = depths.get(index.id_for(summary.url))
        if depth is not None and (nearest is None or depth < nearest[0]):
            nearest = (depth, summary.url, channel)
    if nearest is None or nearest[0] <= limit:
        return
    depth, url, channel = nearest
    yield Hit(
        f"The nearest contact channel ({channel}) is {depth} clicks from the start page.",
        evidence=f"path: {index.describe_path(url)}",
    )


RULE = Rule(
    id="SL102",
    name="contact-buried",
    category=Category.CONTACT,
    severity=Severity.WARNING,
    scope=Scope.SITE,
    check=check,
    doc=__doc__ or "",
    defaults={"max_depth": MAX_DEPTH},
    bad=(
        SiteExample(
            {
                "/": '<a href="/about/">About</a>',
                "/about/": '<h1>About us</h1><a href="/contact/">Contact</a>',
                "/contact/": "<h1>Contact us</h1><p>Write to hello@example.com</p>",
            },
            note="contact page is two clicks deep",
        ),
    ),
    good=(
        SiteExample(
            {
                "/": '<footer><a href="/contact/">Contact us</a></footer>',
                "/contact/": "<h1>Contact</h1><p>hello@example.com</p>",
            }
        ),
        SiteExample({"/": '<p>Call <a href="tel:+12125550100">212 555 0100</a></p>'}),
    ),
)
