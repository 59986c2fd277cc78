"""Data files shipped with sitelint (keyword and phrase lists per language)."""
