"""The history commands: scan, history, report, prune.

``register(main)`` adds them to the ``sitelint`` group. They share ``--db``
(a file path or a URL; else SITELINT_DB, else ``[scan].db`` of the config,
else ``.sitelint/history.db``) and ``--config``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from rich.console import Console
from rich.markup import escape

from sitelint.config_file import ConfigFileError, find_config
from sitelint.models import Finding, Severity
from sitelint.report.formats import WRITERS, ReportOptions

# SQLAlchemy, Alembic and the store load inside the commands that use them:
# registered on the `sitelint` group, this module is imported by every run
# of `sitelint check` too, which should not pay a third of a second for them.
if TYPE_CHECKING:
    from sitelint.config import CheckConfig
    from sitelint.registry import Registry
    from sitelint.scan import ScanPlan, SiteOutcome, SitePlan
    from sitelint.store.db import Store
    from sitelint.store.models import Run, Site

DB_ENV = "SITELINT_DB"  # sitelint.store.db.DB_ENV

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_CRAWL = 0, 1, 2, 3
SCAN_EXIT_CODES = """\b
Exit codes:
  0  no site has new findings at or above --fail-on
  1  a site has new findings at or above --fail-on since its previous complete run
  2  usage or configuration error
  3  a site could not be crawled, the scan was interrupted, or the database is unreachable
"""
FAIL_ON = click.Choice(["error", "warning", "info", "never"])
F = TypeVar("F", bound=Callable[..., Any])


class ConfigError(click.ClickException):
    exit_code = EXIT_USAGE


class Unavailable(click.ClickException):
    exit_code = EXIT_CRAWL


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def store_options(function: F) -> F:
    function = click.option(
        "--config",
        "config_path",
        default=None,
        help="Config file with [[sites]] and [scan] (default: sitelint.toml, found upward).",
    )(function)
    return click.option(
        "--db",
        default=None,
        help=f"History database: a file path or postgresql://... URL (env {DB_ENV}; "
        "default: [scan].db of the config, else .sitelint/history.db).",
    )(function)


def _open(db: str | None, config_path: str | None, plan: ScanPlan | None = None) -> Store:
    from sitelint.scan import db_from_file
    from sitelint.store.db import DatabaseUrlError, StoreError, open_store

    value = db
    if value is None and plan is not None:
        value = plan.db_value(None)
    elif value is None and not os.environ.get(DB_ENV):
        path = Path(config_path) if config_path else find_config()
        if path is not None:
            try:
                value = db_from_file(path)
            except ConfigFileError as error:
                raise ConfigError(str(error)) from None
    try:
        return open_store(value)
    except DatabaseUrlError as error:
        raise ConfigError(str(error)) from None
    except StoreError as error:
        raise Unavailable(str(error)) from None


def _site(store: Store, name: str) -> Site:
    from sitelint.store import queries

    with store.reading() as session:
        site = queries.find_site(session, name)
        if site is None:
            known = [overview.site.name for overview in queries.sites_overview(session)]
            listing = f"; stored sites: {', '.join(known)}" if known else "; nothing stored yet"
            raise ConfigError(f"no history for site {name!r}{listing}")
        return site


def _run(store: Store, site: Site, number: int | None) -> Run:
    from sitelint.store import queries

    with store.reading() as session:
        run = queries.get_run(session, site, number)
    if run is None:
        raise ConfigError(
            f"site {site.name!r} has no run {number}" if number else f"{site.name!r} has no runs"
        )
    return run


def _when(run: Run) -> str:
    return run.started_at.strftime("%Y-%m-%d %H:%M")


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


# -- scan -----------------------------------------------------------------------


def _registries(plan: ScanPlan) -> Callable[[CheckConfig], Registry]:
    from sitelint.registry import RegistryError, load_registry
    from sitelint.render import BrowserNotFound, find_browser
    from sitelint.scan import check_rule_tables

    loaded: dict[tuple[str, ...], Registry] = {}

    def registry_for(config: CheckConfig) -> Registry:
        key = tuple(sorted(config.rules.disabled_packs))
        if key not in loaded:
            loaded[key] = load_registry(disabled_packs=key)
        return loaded[key]

    for site in plan.sites:
        try:
            registry = registry_for(site.config)
        except RegistryError as error:
            raise ConfigError(str(error)) from None
        problem = check_rule_tables(site.config, registry)
        if problem:
            raise ConfigError(f"{plan.source}: site {site.name}: {problem}")
        if site.config.render.mode == "always":
            try:
                find_browser(site.config.render.browser)
            except BrowserNotFound as error:
                raise ConfigError(f"site {site.name}: render mode always: {error}") from None
    return registry_for


def _site_line(outcome: SiteOutcome) -> str:
    head = f"{outcome.name}  run {outcome.run if outcome.run is not None else '-'}"
    if outcome.error:
        return f"{head}  FAILED: {outcome.error}"
    state = outcome.status
    if not outcome.complete:
        state += f" ({outcome.stopped_reason})"
    counts = ", ".join(f"{outcome.by_severity.get(s.value, 0)} {s.value}" for s in Severity)
    line = f"{head}  {state}  score {_score(outcome.score)}"
    pages = f"{outcome.pages} page{'' if outcome.pages == 1 else 's'} ({counts})"
    if outcome.previous_run is None:
        baseline = "the baseline" if outcome.complete else "no complete run to compare with yet"
        return f"{line}  {pages}; {baseline}"
    if outcome.previous_score is not None and outcome.previous_score != outcome.score:
        line += f" (was {outcome.previous_score})"
    line += f"  {pages}"
    line += f"; {len(outcome.new)} new, {len(outcome.fixed)} fixed since run {outcome.previous_run}"
    if outcome.regressions:
        line += f"; {len(outcome.regressions)} at or above {outcome.fail_on}"
    return line


def _finding_line(label: str, finding: Finding) -> str:
    severity = finding.severity.value
    return f"  {label:<6} {finding.rule} {severity:<7} {finding.url}  {finding.message}"


@click.command("scan", epilog=SCAN_EXIT_CODES)
@click.argument("site_names", nargs=-1, metavar="[SITE]...")
@store_options
@click.option(
    "--fail-on",
    type=FAIL_ON,
    default=None,
    help="Exit 1 on new findings at or above this severity since a site's previous complete "
    "run [default: the config's fail_on, else error].",
)
@click.option(
    "--webhook",
    default=None,
    help="POST the JSON summary to this URL (default: the variable [scan].webhook_env names, "
    "else SITELINT_WEBHOOK).",
)
@click.option(
    "--notify",
    type=click.Choice(["regressions", "always", "never"]),
    default=None,
    help="When to POST: on regressions or failed sites (default), always, never.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="stdout: a line per site, or the JSON summary the webhook receives.",
)
@click.option("-q", "--quiet", is_flag=True, help="Only the line per site, not the new findings.")
def scan_command(
    site_names: tuple[str, ...],
    db: str | None,
    config_path: str | None,
    fail_on: str | None,
    webhook: str | None,
    notify: str | None,
    output_format: str,
    quiet: bool,
) -> None:
    """Check every site of the config ([[sites]]) and store each run in the history.

    Give SITE names to scan only those (disabled sites too). A run is stored
    page by page as the crawl goes: Ctrl-C or a crash keeps what was stored and
    marks the run incomplete.
    """
    from sqlalchemy.exc import SQLAlchemyError

    from sitelint.scan import (
        Notify,
        WebhookError,
        load_scan_config,
        post_webhook,
        scan,
        should_notify,
        summary_payload,
    )

    path = Path(config_path) if config_path else find_config()
    if path is None:
        raise ConfigError(
            "no sitelint.toml found (here or above); `sitelint scan` reads its [[sites]] "
            "from it, or from --config FILE"
        )
    try:
        plan = load_scan_config(path, site_names)
    except ConfigFileError as error:
        raise ConfigError(str(error)) from None
    if not plan.sites:
        raise ConfigError(f"{path}: every site is disabled (enabled = false); name one to scan it")
    registry_for = _registries(plan)
    store = _open(db, config_path, plan)
    err = _stderr()

    def started(site: SitePlan) -> None:
        err.print(f"scanning {site.name} ({site.url})", markup=False)

    def done(outcome: SiteOutcome) -> None:
        if output_format != "text":
            return
        click.echo(_site_line(outcome))
        if not quiet:
            for finding in outcome.regressions[:50]:
                click.echo(_finding_line("new", finding))
            if len(outcome.regressions) > 50:
                click.echo(f"  ... and {len(outcome.regressions) - 50} more")

    with store:
        try:
            outcome = scan(
                store,
                plan,
                registry_for=registry_for,
                fail_on=fail_on,
                handle_signals=True,
                on_site_start=started,
                on_site_done=done,
            )
        except SQLAlchemyError as error:
            # Each run is marked as far as the database allowed; say why it stopped.
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise Unavailable(f"the history database failed: {reason}") from None
    payload = summary_payload(outcome)
    if output_format == "json":
        click.echo(json.dumps(payload, indent=2))
    webhook_url = plan.webhook_url(webhook)
    if webhook_url is None and plan.settings.webhook_env:
        err.print(
            f"{plan.source}: [scan].webhook_env names {plan.settings.webhook_env}, which is "
            "not set: no notification sent",
            markup=False,
        )
    if webhook_url and should_notify(outcome, cast(Notify, notify or plan.settings.notify)):
        try:
            post_webhook(webhook_url, payload)
            err.print("summary posted to the webhook")
        except WebhookError as error:
            err.print(f"[bold red]webhook failed:[/] {escape(str(error))}")
    regressions = outcome.regressions
    err.print(
        f"{len(outcome.sites)} site{'s' if len(outcome.sites) != 1 else ''} scanned; "
        f"{regressions} new finding{'s' if regressions != 1 else ''} at or above the threshold; "
        f"{len(outcome.failed)} failed{'; INTERRUPTED' if outcome.interrupted else ''}; "
        f"history in {store.url}",
        markup=False,
    )
    if outcome.interrupted or outcome.failed:
        sys.exit(EXIT_CRAWL)
    sys.exit(EXIT_FINDINGS if regressions else EXIT_OK)


# -- history ----------------------------------------------------------------------


def _run_json(run: Run) -> dict[str, Any]:
    return {
        "run": run.number,
        "started": run.started_at.isoformat(),
        "finished": run.finished_at.isoformat() if run.finished_at else None,
        "status": run.status,
        "complete": run.complete,
        "stopped_reason": run.stopped_reason,
        "pages": run.page_count,
        "findings": run.finding_count,
        "by_severity": {
            "error": run.error_count,
            "warning": run.warning_count,
            "info": run.info_count,
        },
        "score": run.score,
        "tool_version": run.tool_version,
        "config_hash": run.config_hash,
        "schedule": run.schedule,
        "crawl_seconds": run.crawl_seconds,
    }


def _brief(finding: Finding) -> dict[str, Any]:
    return finding.model_dump(mode="json", exclude={"in_baseline", "screenshot"})


def _print_sites(store: Store, output_format: str) -> None:
    from sitelint.store import queries

    with store.reading() as session:
        overview = queries.sites_overview(session)
    if output_format == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "site": item.site.name,
                        "url": item.site.url,
                        "runs": item.runs,
                        "latest": _run_json(item.latest) if item.latest else None,
                    }
                    for item in overview
                ],
                indent=2,
            )
        )
        return
    if not overview:
        click.echo("no runs stored yet: `sitelint scan` stores them")
        return
    width = max(4, *(len(item.site.name) for item in overview))
    click.echo(f"{'site':<{width}}  runs  last run  started           status      score  url")
    for item in overview:
        run = item.latest
        if run is None:
            click.echo(f"{item.site.name:<{width}}  {item.runs:>4}  -")
            continue
        click.echo(
            f"{item.site.name:<{width}}  {item.runs:>4}  {run.number:>8}  {_when(run)}  "
            f"{run.status:<10}  {_score(run.score):>5}  {item.site.url}"
        )


def _print_runs(store: Store, site: Site, limit: int, output_format: str) -> None:
    from sitelint.store import queries

    with store.reading() as session:
        runs = queries.list_runs(session, site, limit)
    if output_format == "json":
        click.echo(json.dumps({"site": site.name, "runs": [_run_json(r) for r in runs]}, indent=2))
        return
    click.echo(f"{site.name} ({site.url})")
    click.echo(" run  started           status      pages  errors  warnings  infos  score  config")
    for run in reversed(runs):  # oldest first: reads as a trend
        click.echo(
            f"{run.number:>4}  {_when(run)}  {run.status:<10}  {run.page_count:>5}  "
            f"{run.error_count:>6}  {run.warning_count:>8}  {run.info_count:>5}  "
            f"{_score(run.score):>5}  {run.config_hash[:8]}"
        )


def _print_run(store: Store, site: Site, run: Run, output_format: str) -> None:
    from sitelint.store import queries

    with store.reading() as session:
        findings = queries.load_findings(session, run)
    by_rule: dict[str, int] = {}
    for finding in findings:
        by_rule[finding.rule] = by_rule.get(finding.rule, 0) + 1
    if output_format == "json":
        click.echo(json.dumps({"site": site.name, **_run_json(run), "by_rule": by_rule}, indent=2))
        return
    state = run.status + ("" if run.complete else f" ({run.stopped_reason or 'killed'})")
    click.echo(f"{site.name} run {run.number}: {state}, started {_when(run)} UTC")
    click.echo(
        f"{run.page_count} pages, {run.finding_count} findings ({run.error_count} errors, "
        f"{run.warning_count} warnings, {run.info_count} infos), trust score {_score(run.score)}"
    )
    click.echo(f"sitelint {run.tool_version}, config {run.config_hash}")
    for rule, count in sorted(by_rule.items()):
        click.echo(f"  {rule}  {count}")


def _print_diff(
    store: Store, site: Site, run: Run, output_format: str, fail_on: str
) -> list[Finding]:
    from sitelint.store import queries

    with store.reading() as session:
        diff = queries.diff_runs(session, run)
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "site": site.name,
                    "run": run.number,
                    "complete": run.complete,
                    "against": diff.old.number if diff.old else None,
                    "new": [_brief(f) for f in diff.added],
                    "fixed": [_brief(f) for f in diff.fixed],
                    "unchanged": diff.unchanged,
                },
                indent=2,
            )
        )
    elif diff.old is None:
        click.echo(f"{site.name} run {run.number}: no earlier complete run to compare with")
    else:
        for label, found in (("new", diff.added), ("fixed", diff.fixed)):
            for finding in found:
                click.echo(_finding_line(label, finding).strip())
        click.echo(
            f"{len(diff.added)} new, {len(diff.fixed)} fixed, {diff.unchanged} unchanged: "
            f"run {run.number} against run {diff.old.number}"
        )
        if not run.complete:
            _stderr().print(
                f"run {run.number} is incomplete: 'fixed' may list findings on pages it did "
                "not reach",
                markup=False,
            )
    if fail_on == "never":
        return []
    return [f for f in diff.added if f.severity.rank >= Severity(fail_on).rank]


@click.command("history")
@click.argument("site_name", required=False, metavar="[SITE]")
@click.option("--run", "run_number", type=int, default=None, help="One run (default: the latest).")
@click.option(
    "--diff",
    is_flag=True,
    help="New and fixed findings of the run against the previous complete run.",
)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--fail-on",
    type=FAIL_ON,
    default="never",
    show_default=True,
    help="With --diff: exit 1 on new findings at or above this severity.",
)
@store_options
def history_command(
    site_name: str | None,
    run_number: int | None,
    diff: bool,
    limit: int,
    output_format: str,
    fail_on: str,
    db: str | None,
    config_path: str | None,
) -> None:
    """The stored runs: every site, one SITE's runs over time, or one run (--run, --diff)."""
    if site_name is None and (run_number is not None or diff):
        raise ConfigError("--run and --diff need a SITE")
    with _open(db, config_path) as store:
        if site_name is None:
            _print_sites(store, output_format)
            return
        site = _site(store, site_name)
        if run_number is None and not diff:
            _print_runs(store, site, limit, output_format)
            return
        run = _run(store, site, run_number)
        if not diff:
            _print_run(store, site, run, output_format)
            return
        failing = _print_diff(store, site, run, output_format, fail_on)
    sys.exit(EXIT_FINDINGS if failing else EXIT_OK)


# -- report -------------------------------------------------------------------------


@click.command("report")
@click.argument("site_name", metavar="SITE")
@click.option("--run", "run_number", type=int, default=None, help="Default: the latest run.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(list(WRITERS)),
    default="html",
    show_default=True,
)
@click.option("-o", "--output", default=None, help="Write to this file instead of stdout.")
@click.option(
    "--fail-on",
    type=FAIL_ON,
    default=None,
    help="The gate the formats show [default: the run's config].",
)
@store_options
def report_command(
    site_name: str,
    run_number: int | None,
    output_format: str,
    output: str | None,
    fail_on: str | None,
    db: str | None,
    config_path: str | None,
) -> None:
    """Render a stored run in any report format, as `check` would have written it."""
    from sitelint.store import queries

    with _open(db, config_path) as store:
        site = _site(store, site_name)
        run = _run(store, site, run_number)
        with store.reading() as session:
            report = queries.load_report(session, run)
            trend = queries.score_trend(session, run)
    sarif = run.config.get("sarif") or {}
    options = ReportOptions.model_validate(
        {
            "fail_on": fail_on or run.config.get("fail_on") or "error",
            "sarif_path_map": sarif.get("path_map") or {},
            # One point is no trend.
            "trend": trend if len(trend) > 1 else [],
        }
    )
    rendered = WRITERS[output_format](report, options)
    if output:
        Path(output).write_text(rendered, encoding="utf-8")
        _stderr().print(
            f"{output_format} report of {site.name} run {run.number} written to {output}",
            markup=False,
        )
    else:
        sys.stdout.write(rendered)


# -- prune --------------------------------------------------------------------------


def _numbers(numbers: list[int]) -> str:
    if len(numbers) > 6:
        return f"{numbers[0]}-{numbers[-1]} ({len(numbers)} runs)"
    return ", ".join(map(str, numbers))


@click.command("prune")
@click.option(
    "--keep",
    type=click.IntRange(min=1),
    required=True,
    help="Runs to keep per site, newest first (the latest complete run is always kept).",
)
@click.option("--site", "site_names", multiple=True, help="Only this site (repeatable).")
@click.option("--dry-run", is_flag=True, help="Say what would be deleted; delete nothing.")
@click.option("--vacuum", is_flag=True, help="SQLite: give the freed space back to the disk.")
@store_options
def prune_command(
    keep: int,
    site_names: tuple[str, ...],
    dry_run: bool,
    vacuum: bool,
    db: str | None,
    config_path: str | None,
) -> None:
    """Delete old runs (with their pages and findings), keeping the newest --keep per site."""
    from sitelint.store import queries

    with _open(db, config_path) as store:
        sites = [_site(store, name) for name in site_names] or None
        with store.writing() as session:
            pruned = queries.prune(session, keep, sites, dry_run=dry_run)
        if vacuum and not dry_run and store.dialect == "sqlite":
            store.vacuum()
        elif vacuum and store.dialect != "sqlite":
            _stderr().print("--vacuum: only for SQLite; PostgreSQL's autovacuum does this")
    verb = "would delete" if dry_run else "deleted"
    for item in pruned:
        click.echo(f"{item.site}: {verb} runs {_numbers(item.runs)}")
    total = sum(len(item.runs) for item in pruned)
    click.echo(f"{verb} {total} run{'s' if total != 1 else ''}; kept the newest {keep} per site")


def register(group: click.Group) -> None:
    """Add scan, history, report and prune to the sitelint command group."""
    for command in (scan_command, history_command, report_command, prune_command):
        group.add_command(command)


__all__ = ["register"]
