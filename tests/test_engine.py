from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sitelint.api import check_html
from sitelint.engine import Engine
from sitelint.gather.page import Page
from sitelint.models import Category, Scope, Severity, fingerprint
from sitelint.registry import BUILTIN_ENTRY_POINT, Registry, load_registry
from sitelint.rule import Hit, Rule, RuleContext


def _broken(page: Page, context: RuleContext) -> Iterator[Hit]:
    raise ZeroDivisionError("boom")
    yield  # pragma: no cover


def _page_rule(rule_id: str, name: str, check: Any) -> Rule:
    return Rule(
        id=rule_id,
        name=name,
        category=Category.CONTACT,
        severity=Severity.INFO,
        scope=Scope.PAGE,
        check=check,
        doc="",
    )


def test_crashing_rule_becomes_sl002_and_the_run_goes_on() -> None:
    builtin = load_registry([BUILTIN_ENTRY_POINT])
    broken = _page_rule("XX101", "always-crashes", _broken)
    registry = Registry((*builtin.rules, broken))
    findings = check_html("<h1>Sale</h1>", "https://a.example/sale/", registry=registry)
    crashed = [f for f in findings if f.rule == "SL002"]
    assert len(crashed) == 1
    assert "XX101" in crashed[0].message and "ZeroDivisionError" in crashed[0].message
    assert any(f.rule == "SL402" for f in findings), "other rules still ran"


def test_select_and_ignore_by_prefix() -> None:
    from sitelint.config import RuleSettings

    registry = load_registry([BUILTIN_ENTRY_POINT])
    engine = Engine(registry, RuleSettings(select=["SL4"], ignore=["SL401"]))
    active = {r.id for r in engine.page_rules + engine.site_rules}
    assert "SL402" in active and "SL401" not in active and "SL101" not in active


def test_fingerprint_is_stable_across_hosts_and_whitespace() -> None:
    one = fingerprint("SL402", "https://staging.example:8443/a?b=1", "footer", "x  y")
    two = fingerprint("SL402", "http://www.example.com/a?b=1", "footer", "x y")
    assert one == two
    assert one != fingerprint("SL402", "http://www.example.com/other", "footer", "x y")


def test_check_html_public_api() -> None:
    import sitelint

    findings = sitelint.check_html("<p>Hello</p>", url="https://a.example/landing/")
    assert [f.rule for f in findings if f.rule == "SL402"] == ["SL402"]
    assert all(f.fingerprint for f in findings)


def test_public_surface() -> None:
    import sitelint

    assert set(sitelint.__all__) == {
        "Category",
        "Finding",
        "PageKind",
        "Scope",
        "Severity",
        "__version__",
        "check_html",
        "check_site",
    }
    for name in sitelint.__all__:
        assert hasattr(sitelint, name)


def _records_threshold(page: Page, context: RuleContext) -> Iterator[Hit]:
    import gc

    _THRESHOLDS.append(gc.get_threshold()[0])
    return iter(())


_THRESHOLDS: list[int] = []


def test_the_crawl_collects_young_objects_less_often_and_puts_it_back(serve: Any) -> None:
    """A library user's collector settings are theirs again once the check returns."""
    import gc

    from sitelint.api import check_site
    from sitelint.config import RenderSettings

    recorder = _page_rule("XX102", "records-gc-threshold", _records_threshold)
    before = gc.get_threshold()
    _THRESHOLDS.clear()
    check_site(
        serve("demo-shop").url("/"),
        registry=Registry((recorder,)),
        render=RenderSettings(mode="never"),
        timeout=10,
    )
    assert _THRESHOLDS and min(_THRESHOLDS) >= 20_000
    assert gc.get_threshold() == before
