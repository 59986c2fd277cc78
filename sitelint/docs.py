"""Write the rule reference (docs/rules/<ID>.md) from the rules' own docstrings.

`python -m sitelint.docs docs/rules` (or `make docs`); a test keeps the files
in step with the code, since SARIF's helpUri and the HTML report link there.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sitelint.registry import Registry, load_registry
from sitelint.rule import Rule


def rule_page(rule: Rule) -> str:
    lines = rule.doc.strip().splitlines()
    body = "\n".join(lines[1:]).strip()
    facts = (
        f"| id | name | category | severity | scope | needs render |\n|---|---|---|---|---|---|\n"
        f"| {rule.id} | {rule.name} | {rule.category.value} | {rule.severity.value} | "
        f"{rule.scope.value} | {'yes' if rule.needs_render else 'no'} |"
    )
    options = ""
    if rule.defaults:
        options = "\n\n## Options\n\n" + "\n".join(
            f"- `{name}` (default `{value!r}`)" for name, value in rule.defaults.items()
        )
    return f"# {rule.id} {rule.name}\n\n{lines[0]}\n\n{facts}\n\n{body}{options}\n"


def index_page(registry: Registry) -> str:
    rows = "\n".join(
        f"| [{rule.id}]({rule.id}.md) | {rule.name} | {rule.category.value} | "
        f"{rule.severity.value} | {rule.summary} |"
        for rule in registry.rules
    )
    return (
        "# sitelint rules\n\nGenerated from the rules' docstrings by `make docs`; "
        "`sitelint rule ID` prints the same text.\n\n"
        "| id | name | category | severity | summary |\n|---|---|---|---|---|\n" + rows + "\n"
    )


def expected_files(registry: Registry) -> dict[str, str]:
    files = {f"{rule.id}.md": rule_page(rule) for rule in registry.rules}
    files["README.md"] = index_page(registry)
    return files


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "docs/rules")
    target.mkdir(parents=True, exist_ok=True)
    for name, text in expected_files(load_registry()).items():
        (target / name).write_text(text, "utf-8")
    print(f"wrote {len(list(target.glob('*.md')))} files to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
