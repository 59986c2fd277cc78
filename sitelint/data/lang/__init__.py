"""Keyword and phrase lists, one TOML file per language (see en.toml for the format)."""
