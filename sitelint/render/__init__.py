"""Render mode: headless Chromium through Playwright, for what only a browser sees."""

from sitelint.render.browser import BrowserNotFound, find_browser
from sitelint.render.renderer import Renderer, RenderError, looks_like_app_shell

__all__ = ["BrowserNotFound", "RenderError", "Renderer", "find_browser", "looks_like_app_shell"]
