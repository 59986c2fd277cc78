"""Scheduled scans: check every site of a config, store each run, tell what got worse.

The sites are ``[[sites]]`` tables in sitelint.toml; the file's other tables
(``[crawl]``, ``[rules]``, ``[render]``, ``fail_on``, ``time_limit``) are the
defaults every site starts from, and a site's own ``crawl``/``rules``/``render``
tables override them::

    [scan]
    db = ".sitelint/history.db"       # or postgresql://...; --db and SITELINT_DB win
    webhook_env = "SITELINT_WEBHOOK"  # the variable holding the webhook URL
    notify = "regressions"            # regressions | always | never

    [[sites]]
    name = "staging"
    url = "https://staging.example.com/"
    schedule = "daily"                # a hint, stored with each run
    auth_env = "STAGING_AUTH"         # user:password for basic auth
    headers_env = "STAGING_HEADERS"   # "Name: value" lines
    cookies_env = "STAGING_COOKIE"    # "name=value; name2=value2"
    [sites.crawl]
    max_pages = 200

Secrets are read from the environment variables named here, when the site is
scanned, and go only into that site's crawl: never into a file, the store or
a report. A site's new findings are those its previous complete run lacked;
the scan fails (exit 1) on new ones at or above ``fail_on``.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from sitelint.config import CheckConfig, Credentials, FailOn
from sitelint.config_file import (
    ConfigFileError,
    allowed_keys,
    has_key,
    load_file,
    merge,
    rule_table_problem,
)
from sitelint.credentials import CredentialError, credentials
from sitelint.engine import run_check
from sitelint.models import Finding
from sitelint.registry import Registry
from sitelint.report.formats import fails
from sitelint.store import queries
from sitelint.store.db import DB_ENV, Store
from sitelint.store.models import Run
from sitelint.store.writer import RunWriter
from sitelint.version import USER_AGENT, __version__

SITE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
WEBHOOK_ENV = "SITELINT_WEBHOOK"
Notify = Literal["regressions", "always", "never"]
# Keys of the file that only `sitelint check` reads.
_CHECK_ONLY = ("urls", "baseline", "sites", "scan")


class SiteEntry(BaseModel):
    """One ``[[sites]]`` table."""

    model_config = ConfigDict(extra="forbid")

    name: str
    url: str | None = None
    urls: list[str] = Field(default_factory=list)
    schedule: str | None = Field(None, max_length=100)
    enabled: bool = True
    auth_env: str | None = None
    headers_env: str | None = None
    cookies_env: str | None = None
    fail_on: FailOn | None = None
    time_limit: float | None = Field(None, gt=0)
    crawl: dict[str, Any] = Field(default_factory=dict)
    rules: dict[str, Any] = Field(default_factory=dict)
    render: dict[str, Any] = Field(default_factory=dict)

    @field_validator("name")
    @classmethod
    def _name(cls, name: str) -> str:
        if not SITE_NAME.match(name):
            raise ValueError(
                "a site name is letters, digits, '.', '_' and '-' (up to 100), "
                "as typed in `sitelint history NAME`"
            )
        return name

    @field_validator("auth_env", "headers_env", "cookies_env")
    @classmethod
    def _env_name(cls, name: str | None) -> str | None:
        if name is not None and not ENV_NAME.match(name):
            raise ValueError(
                f"{name!r} is not an environment variable name; give the variable's name, "
                "never the secret itself"
            )
        return name

    @field_validator("crawl")
    @classmethod
    def _no_secrets_or_urls(cls, crawl: dict[str, Any]) -> dict[str, Any]:
        if "credentials" in crawl:
            raise ValueError(
                "credentials: secrets are not read from files; use auth_env, headers_env "
                "or cookies_env"
            )
        if "start_urls" in crawl:
            raise ValueError("start_urls: give the site's url (or urls) instead")
        return crawl

    @model_validator(mode="after")
    def _one_way_to_give_urls(self) -> SiteEntry:
        if (self.url is None) == (not self.urls):
            raise ValueError("give url (one start URL) or urls (several), not both or neither")
        return self

    @property
    def start_urls(self) -> list[str]:
        return [self.url] if self.url is not None else list(self.urls)


class ScanSettings(BaseModel):
    """The ``[scan]`` table."""

    model_config = ConfigDict(extra="forbid")

    db: str | None = None
    webhook_env: str | None = None
    notify: Notify = "regressions"

    @field_validator("webhook_env")
    @classmethod
    def _env_name(cls, name: str | None) -> str | None:
        if name is not None and not ENV_NAME.match(name):
            raise ValueError(
                f"{name!r} is not an environment variable name (webhook URLs are secrets: "
                "keep them in the environment)"
            )
        return name


class _ScanTables(BaseModel):
    model_config = ConfigDict(extra="ignore")  # the other keys are check's, validated per site

    sites: list[SiteEntry] = Field(min_length=1)
    scan: ScanSettings = Field(default_factory=ScanSettings)


@dataclass
class SitePlan:
    """A site ready to scan; its config carries the credentials, read from the environment."""

    name: str
    config: CheckConfig
    schedule: str | None = None

    @property
    def url(self) -> str:
        return self.config.crawl.start_urls[0]


@dataclass
class ScanPlan:
    source: Path
    sites: list[SitePlan]
    settings: ScanSettings

    def db_value(self, flag: str | None, environ: Mapping[str, str] | None = None) -> str | None:
        """--db, then SITELINT_DB, then [scan].db (a relative path is beside the file)."""
        environ = os.environ if environ is None else environ
        if flag or environ.get(DB_ENV):
            return flag or environ.get(DB_ENV)
        return configured_db(self.settings, self.source)

    def webhook_url(self, flag: str | None, environ: Mapping[str, str] | None = None) -> str | None:
        environ = os.environ if environ is None else environ
        if flag:
            return flag
        if self.settings.webhook_env:
            return environ.get(self.settings.webhook_env) or None
        return environ.get(WEBHOOK_ENV) or None


def configured_db(settings: ScanSettings, source: Path) -> str | None:
    db = settings.db
    if db and "://" not in db and not Path(db).expanduser().is_absolute():
        # Cron runs from anywhere: a path in the file means beside the file.
        return str(source.resolve().parent / db)
    return db


def db_from_file(path: Path) -> str | None:
    """[scan].db of a config file, for the commands that only read the history."""
    data = load_file(path)
    try:
        settings = ScanSettings.model_validate(data.get("scan") or {})
    except ValidationError as error:
        raise ConfigFileError(_problems(error, path, data, prefix=("scan",))) from None
    return configured_db(settings, path)


# -- loading ------------------------------------------------------------------


def _site_label(data: Mapping[str, Any], index: int) -> str:
    sites = data.get("sites")
    name = None
    if isinstance(sites, list) and index < len(sites) and isinstance(sites[index], dict):
        name = sites[index].get("name")
    return f"sites[{index}]" + (f" ({name})" if isinstance(name, str) else "")


def _problems(
    error: ValidationError,
    path: Path,
    data: Mapping[str, Any],
    prefix: tuple[str, ...] = (),
) -> str:
    problems = []
    for problem in error.errors():
        loc = [*prefix, *problem["loc"]]
        parts: list[str] = []
        for position, part in enumerate(loc):
            if isinstance(part, int) and position > 0 and loc[position - 1] == "sites":
                parts[-1] = _site_label(data, part)
            elif isinstance(part, int):
                parts[-1] += f"[{part}]"
            else:
                parts.append(str(part))
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            owner = SiteEntry if "sites" in loc else ScanSettings
            message = f"unknown key; allowed: {', '.join(owner.model_fields)}"
        key = ".".join(parts) if parts else "sites"
        problems.append(f"{path}: {key}: {message}")
    return "; ".join(problems)


def _env_credentials(site: SiteEntry, label: str, environ: Mapping[str, str]) -> Credentials:
    def read(variable: str | None, what: str) -> str | None:
        if variable is None:
            return None
        value = environ.get(variable)
        if value is None:
            raise ConfigFileError(
                f"{label}.{what}: environment variable {variable} is not set "
                "(it holds this site's secret)"
            )
        return value

    try:
        return credentials(
            (read(site.headers_env, "headers_env") or "").splitlines(),
            [
                (
                    read(site.cookies_env, "cookies_env") or "",
                    f"{label}.cookies_env: {site.cookies_env}",
                )
            ],
            (read(site.auth_env, "auth_env"), f"{label}.auth_env: {site.auth_env}"),
            f"{label}.headers_env: {site.headers_env}",
        )
    except CredentialError as error:
        raise ConfigFileError(str(error)) from None


def _site_config(
    site: SiteEntry,
    raw_site: Mapping[str, Any],
    label: str,
    defaults: dict[str, Any],
    path: Path,
    environ: Mapping[str, str],
) -> CheckConfig:
    overrides: dict[str, Any] = {
        "crawl": {**site.crawl, "start_urls": site.start_urls},
        "rules": site.rules,
        "render": site.render,
    }
    if site.fail_on is not None:
        overrides["fail_on"] = site.fail_on
    if site.time_limit is not None:
        overrides["time_limit"] = site.time_limit
    merged = merge(defaults, overrides)
    try:
        config = CheckConfig.model_validate(merged)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            keys = tuple(str(part) for part in problem["loc"] if not isinstance(part, int))
            key = ".".join(keys)
            if keys[:2] == ("crawl", "start_urls"):
                where = f"{label}.{'url' if site.url is not None else 'urls'}"
            elif has_key(dict(raw_site), keys):
                where = f"{label}.{key}"
            elif has_key(defaults, keys):
                where = key
            else:
                where = f"{label}.{key}"
            message = problem["msg"].removeprefix("Value error, ")
            if problem["type"] == "extra_forbidden":
                allowed = allowed_keys(keys)
                message = f"unknown key{f'; allowed: {allowed}' if allowed else ''}"
            problems.append(f"{path}: {where}: {message}")
        raise ConfigFileError("; ".join(problems)) from None
    credentials = _env_credentials(site, f"{path}: {label}", environ)
    if not credentials.empty:
        config = config.model_copy(
            update={"crawl": config.crawl.model_copy(update={"credentials": credentials})}
        )
    return config


def load_scan_config(
    path: Path,
    names: Sequence[str] = (),
    environ: Mapping[str, str] | None = None,
) -> ScanPlan:
    """The sites to scan (all enabled ones, or those named), each with its CheckConfig.

    Raises ConfigFileError naming the file and key of the first problems found.
    """
    environ = os.environ if environ is None else environ
    data = load_file(path)
    if "sites" not in data:
        raise ConfigFileError(
            f"{path}: no [[sites]] tables; `sitelint scan` needs one per site, "
            'for example [[sites]] name = "shop" url = "https://www.example.com/"'
        )
    try:
        tables = _ScanTables.model_validate(data)
    except ValidationError as error:
        raise ConfigFileError(_problems(error, path, data)) from None
    seen: dict[str, int] = {}
    for index, site in enumerate(tables.sites):
        if site.name in seen:
            raise ConfigFileError(
                f"{path}: {_site_label(data, index)}.name: {site.name!r} is also the name of "
                f"sites[{seen[site.name]}]; names identify a site's history"
            )
        seen[site.name] = index
    unknown = [name for name in names if name not in seen]
    if unknown:
        raise ConfigFileError(
            f"{path}: no site named {', '.join(map(repr, unknown))}; "
            f"the sites are {', '.join(seen)}"
        )
    defaults = {key: value for key, value in data.items() if key not in _CHECK_ONLY}
    plans = []
    for index, site in enumerate(tables.sites):
        if names and site.name not in names:
            continue
        if not names and not site.enabled:
            continue
        config = _site_config(
            site, data["sites"][index], _site_label(data, index), defaults, path, environ
        )
        plans.append(SitePlan(site.name, config, site.schedule))
    return ScanPlan(path, plans, tables.scan)


def check_rule_tables(config: CheckConfig, registry: Registry) -> str | None:
    """The first per-rule table that names no installed rule or an option it lacks."""
    return rule_table_problem(config, registry)


# -- scanning -----------------------------------------------------------------


@dataclass
class SiteOutcome:
    """One site's run, compared with its previous complete run."""

    name: str
    url: str
    fail_on: str
    run: int | None = None  # None when not even the run row could be written
    complete: bool = False
    status: str = "incomplete"
    stopped_reason: str | None = None
    error: str | None = None  # the crawl could not start, or failed
    score: int | None = None
    pages: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    previous_run: int | None = None
    previous_score: int | None = None
    new: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)

    @property
    def regressions(self) -> list[Finding]:
        """New findings at or above fail_on: what fails the scan."""
        return [f for f in self.new if fails(f.severity, self.fail_on)]


@dataclass
class ScanOutcome:
    sites: list[SiteOutcome]
    interrupted: bool = False

    @property
    def regressions(self) -> int:
        return sum(len(site.regressions) for site in self.sites)

    @property
    def failed(self) -> list[SiteOutcome]:
        return [site for site in self.sites if site.error is not None]


def _outcome(
    store: Store, site: SitePlan, fail_on: str, run_id: int, *, compare: bool = True
) -> SiteOutcome:
    with store.reading() as session:
        run = session.get(Run, run_id)
        assert run is not None
        diff = queries.diff_runs(session, run) if compare else None
    outcome = SiteOutcome(
        name=site.name,
        url=site.url,
        fail_on=fail_on,
        run=run.number,
        complete=run.complete,
        status=run.status,
        stopped_reason=run.stopped_reason,
        score=run.score,
        pages=run.page_count,
        by_severity={
            "error": run.error_count,
            "warning": run.warning_count,
            "info": run.info_count,
        },
    )
    # The first run has nothing to be worse than: it is the baseline.
    if diff is not None and diff.old is not None:
        outcome.previous_run = diff.old.number
        outcome.previous_score = diff.old.score
        outcome.new = diff.added
        # A run cut short did not see every page: what it lacks is not known to be fixed.
        outcome.fixed = diff.fixed if run.complete else []
    return outcome


def scan_site(
    store: Store,
    site: SitePlan,
    *,
    registry: Registry | None = None,
    fail_on: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    handle_signals: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> SiteOutcome:
    """Crawl one site, writing the run as it goes; KeyboardInterrupt propagates.

    A site that could not be crawled is an outcome with ``error`` set, and its
    findings are not compared: an unreachable site's "new" findings say nothing.
    """
    threshold = fail_on or site.config.fail_on
    writer = RunWriter(store, site.name, site.config, schedule=site.schedule)
    try:
        with writer:
            result = asyncio.run(
                run_check(
                    site.config,
                    registry=registry,
                    transport=transport,
                    on_progress=on_progress,
                    handle_signals=handle_signals,
                    on_page=writer.add_page,
                )
            )
            writer.finish(result)
    except Exception as error:  # one broken site must not stop the others
        reason = f"{type(error).__name__}: {error}"
        if writer.run_id is None:
            return SiteOutcome(site.name, site.url, threshold, error=reason)
        outcome = _outcome(store, site, threshold, writer.run_id, compare=False)
        outcome.error = reason
        return outcome
    assert writer.run_id is not None
    if result.start_error:
        outcome = _outcome(store, site, threshold, writer.run_id, compare=False)
        outcome.error = f"could not start: {result.start_error}"
        return outcome
    return _outcome(store, site, threshold, writer.run_id)


def scan(
    store: Store,
    plan: ScanPlan,
    *,
    registry_for: Callable[[CheckConfig], Registry] | None = None,
    fail_on: str | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    handle_signals: bool = False,
    on_site_start: Callable[[SitePlan], None] | None = None,
    on_site_done: Callable[[SiteOutcome], None] | None = None,
) -> ScanOutcome:
    """Scan the plan's sites one after another; a Ctrl-C ends the scan after storing the run."""
    outcome = ScanOutcome([])
    for site in plan.sites:
        if on_site_start is not None:
            on_site_start(site)
        try:
            result = scan_site(
                store,
                site,
                registry=registry_for(site.config) if registry_for else None,
                fail_on=fail_on,
                transport=transport,
                handle_signals=handle_signals,
            )
        except KeyboardInterrupt:
            # The second Ctrl-C: the run is already marked incomplete.
            outcome.interrupted = True
            break
        outcome.sites.append(result)
        if on_site_done is not None:
            on_site_done(result)
        if result.stopped_reason == "interrupted":
            outcome.interrupted = True
            break
    return outcome


# -- the summary and the webhook ----------------------------------------------


def _finding_brief(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.value,
        "url": finding.url,
        "selector": finding.selector,
        "message": finding.message,
        "fingerprint": finding.fingerprint,
    }


def _chat_escape(text: str) -> str:
    # Slack and Mattermost read <...> as links and mentions (<!channel>).
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def headline(outcome: ScanOutcome) -> str:
    """One line for a chat message, made of names and numbers only (no crawled text)."""
    parts = []
    for site in outcome.sites:
        if site.error:
            parts.append(f"{site.name}: FAILED ({site.status}, run {site.run})")
        elif site.regressions:
            score = f"score {site.previous_score} → {site.score}"
            parts.append(
                f"{site.name}: {len(site.regressions)} new at or above {site.fail_on} ({score})"
            )
        else:
            parts.append(f"{site.name}: no regressions (score {site.score})")
    text = "sitelint scan: " + ("; ".join(parts) or "no site scanned")
    if outcome.interrupted:
        text += "; INTERRUPTED"
    return _chat_escape(text)


def summary_payload(outcome: ScanOutcome, max_findings: int = 20) -> dict[str, Any]:
    """The JSON summary: what ``--format json`` prints and the webhook receives."""
    return {
        "tool": {"name": "sitelint", "version": __version__},
        # "text" is what Slack, Mattermost and similar incoming webhooks display.
        "text": headline(outcome),
        "regressions": outcome.regressions,
        "failed": len(outcome.failed),
        "interrupted": outcome.interrupted,
        "sites": [
            {
                "name": site.name,
                "url": site.url,
                "run": site.run,
                "status": site.status,
                "complete": site.complete,
                "stopped_reason": site.stopped_reason,
                "error": site.error,
                "score": site.score,
                "previous_run": site.previous_run,
                "previous_score": site.previous_score,
                "pages": site.pages,
                "by_severity": site.by_severity,
                "fail_on": site.fail_on,
                "new": len(site.new),
                "fixed": len(site.fixed),
                "regressions": len(site.regressions),
                "new_findings": [_finding_brief(f) for f in site.new[:max_findings]],
                "fixed_findings": [_finding_brief(f) for f in site.fixed[:max_findings]],
            }
            for site in outcome.sites
        ],
    }


def should_notify(outcome: ScanOutcome, notify: Notify) -> bool:
    if notify == "always":
        return True
    if notify == "never":
        return False
    return bool(outcome.regressions or outcome.failed or outcome.interrupted)


class WebhookError(Exception):
    """The webhook did not take the summary."""


def post_webhook(
    url: str,
    payload: dict[str, Any],
    *,
    timeout: float = 10.0,
    transport: httpx.BaseTransport | None = None,
) -> None:
    """POST the summary as JSON; raise WebhookError unless the receiver answers 2xx."""
    try:
        with httpx.Client(
            transport=transport, timeout=timeout, headers={"User-Agent": USER_AGENT}
        ) as client:
            response = client.post(url, json=payload)
    except httpx.HTTPError as error:
        raise WebhookError(f"{type(error).__name__}: {error}") from None
    if not response.is_success:
        raise WebhookError(f"HTTP {response.status_code}")
