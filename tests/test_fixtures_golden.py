"""Every fixture site, crawled over 127.0.0.1, gives exactly its golden findings.

`pytest tests/test_fixtures_golden.py --update-golden` rewrites
fixtures/<site>/expected.json; review its diff like code.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sitelint.api import check_site
from sitelint.config import RenderSettings, RuleSettings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SITES = sorted(p.name for p in FIXTURES.iterdir() if (p / "site").is_dir())
SCAN_DATE = date(2026, 11, 1)


# Live countdowns (render fixtures) put readings of the run's clock in their
# evidence: the time shown, and the seconds between two readings.
_CLOCK = re.compile(r"\b(?:\d+ days )?\d\d:\d\d:\d\d\b")
_READING = re.compile(r"\b\d+s\b")


def _normalise(text: str | None, base: str) -> str | None:
    if text is None:
        return None
    return _READING.sub("Ns", _CLOCK.sub("hh:mm:ss", text.replace(base, "{base}")))


@pytest.mark.parametrize("site", SITES)
def test_fixture_site_matches_golden(site: str, serve, update_golden: bool) -> None:  # type: ignore[no-untyped-def]
    server = serve(site)
    # fixtures/<site>/options.json: {"render": "always", "tracker_hosts": [...]}
    options_file = FIXTURES / site / "options.json"
    options = json.loads(options_file.read_text("utf-8")) if options_file.exists() else {}
    trackers = options.get("tracker_hosts", [])
    result = check_site(
        server.url("/"),
        scan_date=SCAN_DATE,
        rules=RuleSettings(options={"SL408": {"tracker_hosts": trackers}}),
        render=RenderSettings(mode=options.get("render", "auto"), tracker_hosts=trackers),
        timeout=10,
    )
    assert result.complete
    findings = sorted(
        (
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "url": _normalise(f.url, server.base),
                "selector": f.selector,
                "message": _normalise(f.message, server.base),
                "evidence": _normalise(f.evidence, server.base),
            }
            for f in result.findings
        ),
        key=lambda f: (f["rule"], f["url"] or "", f["selector"] or "", f["message"] or ""),
    )
    golden = FIXTURES / site / "expected.json"
    if update_golden:
        golden.write_text(json.dumps(findings, indent=2, ensure_ascii=False) + "\n", "utf-8")
        return
    assert golden.exists(), f"no {golden}; run pytest --update-golden and review it"
    expected = json.loads(golden.read_text("utf-8"))
    assert findings == expected
