"""The only email address on the page is obfuscated.

## What it checks
Pages that show no plain, visible email address (as text or as a `mailto:`
link) but do carry an obfuscated one:
- spelled out: "name [at] host [dot] com", "name(at)host.de",
  "info [ät] beispiel [punkt] de", "contacto [arroba] ejemplo [punto] es",
  "name @ host . com" (the words are data, per language);
- an image of the address: an `<img>` whose alt text is the address or says
  it shows one, or that stands alone after an "Email:" label;
- assembled by a script: Cloudflare's email protection, an inline script or
  `javascript:` link that glues the address together from pieces.

"Find us at example.com" is not an address: a bare "at" counts only with a
bare "dot". Icons and images inside links are not addresses either.

## Why it matters
Obfuscation stops few harvesters today but stops many people: an address
that cannot be clicked or copied has to be retyped and rebuilt by hand,
screen readers read out "info bracket at bracket", an image cannot be read
at all by assistive technology, and a script-built address disappears when
scripts are blocked. For many visitors the address might as well not be
there.

## How to fix
Publish the address as plain text in a `mailto:` link, and fight spam at
the mail server (filters, a separate public address) rather than on the page.

## References
- WCAG 2.2, 1.1.1 Non-text Content (text in images) and 1.4.5 Images of Text
- EU Directive 2000/31/EC (e-Commerce Directive), Article 5(1)(c): an electronic mail address
"""

from __future__ import annotations

from collections.abc import Iterator

from sitelint.gather.obfuscation import obfuscated_emails
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

_HOW = {
    "spelled out": "spelled out",
    "image": "shown only as an image",
    "script": "assembled by a script",
}


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if any(point.kind == "email" and point.visible for point in page.contacts):
        return
    seen: set[str] = set()
    for found in obfuscated_emails(page.tree, page.text_segments):
        key = " ".join(found.text.casefold().split())
        if key in seen:
            continue
        seen.add(key)
        yield Hit(
            f"The only email address on this page is obfuscated ({_HOW[found.how]}), so "
            "visitors cannot click or copy it.",
            evidence=f'{found.how}: "{found.text}"',
            selector=found.selector,
        )


RULE = Rule(
    id="SL106",
    name="contact-obfuscated",
    category=Category.CONTACT,
    severity=Severity.INFO,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample("<h1>Contact</h1><p>Write to hello [at] example [dot] com</p>"),
        PageExample(
            '<html lang="de"><body><p>E-Mail: info(at)beispiel.de</p></body></html>',
            url="https://www.beispiel.de/kontakt/",
        ),
        PageExample('<p>Email: <img src="/img/address.png" alt=""></p>', note="an image"),
        PageExample(
            "<p>Email us: <script>var u='sales', d='example.com';"
            "document.write('<a href=\"mailto:' + u + '@' + d + '\">' + u + '@' + d + '</a>');"
            "</script></p>",
            note="assembled by a script",
        ),
    ),
    good=(
        PageExample('<p>Email <a href="mailto:hello@example.com">hello@example.com</a></p>'),
        PageExample(
            "<p>hello [at] example [dot] com, or "
            '<a href="mailto:hello@example.com">email us</a></p>',
            note="a plain mailto link beside it",
        ),
        PageExample("<p>Find us at example.com and on Main Street.</p>"),
        PageExample(
            '<p><img src="/icons/mail.svg" width="16" height="16" alt="Email"> '
            '<a href="/contact/">Contact us</a></p>',
            note="an icon",
        ),
    ),
)
