"""Gather: pure functions from a fetched response to the artifacts rules judge."""

from sitelint.gather.page import Page

__all__ = ["Page"]
