from __future__ import annotations

from pathlib import Path

from sitelint.docs import expected_files
from sitelint.registry import BUILTIN_ENTRY_POINT, load_registry

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def test_rule_reference_is_in_step_with_the_code() -> None:
    expected = expected_files(load_registry([BUILTIN_ENTRY_POINT]))
    stale = [
        name
        for name, text in expected.items()
        if not (DOCS / name).is_file() or (DOCS / name).read_text("utf-8") != text
    ]
    assert not stale, f"docs/rules is out of date for {stale[:5]}: run `make docs`"
