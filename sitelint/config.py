"""Run configuration, validated by pydantic at the boundary.

Secrets (headers, cookies, basic auth) live in ``Credentials`` and are never
serialised into a report: ``CheckConfig.public_dict`` redacts them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from sitelint.models import Severity
from sitelint.version import USER_AGENT

FailOn = Literal["error", "warning", "info", "never"]
RULE_ID_KEY = re.compile(r"^[A-Za-z]{2,5}\d{3}$")


class Credentials(BaseModel):
    """Staging auth: sent only to the start hosts, never after a cross-host redirect."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    headers: dict[str, SecretStr] = Field(default_factory=dict)
    cookies: dict[str, SecretStr] = Field(default_factory=dict)
    basic_auth: tuple[str, SecretStr] | None = None

    @property
    def empty(self) -> bool:
        return not (self.headers or self.cookies or self.basic_auth)

    def redacted(self) -> dict[str, Any]:
        return {
            "headers": {name: "***" for name in self.headers},
            "cookies": {name: "***" for name in self.cookies},
            "basic_auth": f"{self.basic_auth[0]}:***" if self.basic_auth else None,
        }


class CrawlSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start_urls: list[str] = Field(default_factory=list, validate_default=True)
    max_pages: int = Field(500, ge=1)
    max_depth: int | None = Field(None, ge=0)
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    extra_hosts: list[str] = Field(default_factory=list)
    ignore_robots: bool = False
    use_sitemaps: bool = True
    concurrency: int = Field(8, ge=1, le=64)
    per_host_concurrency: int = Field(4, ge=1, le=32)
    delay: float = Field(0.0, ge=0)
    timeout: float = Field(20.0, gt=0)
    retries: int = Field(2, ge=0, le=10)
    max_retry_wait: float = Field(30.0, ge=0)
    max_redirects: int = Field(10, ge=0, le=50)
    max_body_bytes: int = Field(5 * 1024 * 1024, ge=1024)
    max_query_variants: int = Field(50, ge=1)
    check_links: bool = True
    max_link_checks: int = Field(2000, ge=0)
    user_agent: str = USER_AGENT
    verify_tls: bool = True
    # Follow links and redirects from a public start host to loopback, private
    # and link-local addresses (a public site could otherwise point sitelint
    # at the machine's own network).
    allow_private: bool = False
    credentials: Credentials = Field(default_factory=Credentials)

    @field_validator("start_urls")
    @classmethod
    def _absolute_http(cls, urls: list[str]) -> list[str]:
        if not urls:
            raise ValueError("at least one start URL is needed")
        for url in urls:
            if not url.lower().startswith(("http://", "https://")):
                raise ValueError(f"{url!r} is not an http(s) URL")
        return urls


RenderMode = Literal["auto", "always", "never"]


class RenderSettings(BaseModel):
    """Render mode: pages rendered in headless Chromium through Playwright."""

    model_config = ConfigDict(extra="forbid")

    mode: RenderMode = "auto"
    browser: str | None = None  # executable path; else SITELINT_BROWSER, Playwright's, the system's
    concurrency: int = Field(4, ge=1, le=16)
    page_timeout: float = Field(20.0, gt=0)
    block_resources: bool = True  # images, fonts and media
    tracker_hosts: list[str] = Field(default_factory=list)
    screenshots_dir: str | None = None


class RuleConfig(BaseModel):
    """``[rules.SL301]``: switch a rule off, change its severity, set its options."""

    model_config = ConfigDict(extra="allow")

    enabled: bool = True
    severity: Severity | None = None

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class UrlOverride(BaseModel):
    """``[[overrides]]``: rules ignored on URLs matching globs (path or full URL)."""

    model_config = ConfigDict(extra="forbid")

    urls: list[str]
    ignore: list[str]


class RuleSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    check_transport_on_local: bool = False
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    disabled_packs: list[str] = Field(default_factory=list)
    per_rule: dict[str, RuleConfig] = Field(default_factory=dict)
    overrides: list[UrlOverride] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _rule_tables(cls, data: Any) -> Any:
        """``[rules.SL301]`` tables sit beside select/ignore in the file; gather them."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        per_rule = dict(data.pop("per_rule", {}) or {})
        for key in [k for k in data if isinstance(k, str) and RULE_ID_KEY.match(k)]:
            per_rule[key.upper()] = data.pop(key)
        if per_rule:
            data["per_rule"] = per_rule
        return data

    def options_for(self, rule_id: str) -> dict[str, Any]:
        configured = self.per_rule.get(rule_id)
        return {**self.options.get(rule_id, {}), **(configured.options if configured else {})}


class SarifSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # URL glob -> the repository file that renders those pages.
    path_map: dict[str, str] = Field(default_factory=dict)


class CheckConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    crawl: CrawlSettings
    rules: RuleSettings = Field(default_factory=RuleSettings)
    render: RenderSettings = Field(default_factory=RenderSettings)
    sarif: SarifSettings = Field(default_factory=SarifSettings)
    fail_on: FailOn = "error"
    time_limit: float | None = Field(None, gt=0)
    scan_date: date | None = None
    baseline: str | None = None

    def public_dict(self) -> dict[str, Any]:
        """The config as written into reports: credentials redacted."""
        data = self.model_dump(mode="json", exclude={"crawl": {"credentials"}})
        data["crawl"]["credentials"] = self.crawl.credentials.redacted()
        return data
