"""Findings that cross a process boundary stay compact and independent."""

from __future__ import annotations

import pickle

from sitelint.models import Category, Finding, Severity


def _finding(evidence: str) -> Finding:
    return Finding(
        rule="SL304",
        name="form-field-unlabeled",
        severity=Severity.WARNING,
        category=Category.FORMS,
        url="https://example.com/products/a.html",
        selector="body > main > form > input",
        message="A form field has no label.",
        evidence=evidence,
    )


def test_unpickled_findings_share_their_repeated_strings() -> None:
    first, second = (
        pickle.loads(pickle.dumps(_finding(text))) for text in ("one input", "another input")
    )
    assert first == _finding("one input")
    assert first.message is second.message
    assert first.url is second.url
    assert first.model_fields_set is second.model_fields_set


def test_a_changed_copy_leaves_the_others_alone() -> None:
    first, second = (pickle.loads(pickle.dumps(_finding(text))) for text in ("a", "b"))
    changed = first.model_copy(update={"screenshot": "shot.png"})
    assert changed.screenshot == "shot.png"
    assert "screenshot" in changed.model_fields_set
    assert "screenshot" not in first.model_fields_set
    assert "screenshot" not in second.model_fields_set
