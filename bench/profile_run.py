"""One profiled sitelint run: CPU per stage and per rule, and the top functions.

Usage: profile_run.py URL --max-pages N --json PATH [--cprofile]

The run is in-process (a registry passed in as an object keeps rule work out
of worker processes), so every stage is seen by one clock. Without
--cprofile the stage timers alone add a few percent; with it, cProfile adds
much more, and the stage figures of that run are not comparable.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stages import StageClock, instrument, stage_of


def top_functions(profile: cProfile.Profile, count: int) -> list[dict[str, Any]]:
    stats = pstats.Stats(profile, stream=io.StringIO())
    rows = []
    for (filename, line, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "function": f"{Path(filename).name}:{line}({name})",
                "calls": calls,
                "own_seconds": round(own, 4),
                "cumulative_seconds": round(cumulative, 4),
            }
        )
    rows.sort(key=lambda row: -row["own_seconds"])
    return rows[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("url")
    parser.add_argument("--max-pages", type=int, required=True)
    parser.add_argument("--json", type=Path, required=True)
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()

    import sitelint
    from sitelint.config import RenderSettings

    clock = StageClock()
    registry = instrument(clock)
    profile = cProfile.Profile() if args.cprofile else None
    started, cpu_started = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    result = sitelint.check_site(
        args.url, max_pages=args.max_pages, registry=registry, render=RenderSettings(mode="never")
    )
    if profile is not None:
        profile.disable()
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    pages = sum(1 for s in result.index.summaries.values() if s.is_html and s.ok)

    labelled = dict(clock.seconds)
    stages: dict[str, float] = {}
    for label, seconds in labelled.items():
        stages[stage_of(label)] = stages.get(stage_of(label), 0.0) + seconds
    # The fetcher, httpx, the event loop and the report: what no timer covers.
    stages["crawl"] = max(0.0, cpu - sum(labelled.values()))
    rules = {
        label.removeprefix("rule "): seconds
        for label, seconds in labelled.items()
        if label.startswith("rule ")
    }
    gather = {
        label.removeprefix("gather "): seconds
        for label, seconds in labelled.items()
        if label.startswith("gather ")
    }
    report: dict[str, Any] = {
        "pages": pages,
        "wall_seconds": wall,
        "cpu_seconds": cpu,
        "stages": dict(sorted(stages.items(), key=lambda item: -item[1])),
        "rules": dict(sorted(rules.items(), key=lambda item: -item[1])),
        "gather": dict(sorted(gather.items(), key=lambda item: -item[1])),
        "calls": dict(clock.calls),
        "cprofile": profile is not None,
    }
    if profile is not None:
        report["top_functions"] = top_functions(profile, 30)
    args.json.write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
