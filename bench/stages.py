"""Where a sitelint run's time goes: exclusive time per stage and per rule.

Wraps the engine's seams (parse, each lazy Page artifact, classification,
each rule's check and collect, the summary, URL scheduling) with timers that
charge elapsed time to the innermost active label only, so an artifact a rule
computes on first use is charged to "gather", not to that rule. What no label
covers (the fetcher, httpx, the event loop, the report) is the remainder of
the process's CPU time, reported as "crawl".

Sampling profilers show the same picture with less bookkeeping but cannot
separate lazy artifacts from the rule that first asked for them.
"""

from __future__ import annotations

import dataclasses
import functools
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class StageClock:
    """Exclusive CPU time per label for synchronous, nested calls."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.calls: defaultdict[str, int] = defaultdict(int)
        self._stack: list[str] = []
        self._since = time.process_time()

    def wrap(self, label: str, function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def timed(*args: P.args, **kwargs: P.kwargs) -> R:
            now = time.process_time()
            if self._stack:
                self.seconds[self._stack[-1]] += now - self._since
            self._stack.append(label)
            self._since = now
            self.calls[label] += 1
            try:
                return function(*args, **kwargs)
            finally:
                now = time.process_time()
                self.seconds[self._stack.pop()] += now - self._since
                self._since = now

        return timed

    def wrap_generator_result(self, label: str, function: Callable[P, Any]) -> Callable[P, Any]:
        """For rule checks that are generators: the work happens while listing them."""

        def listed(*args: P.args, **kwargs: P.kwargs) -> list[Any]:
            result = function(*args, **kwargs)
            return list(result) if result is not None else []

        return self.wrap(label, listed)


def instrument(clock: StageClock) -> Any:
    """Patch sitelint's seams for this process; returns the registry to run with."""
    from functools import cached_property

    import sitelint.darkpatterns as darkpatterns
    import sitelint.engine as engine
    import sitelint.keywords as keywords
    from sitelint.crawl.crawler import Crawler
    from sitelint.gather.page import Page
    from sitelint.registry import Registry, load_registry

    for name, value in list(vars(Page).items()):
        if isinstance(value, cached_property):
            stage = "parse" if name == "tree" else f"gather {name}"
            patched: cached_property[Any] = cached_property(clock.wrap(stage, value.func))
            patched.__set_name__(Page, name)
            setattr(Page, name, patched)
    # Memoised per text and shared by every rule that asks, so charged to
    # gather like the Page's own artifacts, not to the first rule that asks.
    darkpatterns.segment_claims = clock.wrap(  # type: ignore[assignment]
        "gather dark-pattern claims", darkpatterns.segment_claims
    )
    word_sets = clock.wrap("gather word sets", keywords.ascii_words)
    keywords.ascii_words = darkpatterns.ascii_words = word_sets  # type: ignore[assignment]
    engine.decode_body = clock.wrap("gather decode", engine.decode_body)  # type: ignore[attr-defined]
    engine.classify_page = clock.wrap("classify", engine.classify_page)  # type: ignore[attr-defined]
    engine.summarize = clock.wrap("summary", engine.summarize)  # type: ignore[attr-defined]
    engine.suppressed_in_page = clock.wrap("engine", engine.suppressed_in_page)
    engine.Engine.finding = clock.wrap("engine", engine.Engine.finding)  # type: ignore[method-assign]
    Crawler._admit = clock.wrap("schedule", Crawler._admit)  # type: ignore[method-assign]
    Crawler._first_copy = clock.wrap("schedule", Crawler._first_copy)  # type: ignore[method-assign]

    rules = []
    for rule in load_registry().rules:
        scope = "page" if rule.scope.value == "page" else "site"
        changes: dict[str, Any] = {
            "check": clock.wrap_generator_result(f"rule {rule.id} ({scope})", rule.check)
        }
        if rule.collect is not None:
            changes["collect"] = clock.wrap(f"rule {rule.id} (collect)", rule.collect)
        rules.append(dataclasses.replace(rule, **changes))
    return Registry(tuple(rules))


def stage_of(label: str) -> str:
    if label.endswith("(site)"):
        return "site rules"
    if label.endswith("(collect)"):
        return "collect"
    if label.endswith("(page)"):
        return "page rules"
    return label.split(" ", 1)[0]
