"""Baselines: accept today's findings so only new ones fail the gate.

A baseline file records findings by fingerprint (with rule, URL and message
so a person can read it). ``check --baseline FILE`` marks recorded findings
``in_baseline`` (reported, never failing) and lists entries that no longer
occur as stale; ``--update-baseline`` rewrites the file from the run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from sitelint.models import Finding

BASELINE_VERSION = 1


class BaselineEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    fingerprint: str
    rule: str
    url: str
    message: str


class Baseline(BaseModel):
    model_config = ConfigDict(extra="ignore")

    version: int = BASELINE_VERSION
    findings: list[BaselineEntry]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(entry.fingerprint for entry in self.findings)

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Baseline:
        entries = {
            f.fingerprint: BaselineEntry(
                fingerprint=f.fingerprint, rule=f.rule, url=f.url, message=f.message
            )
            for f in findings
        }
        return cls(findings=sorted(entries.values(), key=lambda e: (e.rule, e.url, e.fingerprint)))


class BaselineError(Exception):
    pass


def read_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate(json.loads(path.read_text("utf-8")))
    except FileNotFoundError:
        raise BaselineError(
            f"{path}: no such baseline file (create it with `sitelint baseline`)"
        ) from None
    except (json.JSONDecodeError, ValidationError) as error:
        raise BaselineError(
            f"{path}: not a sitelint baseline: {str(error).splitlines()[0]}"
        ) from None


def write_baseline(path: Path, findings: Iterable[Finding]) -> Baseline:
    baseline = Baseline.from_findings(findings)
    path.write_text(baseline.model_dump_json(indent=2) + "\n", "utf-8")
    return baseline


def apply_baseline(
    findings: list[Finding], baseline: Baseline
) -> tuple[list[Finding], list[BaselineEntry]]:
    """Findings marked in_baseline where recorded, and the recorded entries no longer found."""
    known = baseline.fingerprints
    marked = [f.model_copy(update={"in_baseline": f.fingerprint in known}) for f in findings]
    seen = {f.fingerprint for f in findings}
    stale = [entry for entry in baseline.findings if entry.fingerprint not in seen]
    return marked, stale
