from __future__ import annotations

import sys
import types
from importlib.metadata import EntryPoint

import pytest

from sitelint.models import Category, Scope, Severity
from sitelint.registry import BUILTIN_ENTRY_POINT, RegistryError, load_registry
from sitelint.rule import Rule


def _rule(rule_id: str, name: str) -> Rule:
    return Rule(
        id=rule_id,
        name=name,
        category=Category.CONTACT,
        severity=Severity.INFO,
        scope=Scope.PAGE,
        check=lambda page, context: [],
        doc="x",
    )


@pytest.fixture
def pack_module(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = types.ModuleType("acme_pack")
    monkeypatch.setitem(sys.modules, "acme_pack", module)
    return module


def _entry(name: str, attribute: str) -> EntryPoint:
    return EntryPoint(name=name, value=f"acme_pack:{attribute}", group="sitelint.rules")


def test_builtin_pack_loads_through_its_entry_point() -> None:
    registry = load_registry([BUILTIN_ENTRY_POINT])
    assert registry.get("SL101") is not None
    assert registry.get("contact-missing") is registry.get("SL101")
    assert all(rule.id.startswith("SL") for rule in registry.rules)


def test_installed_entry_point_is_registered() -> None:
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="sitelint.rules")}
    assert names.get("SL") == "sitelint_rules:RULES"


def test_third_party_pack_with_its_own_prefix(pack_module: types.ModuleType) -> None:
    pack_module.RULES = [_rule("ACME101", "acme-thing")]
    registry = load_registry([BUILTIN_ENTRY_POINT, _entry("ACME", "RULES")])
    assert registry.get("ACME101") is not None
    assert registry.get("SL101") is not None


def test_pack_using_another_prefix_is_refused(pack_module: types.ModuleType) -> None:
    pack_module.RULES = [_rule("SL999", "sneaky")]
    with pytest.raises(RegistryError, match=r"SL999.*prefix 'ACME'"):
        load_registry([_entry("ACME", "RULES")])


def test_bad_prefix_is_refused(pack_module: types.ModuleType) -> None:
    pack_module.RULES = [_rule("ac101", "lower")]
    with pytest.raises(RegistryError, match="2 to 5 capital letters"):
        load_registry([_entry("ac", "RULES")])


def test_duplicate_id_is_refused(pack_module: types.ModuleType) -> None:
    pack_module.RULES = [_rule("ACME101", "one"), _rule("ACME101", "two")]
    with pytest.raises(RegistryError, match="ACME101 is already registered"):
        load_registry([_entry("ACME", "RULES")])


def test_duplicate_name_is_refused(pack_module: types.ModuleType) -> None:
    pack_module.RULES = [_rule("ACME101", "contact-missing")]
    with pytest.raises(RegistryError, match="'contact-missing' is already registered"):
        load_registry([BUILTIN_ENTRY_POINT, _entry("ACME", "RULES")])


def test_pack_that_fails_to_import_is_named(pack_module: types.ModuleType) -> None:
    with pytest.raises(RegistryError, match="ACME = 'acme_pack:MISSING' failed to load"):
        load_registry([_entry("ACME", "MISSING")])


def test_autoload_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_entry_points(group: str) -> list[EntryPoint]:
        seen.append(group)
        return [_entry("ACME", "RULES")]

    monkeypatch.setattr("sitelint.registry.entry_points", fake_entry_points)
    monkeypatch.setenv("SITELINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    registry = load_registry()
    assert not seen, "entry points must not even be listed"
    assert {rule.id[:2] for rule in registry.rules} == {"SL"}


def test_pack_can_be_disabled_by_name(pack_module: types.ModuleType) -> None:
    pack_module.RULES = [_rule("ACME101", "acme-thing")]
    registry = load_registry(
        [BUILTIN_ENTRY_POINT, _entry("ACME", "RULES")], disabled_packs=["acme"]
    )
    assert registry.get("ACME101") is None
