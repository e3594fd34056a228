"""Reading a TOML file a person wrote, with the file named in every message."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from meetplan.model.errors import Location, Problem, UserError


def load_toml(path: Path, not_valid: str, unreadable: str, hint: str) -> dict[str, Any]:
    """The file's tables; ``not_valid`` and ``unreadable`` are messages with an {error}
    field (and, if they like, a {file} field)."""
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(
            Problem(not_valid.format(error=exc, file=path), Location(file=str(path)), hint=hint)
        ) from None
    except OSError as exc:
        raise UserError(
            Problem(unreadable.format(error=exc.strerror, file=path), Location(file=str(path)))
        ) from None
