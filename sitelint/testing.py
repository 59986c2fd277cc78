"""Run a rule's examples: the generic rule test, for built-in and third-party packs.

Site examples are served through an ``httpx.MockTransport`` (no sockets), so
they go through the real crawler, gatherers and classifier.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import httpx

from sitelint.api import check_html, check_site
from sitelint.config import RuleSettings
from sitelint.models import Finding
from sitelint.registry import Registry
from sitelint.rule import Example, PageExample, Rule, SiteExample

EXAMPLE_SCAN_DATE = date(2026, 6, 1)


def wrap_html(fragment: str) -> str:
    if "<html" in fragment.lower():
        return fragment
    return (
        f'<!doctype html><html lang="en"><head><title></title></head><body>{fragment}</body></html>'
    )


def example_transport(example: SiteExample) -> httpx.MockTransport:
    """Serve an example site: "/path" on both schemes, "http:/path" for the http twin only."""

    def respond(request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.decode("ascii", "replace").split("?")[0] or "/"
        key = (
            f"http:{path}"
            if request.url.scheme == "http" and f"http:{path}" in example.pages
            else path
        )
        body = example.pages.get(key)
        if body is None:
            return httpx.Response(404, text="not found", headers={"content-type": "text/html"})
        if body.startswith("!"):
            status, _, location = body[1:].partition(" ")
            headers = {"location": location} if location else {}
            return httpx.Response(int(status), headers=headers, text="")
        content_type = "text/plain" if path.endswith(".txt") else "text/html; charset=utf-8"
        return httpx.Response(
            200,
            text=wrap_html(body) if "html" in content_type else body,
            headers={"content-type": content_type},
        )

    return httpx.MockTransport(respond)


def run_example(rule: Rule, example: Example, registry: Registry) -> list[Finding]:
    """The findings of ``rule`` alone on one of its examples."""
    settings = RuleSettings(select=[rule.id])
    if isinstance(example, PageExample):
        findings = check_html(
            wrap_html(example.html),
            example.url,
            registry=registry,
            rule_settings=settings,
            scan_date=EXAMPLE_SCAN_DATE,
            render=rule.needs_render,
        )
    else:
        host = urlsplit(example.start).netloc
        assert host, f"example start URL {example.start!r} has no host"
        result = check_site(
            example.start,
            transport=example_transport(example),
            registry=registry,
            rules=settings,
            scan_date=EXAMPLE_SCAN_DATE,
            retries=0,
        )
        findings = result.findings
    return [finding for finding in findings if finding.rule == rule.id]
