"""Where the shipped data lives: installed inside the package, or in the source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(installed: str, source: str) -> Path:
    # A wheel carries the data inside the package (pyproject force-include);
    # an editable install or a checkout reads it from the repository's top level.
    inside = _PACKAGE / installed
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / source


def layouts_dir() -> Path:
    return _find("_shipped_layouts", "layouts")


def schema_dir() -> Path:
    return _find("_schema", "schema")
