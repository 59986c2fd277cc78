"""The rule registry: rule packs discovered through the ``sitelint.rules`` entry points.

The built-in pack registers exactly as a third-party pack does: the entry
point's name is the pack's id prefix and its value is a sequence of Rule
objects. ``SITELINT_DISABLE_PLUGIN_AUTOLOAD=1`` loads the built-in pack only;
``SITELINT_DISABLE_PLUGINS=ACME,XYZ`` (or the config) skips packs by prefix.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

from sitelint.rule import RULE_ID, RULE_NAME, Rule

ENTRY_POINT_GROUP = "sitelint.rules"
BUILTIN_PREFIX = "SL"
BUILTIN_ENTRY_POINT = EntryPoint(name="SL", value="sitelint_rules:RULES", group=ENTRY_POINT_GROUP)
# Ids once used and since removed; never handed out again.
REMOVED_RULES: dict[str, str] = {}


class RegistryError(Exception):
    """A rule pack that cannot be loaded as given."""


@dataclass(frozen=True)
class Registry:
    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule | None:
        wanted = rule_id.upper()
        return next(
            (rule for rule in self.rules if rule.id == wanted or rule.name == rule_id), None
        )

    def __len__(self) -> int:
        return len(self.rules)


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _validate_pack(prefix: str, rules: object, source: str) -> list[Rule]:
    if not (prefix.isalpha() and prefix.isupper() and 2 <= len(prefix) <= 5):
        raise RegistryError(
            f"rule pack {source}: entry point name {prefix!r} must be its id prefix, "
            "2 to 5 capital letters (for example ACME)"
        )
    if isinstance(rules, Rule) or not isinstance(rules, Sequence):
        raise RegistryError(f"rule pack {source}: must be a sequence of sitelint.rule.Rule objects")
    checked: list[Rule] = []
    for rule in rules:
        if not isinstance(rule, Rule):
            raise RegistryError(f"rule pack {source}: {rule!r} is not a sitelint.rule.Rule")
        if (
            not RULE_ID.match(rule.id)
            or not rule.id.startswith(prefix)
            or not rule.id[len(prefix) :].isdigit()
        ):
            raise RegistryError(
                f"rule pack {source}: rule id {rule.id!r} does not use the pack's prefix "
                f"{prefix!r} followed by three digits (for example {prefix}101)"
            )
        if not RULE_NAME.match(rule.name):
            raise RegistryError(
                f"rule pack {source}: rule {rule.id} name {rule.name!r} must be kebab-case"
            )
        if rule.id in REMOVED_RULES:
            raise RegistryError(f"rule pack {source}: id {rule.id} was removed and is never reused")
        checked.append(rule)
    return checked


def load_registry(
    entry_points_to_load: Iterable[EntryPoint] | None = None,
    *,
    disabled_packs: Iterable[str] = (),
) -> Registry:
    """Load every rule pack, refusing bad prefixes and duplicate ids or names."""
    if entry_points_to_load is None:
        if _env_flag("SITELINT_DISABLE_PLUGIN_AUTOLOAD"):
            entry_points_to_load = [BUILTIN_ENTRY_POINT]
        else:
            found = list(entry_points(group=ENTRY_POINT_GROUP))
            if not any(ep.name == BUILTIN_PREFIX for ep in found):
                # Running from a source tree without the package installed.
                found.insert(0, BUILTIN_ENTRY_POINT)
            entry_points_to_load = found
    disabled = {p.strip().upper() for p in disabled_packs if p.strip()}
    disabled |= {
        p.strip().upper()
        for p in os.environ.get("SITELINT_DISABLE_PLUGINS", "").split(",")
        if p.strip()
    }
    by_id: dict[str, str] = {}
    by_name: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    rules: list[Rule] = []
    for entry_point in entry_points_to_load:
        prefix = entry_point.name
        if prefix.upper() in disabled:
            continue
        source = f"{entry_point.name} = {entry_point.value!r}"
        if prefix in prefixes:
            raise RegistryError(
                f"rule pack {source}: prefix {prefix!r} is already used by {prefixes[prefix]}"
            )
        prefixes[prefix] = source
        try:
            loaded = entry_point.load()
        except Exception as error:
            raise RegistryError(f"rule pack {source} failed to load: {error}") from error
        for rule in _validate_pack(prefix, loaded, source):
            if rule.id in by_id:
                raise RegistryError(
                    f"rule pack {source}: rule id {rule.id} is already registered "
                    f"by {by_id[rule.id]}"
                )
            if rule.name in by_name:
                raise RegistryError(
                    f"rule pack {source}: rule name {rule.name!r} is already registered by "
                    f"{by_name[rule.name]}"
                )
            by_id[rule.id] = by_name[rule.name] = source
            rules.append(rule)
    return Registry(tuple(sorted(rules, key=lambda rule: rule.id)))
