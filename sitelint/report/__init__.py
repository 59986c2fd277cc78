"""Reporters: every format is built from the JSON report model."""

from sitelint.report.json_report import Report, build_report

__all__ = ["Report", "build_report"]
