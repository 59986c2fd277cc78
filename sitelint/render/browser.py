"""Finding a Chromium to drive: config or SITELINT_BROWSER, Playwright's own, the system's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Debian's headless shell renders about twice as fast as the full browser.
_SYSTEM_CANDIDATES = (
    "/usr/lib/chromium/chromium-headless-shell",
    "chromium-headless-shell",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
)

INSTALL_HINT = (
    "no Chromium found. Install one of: `python -m playwright install chromium`, "
    "or the system package (Debian/Ubuntu: `apt-get install chromium`), "
    "or point SITELINT_BROWSER / --browser at a Chromium or Chrome executable"
)


class BrowserNotFound(Exception):
    """No usable browser; the message says what to install."""


def _playwright_chromium() -> str | None:
    """A browser installed by `playwright install chromium`, found without starting Playwright
    (its sync API cannot start inside a running event loop)."""
    root = Path(
        os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or Path.home() / ".cache" / "ms-playwright"
    )
    patterns = (
        "chromium-*/chrome-linux*/chrome",
        "chromium_headless_shell-*/chrome-linux*/headless_shell",
        "chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium",
        "chromium-*/chrome-win*/chrome.exe",
    )
    for pattern in patterns:
        found = sorted(root.glob(pattern), reverse=True)
        if found and found[0].is_file():
            return str(found[0])
    return None


def find_browser(configured: str | None = None) -> str:
    """The browser executable to launch, in the documented order of preference."""
    explicit = configured or os.environ.get("SITELINT_BROWSER")
    if explicit:
        resolved = explicit if Path(explicit).is_file() else shutil.which(explicit)
        if not resolved:
            raise BrowserNotFound(f"the browser {explicit!r} does not exist; {INSTALL_HINT}")
        return resolved
    own = _playwright_chromium()
    if own:
        return own
    for candidate in _SYSTEM_CANDIDATES:
        resolved = candidate if Path(candidate).is_file() else shutil.which(candidate)
        if resolved:
            return resolved
    raise BrowserNotFound(INSTALL_HINT)
