"""sitelint's built-in rule pack (installed as ``sitelint_rules``).

Each module ``slNNN_<name>.py`` holds one rule as ``RULE``. The pack registers
through the ``sitelint.rules`` entry point like any third-party pack.
"""

from __future__ import annotations

import importlib
import pkgutil

from sitelint.rule import Rule


def _discover() -> tuple[Rule, ...]:
    rules = []
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module_info.name.startswith("sl"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        rules.append(module.RULE)
    return tuple(rules)


RULES: tuple[Rule, ...] = _discover()
