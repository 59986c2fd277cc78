"""An https page loads scripts, stylesheets, images or frames over http.

## What it checks
Every page served over https: do its `<script src>`, stylesheet and icon
`<link>`s, `<img src/srcset>`, `<picture>` sources, `<iframe>`/`<frame>`,
`<video>`/`<audio>` sources, `<object>` and `<embed>` point at `http://`
URLs? Each such element is one finding, with its URL. Nothing is reported
when the page asks browsers to upgrade its requests
(`Content-Security-Policy: upgrade-insecure-requests`, as a header or in a
`<meta http-equiv>`), for `http://localhost` and loopback addresses (which
browsers treat as secure), or for links a person clicks (`<a href>`). This
is a transport rule: pages on loopback, `localhost` and private-network
hosts are skipped unless `[rules] check_transport_on_local = true`.

## Why it matters
Browsers block http scripts, stylesheets and frames on an https page, so
the page breaks, and they mark the page "Not secure" for http images. An
http script is also a way in for anyone on the network path to rewrite the
page, the very thing https is there to prevent.

## How to fix
Load every resource over https (most hosts serve both; a protocol-relative
`//` or root-relative URL is fine), or add
`Content-Security-Policy: upgrade-insecure-requests` while you migrate.

## References
- W3C Mixed Content: https://www.w3.org/TR/mixed-content/
- https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from sitelint.gather.page import Page
from sitelint.hosts import is_local_url
from sitelint.models import Category, Scope, Severity
from sitelint.rule import Hit, PageExample, Rule, RuleContext

_UPGRADE = "upgrade-insecure-requests"
# Only loopback counts as secure for mixed content; a private address does not.
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]", "::1")


def _upgrades(page: Page) -> bool:
    policies = [page.headers.get("content-security-policy", ""), *page.resources.meta_policies]
    return any(_UPGRADE in policy.lower() for policy in policies)


def _loopback(url: str) -> bool:
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return False
    return host in _LOOPBACK_NAMES or host.endswith(".localhost") or host.startswith("127.")


def check(page: Page, context: RuleContext) -> Iterator[Hit]:
    if page.scheme != "https" or _upgrades(page):
        return
    if not context.check_transport_on_local and is_local_url(page.url):
        return
    seen: set[tuple[str, str]] = set()
    for resource in page.resources.items:
        if not resource.url.lower().startswith("http://") or _loopback(resource.url):
            continue
        if (resource.selector, resource.url) in seen:
            continue
        seen.add((resource.selector, resource.url))
        blocked = resource.kind not in ("image", "media")
        yield Hit(
            f"This https page loads a{'n' if resource.kind[0] in 'aeiou' else ''} "
            f"{resource.kind} over http"
            + (", which browsers block." if blocked else "; browsers mark the page not secure."),
            evidence=f'<{resource.tag} {resource.attribute}="{resource.url}">',
            selector=resource.selector,
        )


RULE = Rule(
    id="SL602",
    name="mixed-content",
    category=Category.SECURITY,
    severity=Severity.WARNING,
    scope=Scope.PAGE,
    check=check,
    doc=__doc__ or "",
    bad=(
        PageExample(
            """<html lang="en"><head><title>Shop</title>
            <script src="http://cdn.example.net/jquery.min.js"></script></head>
            <body><h1>Shop</h1></body></html>""",
        ),
        PageExample(
            """<h1>Our team</h1><img src="http://images.example.net/team.jpg" alt="Our team">
            <iframe src="http://maps.example.net/embed?q=office"></iframe>""",
        ),
    ),
    good=(
        PageExample(
            """<html lang="en"><head><title>Shop</title>
            <link rel="stylesheet" href="//cdn.example.net/site.css">
            <script src="/app.js"></script></head>
            <body><h1>Shop</h1><a href="http://old.example.org/">Our old site</a>
            <img src="https://images.example.net/team.jpg" alt="Team"></body></html>""",
            note="protocol-relative and relative URLs; an http link is not a subresource",
        ),
        PageExample(
            """<html lang="en"><head><title>Shop</title>
            <meta http-equiv="Content-Security-Policy" content="upgrade-insecure-requests">
            </head><body><img src="http://images.example.net/a.jpg" alt="A"></body></html>""",
            note="the page asks browsers to upgrade its requests",
        ),
        PageExample(
            """<h1>Shop</h1><img src="http://images.example.net/a.jpg" alt="A">""",
            url="http://www.example.com/",
            note="an http page is SL601's concern, not mixed content",
        ),
    ),
)
