"""The installed version, and the User-Agent that names it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sitelint")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0+source"

PROJECT_URL = "https://github.com/sitelint/sitelint"
USER_AGENT = f"sitelint/{__version__} (+{PROJECT_URL})"
