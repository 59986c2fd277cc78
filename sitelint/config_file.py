"""Reading ``sitelint.toml`` (or ``[tool.sitelint]`` in pyproject.toml) and merging flags.

The file is found from the current directory upward, or given with
``--config``. Flags given on the command line override the file. Everything is
validated once, by the pydantic models in sitelint.config; an error names the
key, the file it came from (or the flag) and what is allowed.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sitelint.config import CheckConfig, CrawlSettings, RenderSettings, RuleSettings, SarifSettings
from sitelint.registry import Registry

CONFIG_NAMES = ("sitelint.toml", ".sitelint.toml")
TOP_LEVEL = {
    "urls": "start URLs used when none are given on the command line",
    "crawl": CrawlSettings,
    "render": RenderSettings,
    "rules": RuleSettings,
    "sarif": SarifSettings,
    "fail_on": "error | warning | info | never",
    "time_limit": "seconds",
    "baseline": "path of a baseline file",
    # Read by `sitelint scan` (sitelint.scan); `check` leaves them alone.
    "sites": "[[sites]] tables: the sites `sitelint scan` checks",
    "scan": "[scan] settings of `sitelint scan`",
}
SCAN_KEYS = ("sites", "scan")


class ConfigFileError(Exception):
    """A configuration problem, worded for the person who wrote the file."""


def find_config(start: Path | None = None) -> Path | None:
    """sitelint.toml, or a pyproject.toml with [tool.sitelint], from start upward."""
    directory = (start or Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "sitelint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigFileError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigFileError(f"{path}: cannot be read: {error.strerror}") from None


def load_file(path: Path) -> dict[str, Any]:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("sitelint", {})
    for key in data:
        if key not in TOP_LEVEL:
            raise ConfigFileError(
                f"{path}: unknown key {key!r}; allowed at the top level: {', '.join(TOP_LEVEL)}"
            )
    crawl = data.get("crawl", {})
    if isinstance(crawl, dict) and "credentials" in crawl:
        raise ConfigFileError(
            f"{path}: crawl.credentials: secrets are not read from files; use --header/--cookie/"
            "--auth or SITELINT_HEADERS / SITELINT_COOKIE / SITELINT_AUTH"
        )
    return data


def merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def has_key(data: dict[str, Any], path: tuple[str, ...]) -> bool:
    current: Any = data
    for part in path:
        if not isinstance(current, dict) or part not in current:
            return False
        current = current[part]
    return True


def allowed_keys(path: tuple[str, ...]) -> str:
    model: type[BaseModel] = CheckConfig
    for part in path[:-1]:
        field = model.model_fields.get(part)
        annotation = field.annotation if field is not None else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return ""
        model = annotation
    return ", ".join(name for name in model.model_fields if name != "credentials")


def build_config(
    file_data: dict[str, Any], file_path: Path | None, flags: dict[str, Any]
) -> CheckConfig:
    """The run's config: the file's values, overridden by flags given on the command line."""
    file_values = {
        key: value for key, value in file_data.items() if key != "urls" and key not in SCAN_KEYS
    }
    if "urls" in file_data and not flags.get("crawl", {}).get("start_urls"):
        file_values = merge(file_values, {"crawl": {"start_urls": file_data["urls"]}})
    merged = merge(file_values, flags)
    try:
        return CheckConfig.model_validate(merged)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            path = tuple(str(part) for part in problem["loc"] if not isinstance(part, int))
            key = ".".join(path)
            if file_path is not None and has_key(file_data, path):
                where = f"{file_path}: {key}"
            elif path and path[-1] == "start_urls":
                where = "URL"
            else:
                where = f"--{path[-1].replace('_', '-')}" if path else "config"
            message = problem["msg"]
            if problem["type"] == "extra_forbidden":
                allowed = allowed_keys(path)
                message = f"unknown key{f'; allowed: {allowed}' if allowed else ''}"
            problems.append(f"{where}: {message}")
        raise ConfigFileError("; ".join(problems)) from None


def rule_table_problem(config: CheckConfig, registry: Registry) -> str | None:
    """The first per-rule table that names no installed rule or an option it lacks."""
    for rule_id, configured in config.rules.per_rule.items():
        rule = registry.get(rule_id)
        if rule is None:
            return f"rules.{rule_id}: no such rule; `sitelint rules` lists them"
        unknown = sorted(set(configured.options) - set(rule.defaults))
        if unknown:
            allowed = ", ".join(["enabled", "severity", *rule.defaults])
            return f"rules.{rule_id}.{unknown[0]}: unknown option; allowed: {allowed}"
    return None


STARTER = """\
# sitelint configuration: https://github.com/sitelint/sitelint
# Flags on the command line override these values. Secrets (auth headers,
# cookies) never go here: use SITELINT_HEADERS, SITELINT_COOKIE, SITELINT_AUTH.

# Start URLs when none are given on the command line.
# urls = ["https://staging.example.com/"]

# Exit 1 when findings at or above this severity remain: error, warning, info, never.
fail_on = "error"

# Findings recorded here (by `sitelint baseline`) do not fail the run.
# baseline = ".sitelint-baseline.json"

[crawl]
max_pages = 500
# max_depth = 5
# include = ["/shop/*"]
# exclude = ["/blog/*", "re:\\\\?sessionid="]
# ignore_robots = false      # only for your own site
# delay = 0.0                # seconds between requests to one host
# per_host_concurrency = 4

[render]
mode = "auto"                # auto | always | never
# browser = "/usr/bin/chromium"

[rules]
# select = ["SL1", "SL4"]    # only these rules (ids or prefixes)
# ignore = ["SL607"]         # never these

# Per rule: switch off, change the severity, set options.
# [rules.SL102]
# severity = "error"
# max_depth = 1

# Rules ignored on some URLs (globs on the path or the full URL).
# [[rules.overrides]]
# urls = ["/landing/*"]
# ignore = ["SL402"]

[sarif]
# Map page URLs to the templates that render them, for code-scanning alerts.
# path_map = { "/products/*" = "templates/product.html" }
"""
