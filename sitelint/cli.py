"""The command line: ``sitelint check URL...``, ``sitelint rules``, ``sitelint rule ID``."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from pydantic import SecretStr, ValidationError
from rich.console import Console
from rich.table import Table

from sitelint.config import CheckConfig, CrawlSettings, Credentials, RuleSettings
from sitelint.engine import run_check
from sitelint.models import Severity
from sitelint.registry import RegistryError, load_registry
from sitelint.report.json_report import Report, build_report, to_json
from sitelint.report.terminal import render_terminal, summary_line
from sitelint.version import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_CRAWL = 0, 1, 2, 3
EXIT_CODES_HELP = """\b
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or configuration error
  3  the crawl could not start (start URL unreachable) or an internal error
"""
FORMATS = ("terminal", "json")


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


class ConfigError(click.ClickException):
    exit_code = EXIT_USAGE


def _parse_header(value: str) -> tuple[str, str]:
    name, sep, content = value.partition(":")
    if not sep or not name.strip():
        raise ConfigError(f"--header {value.split(':')[0]!r}: expected 'Name: value'")
    return name.strip(), content.strip()


def _parse_cookie_string(value: str) -> dict[str, str]:
    cookies = {}
    for part in value.split(";"):
        name, sep, content = part.strip().partition("=")
        if not part.strip():
            continue
        if not sep or not name:
            raise ConfigError("--cookie: expected 'name=value' (value not shown)")
        cookies[name.strip()] = content.strip()
    return cookies


def _credentials(
    headers: tuple[str, ...], cookies: tuple[str, ...], auth: str | None
) -> Credentials:
    """Credentials from flags, then SITELINT_HEADERS / SITELINT_COOKIE / SITELINT_AUTH."""
    header_values = list(headers) + [
        line for line in os.environ.get("SITELINT_HEADERS", "").splitlines() if line.strip()
    ]
    parsed_headers = dict(_parse_header(h) for h in header_values)
    parsed_cookies: dict[str, str] = {}
    for cookie in [*cookies, os.environ.get("SITELINT_COOKIE", "")]:
        parsed_cookies.update(_parse_cookie_string(cookie))
    auth = auth or os.environ.get("SITELINT_AUTH") or None
    basic = None
    if auth:
        user, sep, password = auth.partition(":")
        if not sep:
            raise ConfigError("--auth: expected 'user:password' (value not shown)")
        basic = (user, SecretStr(password))
    return Credentials(
        headers={k: SecretStr(v) for k, v in parsed_headers.items()},
        cookies={k: SecretStr(v) for k, v in parsed_cookies.items()},
        basic_auth=basic,
    )


def _parse_formats(formats: tuple[str, ...], output: str | None) -> list[tuple[str, str | None]]:
    parsed: list[tuple[str, str | None]] = []
    for item in formats or ("terminal",):
        name, sep, path = item.partition("=")
        name = name.strip().lower()
        if name not in FORMATS:
            raise ConfigError(f"--format {name!r}: choose from {', '.join(FORMATS)}")
        parsed.append((name, path if sep else None))
    unnamed = [i for i, (_, path) in enumerate(parsed) if path is None]
    if output:
        if len(unnamed) != 1:
            raise ConfigError("--output needs exactly one --format without '=PATH'")
        parsed[unnamed[0]] = (parsed[unnamed[0]][0], output)
    return parsed


_SECTIONS = {
    "CrawlSettings": "crawl.",
    "RuleSettings": "rules.",
    "Credentials": "crawl.credentials.",
}


def _validation_message(error: ValidationError) -> str:
    """Name each bad setting by its config key and its flag, and say what is allowed."""
    lines = []
    for problem in error.errors():
        parts = [str(part) for part in problem["loc"] if not isinstance(part, int)]
        key = _SECTIONS.get(error.title, "") + ".".join(parts)
        flag = f" (--{parts[-1].replace('_', '-')})" if parts else ""
        lines.append(f"{key}{flag}: {problem['msg']}")
    return "invalid settings: " + "; ".join(lines)


def _exit_code(report: Report, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(f.severity.rank >= threshold for f in report.findings) else EXIT_OK


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=_stderr(), transient=True
    ) as progress:
        task = progress.add_task("crawling", total=None)

        def update(fetched: int, queued: int) -> None:
            progress.update(task, description=f"crawled {fetched} URLs, {queued} queued")

        yield update


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitelint")
def main() -> None:
    """Lint a company's public website for customer-trust signals and anti-patterns."""


@main.command(epilog=EXIT_CODES_HELP)
@click.argument("urls", nargs=-1, required=True)
@click.option(
    "--max-pages", type=int, default=500, show_default=True, help="Stop after this many URLs."
)
@click.option("--max-depth", type=int, default=None, help="Follow links at most this many hops.")
@click.option(
    "--include",
    multiple=True,
    help="Only crawl URLs matching (glob on path or URL; 're:' for regex).",
)
@click.option("--exclude", multiple=True, help="Never crawl URLs matching (glob or 're:regex').")
@click.option(
    "--ignore-robots", is_flag=True, help="Do not obey robots.txt (only for your own site)."
)
@click.option("--no-sitemaps", is_flag=True, help="Do not read sitemaps.")
@click.option("--concurrency", type=int, default=8, show_default=True)
@click.option("--per-host-concurrency", type=int, default=4, show_default=True)
@click.option(
    "--delay",
    type=float,
    default=0.0,
    show_default=True,
    help="Seconds between requests to a host.",
)
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds per request.")
@click.option(
    "--retries",
    type=int,
    default=2,
    show_default=True,
    help="Retries on 429, 503 and network errors.",
)
@click.option(
    "--header",
    "headers",
    multiple=True,
    help="'Name: value' sent to the start hosts only (env SITELINT_HEADERS, one per line).",
)
@click.option(
    "--cookie",
    "cookies",
    multiple=True,
    help="'name=value; ...' sent to the start hosts only (env SITELINT_COOKIE).",
)
@click.option(
    "--auth",
    default=None,
    help="Basic auth 'user:password' for the start hosts (env SITELINT_AUTH).",
)
@click.option("--insecure", is_flag=True, help="Accept invalid TLS certificates (staging).")
@click.option("--select", multiple=True, help="Only these rules (id or prefix: SL1, SL401).")
@click.option("--ignore", "ignore_rules", multiple=True, help="Skip these rules (id or prefix).")
@click.option(
    "--check-transport-on-local", is_flag=True, help="Run the https rules on localhost too."
)
@click.option(
    "--format", "formats", multiple=True, help="terminal or json, optionally =PATH; repeatable."
)
@click.option("-o", "--output", default=None, help="Write the (single) report format to this file.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
)
@click.option(
    "--time-limit",
    type=float,
    default=None,
    help="Stop crawling after this many seconds and report.",
)
@click.option(
    "--scan-date",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Date the date rules judge against.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only the summary line on the terminal.")
@click.option("--no-color", is_flag=True, help="No colours (NO_COLOR is honoured too).")
def check(
    urls: tuple[str, ...],
    max_pages: int,
    max_depth: int | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    ignore_robots: bool,
    no_sitemaps: bool,
    concurrency: int,
    per_host_concurrency: int,
    delay: float,
    timeout: float,
    retries: int,
    headers: tuple[str, ...],
    cookies: tuple[str, ...],
    auth: str | None,
    insecure: bool,
    select: tuple[str, ...],
    ignore_rules: tuple[str, ...],
    check_transport_on_local: bool,
    formats: tuple[str, ...],
    output: str | None,
    fail_on: str,
    time_limit: float | None,
    scan_date: Any,
    quiet: bool,
    no_color: bool,
) -> None:
    """Crawl the site at URL and lint every page and the site as a whole."""
    outputs = _parse_formats(formats, output)
    try:
        config = CheckConfig(
            crawl=CrawlSettings(
                start_urls=list(urls),
                max_pages=max_pages,
                max_depth=max_depth,
                include=list(include),
                exclude=list(exclude),
                ignore_robots=ignore_robots,
                use_sitemaps=not no_sitemaps,
                concurrency=concurrency,
                per_host_concurrency=per_host_concurrency,
                delay=delay,
                timeout=timeout,
                retries=retries,
                verify_tls=not insecure,
                credentials=_credentials(headers, cookies, auth),
            ),
            rules=RuleSettings(
                select=list(select),
                ignore=list(ignore_rules),
                check_transport_on_local=check_transport_on_local,
            ),
            fail_on=fail_on,
            time_limit=time_limit,
            scan_date=scan_date.date() if scan_date else None,
        )
        registry = load_registry(disabled_packs=config.rules.disabled_packs)
    except ValidationError as error:
        raise ConfigError(_validation_message(error)) from None
    except RegistryError as error:
        raise ConfigError(str(error)) from None

    show_progress = sys.stderr.isatty() and not quiet
    try:
        with _progress(show_progress) as on_progress:
            result = asyncio.run(
                run_check(config, registry=registry, on_progress=on_progress, handle_signals=True)
            )
    except KeyboardInterrupt:
        _stderr().print("interrupted before any page was crawled; no report written")
        sys.exit(EXIT_CRAWL)
    except Exception as error:
        _stderr().print(f"[bold red]internal error:[/] {type(error).__name__}: {error}")
        sys.exit(EXIT_CRAWL)

    report = build_report(result)
    color = False if no_color else None
    for name, path in outputs:
        if name == "json":
            text = to_json(report)
            if path:
                Path(path).write_text(text, encoding="utf-8")
                _stderr().print(f"JSON report written to {path}")
            else:
                sys.stdout.write(text)
        elif path:
            with open(path, "w", encoding="utf-8") as stream:
                render_terminal(report, stream, color=False)
        elif quiet:
            click.echo(summary_line(report))
        else:
            render_terminal(report, color=color)
    if not any(name == "terminal" and path is None for name, path in outputs):
        # stdout holds a machine format or nothing: the summary still reaches the person.
        _stderr().print(summary_line(report), highlight=False, markup=False)
    if result.start_error:
        _stderr().print(f"[bold red]could not start the crawl:[/] {result.start_error}")
        sys.exit(EXIT_CRAWL)
    sys.exit(_exit_code(report, config.fail_on))


@main.command("rules")
def list_rules() -> None:
    """List the registered rules."""
    try:
        registry = load_registry()
    except RegistryError as error:
        raise ConfigError(str(error)) from None
    table = Table(box=None, pad_edge=False)
    for column in ("id", "name", "category", "severity", "scope", "render"):
        table.add_column(column)
    for rule in registry.rules:
        table.add_row(
            rule.id,
            rule.name,
            rule.category.value,
            rule.severity.value,
            rule.scope.value,
            "yes" if rule.needs_render else "no",
        )
    Console(highlight=False, soft_wrap=True).print(table)


@main.command("rule")
@click.argument("rule_id")
def show_rule(rule_id: str) -> None:
    """Print a rule's documentation (by id or name)."""
    try:
        registry = load_registry()
    except RegistryError as error:
        raise ConfigError(str(error)) from None
    rule = registry.get(rule_id)
    if rule is None:
        raise ConfigError(f"no rule {rule_id!r}; `sitelint rules` lists them")
    click.echo(
        f"{rule.id} {rule.name} ({rule.category.value}, {rule.severity.value}, "
        f"{rule.scope.value} scope"
        f"{', needs --render' if rule.needs_render else ''})\n"
    )
    click.echo(rule.doc.strip())
