"""The command line: check, rules, rule, init, baseline, diff."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from sitelint.baseline import BaselineError, apply_baseline, read_baseline, write_baseline
from sitelint.cli_scan import register as register_scan_commands
from sitelint.config import CheckConfig, Credentials
from sitelint.config_file import (
    STARTER,
    ConfigFileError,
    build_config,
    find_config,
    load_file,
    rule_table_problem,
)
from sitelint.credentials import CredentialError, credentials
from sitelint.engine import RunResult, run_check
from sitelint.models import Finding, Severity
from sitelint.registry import Registry, RegistryError, load_registry
from sitelint.render import BrowserNotFound, find_browser
from sitelint.report.formats import FILE_WRITERS, WRITERS, ReportOptions
from sitelint.report.json_report import BaselineSummary, Report, build_report, summarise
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
F = TypeVar("F", bound=Callable[..., Any])


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


class ConfigError(click.ClickException):
    exit_code = EXIT_USAGE


def _credentials(
    headers: tuple[str, ...], cookies: tuple[str, ...], auth: str | None
) -> Credentials:
    """Credentials from flags, then SITELINT_HEADERS / SITELINT_COOKIE / SITELINT_AUTH."""
    env_headers = os.environ.get("SITELINT_HEADERS", "").splitlines()
    try:
        return credentials(
            [*headers, *env_headers],
            [
                *((c, "--cookie") for c in cookies),
                (os.environ.get("SITELINT_COOKIE", ""), "SITELINT_COOKIE"),
            ],
            (auth, "--auth") if auth else (os.environ.get("SITELINT_AUTH"), "SITELINT_AUTH"),
            "--header" if headers else "SITELINT_HEADERS",
        )
    except CredentialError as error:
        raise ConfigError(str(error)) from None


def _parse_formats(formats: tuple[str, ...], output: str | None) -> list[tuple[str, str | None]]:
    parsed: list[tuple[str, str | None]] = []
    for item in formats or ("terminal",):
        name, sep, path = item.partition("=")
        name = name.strip().lower()
        if name not in WRITERS:
            raise ConfigError(f"--format {name!r}: choose from {', '.join(WRITERS)}")
        parsed.append((name, path if sep else None))
    unnamed = [i for i, (_, path) in enumerate(parsed) if path is None]
    if output:
        if len(unnamed) != 1:
            raise ConfigError("--output needs exactly one --format without '=PATH'")
        parsed[unnamed[0]] = (parsed[unnamed[0]][0], output)
    if sum(1 for _, path in parsed if path is None) > 1:
        raise ConfigError("only one --format can go to stdout; give the others =PATH")
    return parsed


def _default_screenshots(outputs: list[tuple[str, str | None]]) -> str | None:
    """Screenshots go beside the first report written to a file."""
    for _, path in outputs:
        if path:
            return str(Path(path).with_suffix("")) + "-screenshots"
    return None


def _failing(findings: list[Finding], fail_on: str) -> list[Finding]:
    if fail_on == "never":
        return []
    threshold = Severity(fail_on).rank
    return [f for f in findings if f.severity.rank >= threshold and not f.in_baseline]


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


def _registry(disabled_packs: list[str] | None = None) -> Registry:
    try:
        return load_registry(disabled_packs=disabled_packs or ())
    except RegistryError as error:
        raise ConfigError(str(error)) from None


def _check_rule_config(config: CheckConfig, registry: Registry, source: str) -> None:
    """Per-rule tables name existing rules and only the options those rules have."""
    problem = rule_table_problem(config, registry)
    if problem:
        raise ConfigError(f"{source}: {problem}")


# -- options shared by check and baseline ------------------------------------


def crawl_options(function: F) -> F:
    options = [
        click.argument("urls", nargs=-1),
        click.option(
            "--config",
            "config_path",
            default=None,
            help="Config file (default: sitelint.toml or [tool.sitelint] in pyproject.toml, "
            "found upward).",
        ),
        click.option(
            "--max-pages",
            type=int,
            default=500,
            show_default=True,
            help="Stop after this many URLs.",
        ),
        click.option(
            "--max-depth", type=int, default=None, help="Follow links at most this many hops."
        ),
        click.option(
            "--include",
            multiple=True,
            help="Only crawl URLs matching (glob on path or URL; 're:' for regex).",
        ),
        click.option(
            "--exclude", multiple=True, help="Never crawl URLs matching (glob or 're:regex')."
        ),
        click.option(
            "--ignore-robots", is_flag=True, help="Do not obey robots.txt (only for your own site)."
        ),
        click.option("--no-sitemaps", is_flag=True, help="Do not read sitemaps."),
        click.option("--concurrency", type=int, default=8, show_default=True),
        click.option("--per-host-concurrency", type=int, default=4, show_default=True),
        click.option(
            "--delay",
            type=float,
            default=0.0,
            show_default=True,
            help="Seconds between requests to a host.",
        ),
        click.option(
            "--timeout", type=float, default=20.0, show_default=True, help="Seconds per request."
        ),
        click.option(
            "--retries",
            type=int,
            default=2,
            show_default=True,
            help="Retries on 429, 503 and network errors.",
        ),
        click.option(
            "--header",
            "headers",
            multiple=True,
            help="'Name: value' sent to the start hosts only (env SITELINT_HEADERS, one per line).",
        ),
        click.option(
            "--cookie",
            "cookies",
            multiple=True,
            help="'name=value; ...' sent to the start hosts only (env SITELINT_COOKIE).",
        ),
        click.option(
            "--auth",
            default=None,
            help="Basic auth 'user:password' for the start hosts (env SITELINT_AUTH).",
        ),
        click.option("--insecure", is_flag=True, help="Accept invalid TLS certificates (staging)."),
        click.option(
            "--allow-private",
            is_flag=True,
            help="Follow redirects from a public site to private addresses.",
        ),
        click.option(
            "--select", multiple=True, help="Only these rules (id or prefix: SL1, SL401)."
        ),
        click.option(
            "--ignore", "ignore_rules", multiple=True, help="Skip these rules (id or prefix)."
        ),
        click.option(
            "--check-transport-on-local", is_flag=True, help="Run the https rules on localhost too."
        ),
        click.option(
            "--time-limit",
            type=float,
            default=None,
            help="Stop crawling after this many seconds and report.",
        ),
        click.option(
            "--scan-date",
            type=click.DateTime(["%Y-%m-%d"]),
            default=None,
            help="Date the date rules judge against.",
        ),
        click.option(
            "--render",
            type=click.Choice(["auto", "always", "never"]),
            default="auto",
            show_default=True,
            is_flag=False,
            flag_value="always",
            help="Render pages in headless Chromium: auto renders pages that look like app "
            "shells; --render alone means always.",
        ),
        click.option(
            "--browser", default=None, help="Chromium/Chrome executable (env SITELINT_BROWSER)."
        ),
        click.option("--render-concurrency", type=int, default=4, show_default=True),
        click.option(
            "--screenshots",
            "screenshots_dir",
            default=None,
            help="Folder for screenshots of render findings (default: beside the first "
            "report file).",
        ),
        click.option(
            "--tracker-host", "tracker_hosts", multiple=True, help="Extra tracker host for SL408."
        ),
        click.option("-q", "--quiet", is_flag=True, help="Only the summary line on the terminal."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _given(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) not in (ParameterSource.DEFAULT, None)


def _flag_values(
    ctx: click.Context, params: dict[str, Any], outputs: list[tuple[str, str | None]]
) -> dict[str, Any]:
    """Only the flags given on the command line, shaped like the config file."""
    crawl_flags = {
        "max_pages": "max_pages",
        "max_depth": "max_depth",
        "include": "include",
        "exclude": "exclude",
        "ignore_robots": "ignore_robots",
        "concurrency": "concurrency",
        "per_host_concurrency": "per_host_concurrency",
        "delay": "delay",
        "timeout": "timeout",
        "retries": "retries",
        "allow_private": "allow_private",
    }
    crawl: dict[str, Any] = {
        key: _listify(params[flag]) for flag, key in crawl_flags.items() if _given(ctx, flag)
    }
    if params["urls"]:
        crawl["start_urls"] = list(params["urls"])
    if _given(ctx, "no_sitemaps"):
        crawl["use_sitemaps"] = not params["no_sitemaps"]
    if _given(ctx, "insecure"):
        crawl["verify_tls"] = not params["insecure"]
    crawl["credentials"] = _credentials(params["headers"], params["cookies"], params["auth"])
    rules: dict[str, Any] = {}
    if _given(ctx, "select"):
        rules["select"] = list(params["select"])
    if _given(ctx, "ignore_rules"):
        rules["ignore"] = list(params["ignore_rules"])
    if _given(ctx, "check_transport_on_local"):
        rules["check_transport_on_local"] = params["check_transport_on_local"]
    render: dict[str, Any] = {}
    for flag, key in (
        ("render", "mode"),
        ("browser", "browser"),
        ("render_concurrency", "concurrency"),
    ):
        if _given(ctx, flag):
            render[key] = params[flag]
    if params["tracker_hosts"]:
        render["tracker_hosts"] = list(params["tracker_hosts"])
        rules.setdefault("options", {})["SL408"] = {"tracker_hosts": list(params["tracker_hosts"])}
    screenshots = params["screenshots_dir"] or _default_screenshots(outputs)
    if screenshots:
        render["screenshots_dir"] = screenshots
    flags: dict[str, Any] = {"crawl": crawl, "rules": rules, "render": render}
    if params.get("fail_on") is not None and _given(ctx, "fail_on"):
        flags["fail_on"] = params["fail_on"]
    if _given(ctx, "time_limit"):
        flags["time_limit"] = params["time_limit"]
    if params["scan_date"] is not None:
        flags["scan_date"] = params["scan_date"].date()
    if params.get("baseline_path"):
        flags["baseline"] = params["baseline_path"]
    return flags


def _listify(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _load_config(
    ctx: click.Context, params: dict[str, Any], outputs: list[tuple[str, str | None]]
) -> tuple[CheckConfig, Registry, str]:
    config_path = Path(params["config_path"]) if params["config_path"] else find_config()
    try:
        file_data = load_file(config_path) if config_path else {}
        config = build_config(file_data, config_path, _flag_values(ctx, params, outputs))
    except ConfigFileError as error:
        raise ConfigError(str(error)) from None
    source = str(config_path) if config_path else "command line"
    registry = _registry(config.rules.disabled_packs)
    _check_rule_config(config, registry, source)
    if config.render.mode == "always":
        try:
            find_browser(config.render.browser)
        except BrowserNotFound as error:
            raise ConfigError(f"--render always: {error}") from None
    return config, registry, source


def _crawl(config: CheckConfig, registry: Registry, quiet: bool) -> RunResult:
    show_progress = sys.stderr.isatty() and not quiet
    try:
        with _progress(show_progress) as on_progress:
            return asyncio.run(
                run_check(config, registry=registry, on_progress=on_progress, handle_signals=True)
            )
    except KeyboardInterrupt:
        _stderr().print("interrupted before any page was crawled; no report written")
        sys.exit(EXIT_CRAWL)
    except BrowserNotFound as error:
        raise ConfigError(str(error)) from None
    except Exception as error:  # exit 3 with the reason, not a traceback
        _stderr().print(f"[bold red]internal error:[/] {type(error).__name__}: {error}")
        sys.exit(EXIT_CRAWL)


def _write(
    outputs: list[tuple[str, str | None]],
    report: Report,
    options: ReportOptions,
    quiet: bool,
    color: bool | None,
) -> None:
    for name, path in outputs:
        if name == "terminal" and path is None:
            if quiet:
                click.echo(summary_line(report))
            else:
                render_terminal(report, color=color)
            continue
        if path and name in FILE_WRITERS:
            with Path(path).open("wb") as out:
                for chunk in FILE_WRITERS[name](report, options):
                    out.write(chunk)
            _stderr().print(f"{name} report written to {path}")
            continue
        text = WRITERS[name](report, options)
        if path:
            Path(path).write_text(text, encoding="utf-8")
            _stderr().print(f"{name} report written to {path}")
        else:
            sys.stdout.write(text)
    if not any(name == "terminal" and path is None for name, path in outputs):
        # stdout holds a machine format or nothing: the summary still reaches the person.
        _stderr().print(summary_line(report), highlight=False, markup=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitelint")
def main() -> None:
    """Lint a company's public website for customer-trust signals and anti-patterns."""


@main.command(epilog=EXIT_CODES_HELP)
@crawl_options
@click.option(
    "--format",
    "formats",
    multiple=True,
    help=f"{' | '.join(WRITERS)}, optionally =PATH; repeatable.",
)
@click.option("-o", "--output", default=None, help="Write the (single) report format to this file.")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default=None,
    help="Exit 1 on findings at or above this severity [default: error].",
)
@click.option(
    "--baseline",
    "baseline_path",
    default=None,
    help="Fail only on findings not recorded in this baseline file.",
)
@click.option("--update-baseline", is_flag=True, help="Rewrite the baseline file from this run.")
@click.option("--no-color", is_flag=True, help="No colours (NO_COLOR is honoured too).")
@click.pass_context
def check(ctx: click.Context, /, **params: Any) -> None:
    """Crawl the site at URL and lint every page and the site as a whole."""
    outputs = _parse_formats(params["formats"], params["output"])
    config, registry, _ = _load_config(ctx, params, outputs)
    baseline = None
    if config.baseline and not params["update_baseline"]:
        try:
            baseline = read_baseline(Path(config.baseline))
        except BaselineError as error:
            raise ConfigError(str(error)) from None
    result = _crawl(config, registry, params["quiet"])
    report = build_report(result)
    start_error = result.start_error
    # The report holds what is written; the site index behind it is let go
    # before the writers make their copies of a large site's report.
    del result
    if baseline is not None:
        marked, stale = apply_baseline(report.findings, baseline)
        report = report.model_copy(
            update={
                "findings": marked,
                "baseline": BaselineSummary(
                    file=str(config.baseline),
                    new=sum(1 for f in marked if not f.in_baseline),
                    known=sum(1 for f in marked if f.in_baseline),
                    stale=[entry.model_dump() for entry in stale],
                ),
            }
        )
    if params["update_baseline"]:
        if not config.baseline:
            raise ConfigError(
                "--update-baseline needs --baseline FILE (or baseline = in the config)"
            )
        written = write_baseline(Path(config.baseline), report.findings)
        _stderr().print(
            f"baseline {config.baseline} rewritten with {len(written.findings)} findings"
        )
    options = ReportOptions(
        fail_on=config.fail_on,
        sarif_path_map=config.sarif.path_map,
        baseline_fingerprints=baseline.fingerprints if baseline else None,
    )
    _write(outputs, report, options, params["quiet"], False if params["no_color"] else None)
    if start_error:
        _stderr().print(f"[bold red]could not start the crawl:[/] {start_error}")
        sys.exit(EXIT_CRAWL)
    sys.exit(EXIT_FINDINGS if _failing(report.findings, config.fail_on) else EXIT_OK)


@main.command("baseline", epilog=EXIT_CODES_HELP)
@crawl_options
@click.option(
    "-o",
    "--output",
    "baseline_out",
    default=".sitelint-baseline.json",
    show_default=True,
    help="The baseline file to write.",
)
@click.pass_context
def make_baseline(ctx: click.Context, /, **params: Any) -> None:
    """Record the site's current findings, so `check --baseline` fails only on new ones."""
    config, registry, _ = _load_config(ctx, params, [])
    result = _crawl(config, registry, params["quiet"])
    if result.start_error:
        _stderr().print(f"[bold red]could not start the crawl:[/] {result.start_error}")
        sys.exit(EXIT_CRAWL)
    written = write_baseline(Path(params["baseline_out"]), result.findings)
    click.echo(f"{len(written.findings)} findings recorded in {params['baseline_out']}")


@main.command("diff", epilog=EXIT_CODES_HELP)
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    default="error",
    show_default=True,
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def diff_reports(old: str, new: str, fail_on: str, output_format: str) -> None:
    """New, fixed and unchanged findings between two JSON reports."""
    reports = []
    for path in (old, new):
        try:
            reports.append(Report.model_validate(json.loads(Path(path).read_text("utf-8"))))
        except (ValueError, ValidationError) as error:
            raise ConfigError(
                f"{path}: not a sitelint JSON report: {str(error).splitlines()[0]}"
            ) from None
    before = {f.fingerprint: f for f in reports[0].findings}
    after = {f.fingerprint: f for f in reports[1].findings}
    added = [f for key, f in after.items() if key not in before]
    fixed = [f for key, f in before.items() if key not in after]
    unchanged = [f for key, f in after.items() if key in before]
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "new": [f.model_dump(mode="json") for f in added],
                    "fixed": [f.model_dump(mode="json") for f in fixed],
                    "unchanged": len(unchanged),
                },
                indent=2,
            )
        )
    else:
        for label, findings in (("new", added), ("fixed", fixed)):
            for finding in findings:
                click.echo(
                    f"{label:<6} {finding.rule} {finding.severity.value:<7} "
                    f"{finding.url}  {finding.message}"
                )
        click.echo(f"{len(added)} new, {len(fixed)} fixed, {len(unchanged)} unchanged")
    sys.exit(EXIT_FINDINGS if _failing(added, fail_on) else EXIT_OK)


@main.command("init")
@click.option("--path", default="sitelint.toml", show_default=True)
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def init_config(path: str, force: bool) -> None:
    """Write a commented starter sitelint.toml."""
    target = Path(path)
    if target.exists() and not force:
        raise ConfigError(f"{target} exists; use --force to overwrite it")
    target.write_text(STARTER, "utf-8")
    click.echo(f"wrote {target}")


@main.command("rules")
def list_rules() -> None:
    """List the registered rules."""
    registry = _registry()
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
    rule = _registry().get(rule_id)
    if rule is None:
        raise ConfigError(f"no rule {rule_id!r}; `sitelint rules` lists them")
    click.echo(
        f"{rule.id} {rule.name} ({rule.category.value}, {rule.severity.value}, "
        f"{rule.scope.value} scope{', needs --render' if rule.needs_render else ''})\n"
    )
    click.echo(rule.doc.strip())


register_scan_commands(main)

__all__ = ["main", "summarise"]
