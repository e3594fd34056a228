"""Where the shipped data lives: installed inside the package, or in the source tree."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

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


@cache
def schema_bytes(name: str) -> bytes:
    """A shipped JSON schema's file (schema/NAME), read once per run."""
    return (schema_dir() / name).read_bytes()


@cache
def load_schema(name: str) -> dict[str, Any]:
    """A shipped JSON schema (schema/NAME), parsed once per run."""
    found: dict[str, Any] = json.loads(schema_bytes(name))
    return found
