"""The generic rule test: every rule's bad examples fire it, its good ones do not."""

from __future__ import annotations

import importlib

import pytest

from sitelint.registry import load_registry
from sitelint.rule import Rule
from sitelint.testing import run_example

REGISTRY = load_registry()
RULES = REGISTRY.rules


def _cases(kind: str) -> list[pytest.param]:  # type: ignore[valid-type]
    cases = []
    for rule in RULES:
        for number, example in enumerate(getattr(rule, kind)):
            cases.append(pytest.param(rule, example, id=f"{rule.id}-{kind}-{number}"))
    return cases


@pytest.mark.parametrize(("rule", "example"), _cases("bad"))
def test_bad_example_fires(rule: Rule, example: object) -> None:
    findings = run_example(rule, example, REGISTRY)  # type: ignore[arg-type]
    assert findings, f"{rule.id} did not fire on its bad example {example!r}"
    for finding in findings:
        assert finding.message and finding.evidence, "every finding carries a message and evidence"


@pytest.mark.parametrize(("rule", "example"), _cases("good"))
def test_good_example_is_quiet(rule: Rule, example: object) -> None:
    findings = run_example(rule, example, REGISTRY)  # type: ignore[arg-type]
    assert not findings, f"{rule.id} fired on its good example: {[f.message for f in findings]}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented_and_has_examples(rule: Rule) -> None:
    assert not rule.missing_doc_sections(), (
        f"{rule.id} docstring lacks {rule.missing_doc_sections()}"
    )
    assert rule.summary, f"{rule.id} has no one-line summary"
    if not rule.reported_by_engine:
        assert rule.bad and rule.good, f"{rule.id} needs bad and good examples"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_module_is_named_after_its_rule(rule: Rule) -> None:
    module = importlib.import_module(
        f"sitelint_rules.{rule.id.lower()}_{rule.name.replace('-', '_')}"
    )
    assert module.RULE is rule
    assert rule.doc == module.__doc__
