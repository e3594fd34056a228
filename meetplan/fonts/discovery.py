"""Find the fonts a machine has for a style: Windows, macOS, then fontconfig.

Discovery only proposes candidates; the font book opens each one and keeps
the first that really covers Chinese text and may be embedded. Nothing here
reads font files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from meetplan.fonts.styles import StyleSources

# fc-list answers in milliseconds; the limit only guards against a broken setup.
_FC_TIMEOUT_SECONDS = 10

# Style words fontconfig uses for the upright book weight, preferred over Bold etc.
_REGULAR_WORDS = ("regular", "book", "normal", "roman")
_NEAR_REGULAR_WORDS = ("medium", "light")
_OTHER_WORDS = ("bold", "black", "heavy", "italic", "oblique", "thin", "extralight", "ultralight")


@dataclass(frozen=True)
class Candidate:
    """A font file that may serve a style; index None: pick the face by family name."""

    path: str
    index: int | None
    families: tuple[str, ...]


@dataclass(frozen=True)
class FcFont:
    """One face as fc-list reports it."""

    path: str
    index: int
    families: tuple[str, ...]  # casefolded; fontconfig lists localised names too
    styles: tuple[str, ...]


def windows_font_dirs() -> list[Path]:
    """The system font folder, and the per-user one newer Windows installs fonts into.

    Under WSL the Windows fonts of the same machine are seen at /mnt/c.
    """
    if os.name != "nt":
        return [d for d in (Path("/mnt/c/Windows/Fonts"),) if d.is_dir()]
    dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return [d for d in dirs if d.is_dir()]


def windows_candidates(style: StyleSources) -> list[Candidate]:
    out: list[Candidate] = []
    for folder in windows_font_dirs():
        for wanted in style.windows:
            for name in (wanted.path, wanted.path.upper()):  # names keep their case off Windows
                path = folder / name
                if path.is_file():
                    out.append(Candidate(str(path), None, wanted.families))
                    break
    return out


def macos_candidates(style: StyleSources) -> list[Candidate]:
    return [Candidate(f.path, None, f.families) for f in style.macos if Path(f.path).is_file()]


def fontconfig_fonts() -> list[FcFont]:
    """Every face fontconfig knows, or [] when there is no fontconfig.

    fc-list with an exact family is used rather than fc-match, which answers
    DejaVu Sans when the family asked for is not installed.
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        result = subprocess.run(
            [fc_list, "--format", r"%{file}\t%{index}\t%{family}\t%{style}\n"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=_FC_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    if result.returncode != 0:
        return []
    return parse_fc_list(result.stdout)


def parse_fc_list(output: str) -> list[FcFont]:
    fonts: list[FcFont] = []
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        path, index, families, styles = parts
        fonts.append(
            FcFont(
                path=path,
                index=int(index),
                families=tuple(_fold(f) for f in families.split(",")),
                styles=tuple(_fold(s) for s in styles.split(",")),
            )
        )
    return fonts


def fontconfig_candidates(style: StyleSources, fonts: list[FcFont]) -> list[Candidate]:
    """Faces of the style's families, most wanted family first, upright weight first."""
    out: list[Candidate] = []
    for family in style.fontconfig:
        wanted = _fold(family)
        faces = [f for f in fonts if wanted in f.families]
        faces.sort(key=lambda f: (_style_rank(f.styles), f.path, f.index))
        out.extend(Candidate(f.path, f.index, (family,)) for f in faces[:1])
    return out


def _style_rank(styles: tuple[str, ...]) -> int:
    """0 Regular, 1 Medium or Light, 2 unknown words, 3 Bold, Italic and the like."""
    words = " ".join(styles)
    if any(w in words for w in _OTHER_WORDS):
        return 3
    if any(w in words for w in _REGULAR_WORDS):
        return 0
    if any(w in words for w in _NEAR_REGULAR_WORDS):
        return 1
    return 2


def _fold(name: str) -> str:
    """Compare family names as fontconfig does: case and spaces do not count."""
    return name.replace(" ", "").casefold()
