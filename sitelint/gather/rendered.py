"""What only a browser can see, attached to a rendered Page as ``page.render``.

The renderer fills these in; rules read them. Computed visibility is not
here: the renderer writes it into the DOM (``data-sitelint-hidden``), so the
static gatherers (text segments, contacts, form fields) see it unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class NetworkRequest:
    url: str
    resource_type: str  # document, script, image, xhr, fetch, ...
    host: str


@dataclass(frozen=True, slots=True)
class BrowserCookie:
    name: str
    domain: str
    third_party: bool


@dataclass(frozen=True, slots=True)
class ConsentControl:
    text: str
    selector: str
    is_link: bool  # an <a> that is not role=button
    area: int  # rendered box, in CSS pixels


@dataclass(frozen=True)
class ConsentBanner:
    selector: str
    text: str
    accept: tuple[ConsentControl, ...]
    reject: tuple[ConsentControl, ...]
    settings: tuple[ConsentControl, ...]
    # Clicks to reach a reject control, found by probing "settings" in a
    # throwaway context; None when no reject was found at all.
    clicks_to_reject: int | None = None


@dataclass(frozen=True, slots=True)
class CountdownReading:
    selector: str
    text: str
    seconds: int
    ticks: bool = False  # its text changed while the page stayed open
    reloaded_seconds: int | None = None  # the same timer after a reload in a fresh context
    seconds_between: float = 0.0  # time between the two readings

    @property
    def resets(self) -> bool:
        """A ticking timer that shows (about) the same value after a reload counts down to
        nothing: every new visitor gets a fresh deadline. Text that never ticks is not a
        timer at all, so it cannot reset."""
        if not self.ticks or self.reloaded_seconds is None or self.seconds_between < 2:
            return False
        return self.reloaded_seconds >= self.seconds - 1


@dataclass
class RenderArtifacts:
    requests: list[NetworkRequest] = field(default_factory=list)
    cookies: list[BrowserCookie] = field(default_factory=list)
    banner: ConsentBanner | None = None
    countdowns: list[CountdownReading] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    hidden_elements: int = 0
