"""Where each typeface style (宋体, 黑体, 楷体, 仿宋) is looked for, as data.

Offices name a typeface by its style, not by a file. Each style lists, in order
of preference, the files Windows and macOS ship, the family names fontconfig
knows on Linux, and the font bundled with meetplan that stands in when the
machine has none. Changing where a style is found means editing this table only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from meetplan.model.settings import FontStyle


class Bundled(StrEnum):
    """The two OFL-licensed Noto fonts installed with meetplan (pylopdf-fonts-zh-cn)."""

    SERIF = "Noto Serif SC"  # a 宋体-style (Ming) face
    SANS = "Noto Sans SC"  # a 黑体-style (gothic) face


@dataclass(frozen=True)
class SystemFile:
    """A font file at a fixed place, and the family names that pick its face in a TTC."""

    path: str
    families: tuple[str, ...]


@dataclass(frozen=True)
class StyleSources:
    label: str  # the style as offices write it, shown in messages
    windows: tuple[SystemFile, ...]  # names inside the Windows font folder
    macos: tuple[SystemFile, ...]  # absolute paths
    fontconfig: tuple[str, ...]  # family names, most wanted first
    bundled: Bundled
    bundled_is_substitute: bool  # True: the bundled font is another style; say so


# macOS keeps its Chinese faces in .ttc collections; the families pick the
# simplified-Chinese regular face inside each collection.
_MAC_SONG = ("Songti SC", "STSong")
_MAC_HEI = ("Heiti SC", "STHeiti")
_MAC_KAI = ("Kaiti SC", "STKaiti")
_MAC_FANGSONG = ("STFangsong",)

STYLES: dict[FontStyle, StyleSources] = {
    FontStyle.SONG: StyleSources(
        label="宋体",
        windows=(SystemFile("simsun.ttc", ("SimSun", "宋体")),),
        macos=(
            SystemFile("/System/Library/Fonts/Supplemental/Songti.ttc", _MAC_SONG),
            SystemFile("/System/Library/Fonts/Songti.ttc", _MAC_SONG),
            SystemFile("/Library/Fonts/Songti.ttc", _MAC_SONG),
        ),
        fontconfig=(
            "SimSun",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "Source Han Serif CN",
            "AR PL UMing CN",
            "Noto Serif SC",
        ),
        bundled=Bundled.SERIF,
        bundled_is_substitute=False,
    ),
    FontStyle.HEI: StyleSources(
        label="黑体",
        windows=(SystemFile("simhei.ttf", ("SimHei", "黑体")),),
        macos=(
            SystemFile("/System/Library/Fonts/STHeiti Light.ttc", _MAC_HEI),
            SystemFile("/System/Library/Fonts/STHeiti Medium.ttc", _MAC_HEI),
        ),
        fontconfig=(
            "SimHei",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "Source Han Sans CN",
            "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei",
            "Noto Sans SC",
        ),
        bundled=Bundled.SANS,
        bundled_is_substitute=False,
    ),
    FontStyle.KAI: StyleSources(
        label="楷体",
        windows=(SystemFile("simkai.ttf", ("KaiTi", "楷体")),),
        macos=(
            SystemFile("/System/Library/Fonts/Supplemental/Kaiti.ttc", _MAC_KAI),
            SystemFile("/Library/Fonts/Kaiti.ttc", _MAC_KAI),
            SystemFile("/Library/Fonts/STKaiti.ttf", _MAC_KAI),
        ),
        fontconfig=("KaiTi", "KaiTi_GB2312", "AR PL UKai CN", "Kaiti SC", "STKaiti"),
        bundled=Bundled.SERIF,
        bundled_is_substitute=True,
    ),
    FontStyle.FANGSONG: StyleSources(
        label="仿宋",
        windows=(SystemFile("simfang.ttf", ("FangSong", "仿宋")),),
        macos=(
            SystemFile("/System/Library/Fonts/Supplemental/STFangsong.ttf", _MAC_FANGSONG),
            SystemFile("/Library/Fonts/STFangsong.ttf", _MAC_FANGSONG),
        ),
        fontconfig=("FangSong", "FangSong_GB2312", "STFangsong", "Fangsong SC"),
        bundled=Bundled.SERIF,
        bundled_is_substitute=True,
    ),
}

# Settings files are written by office staff, who may write the style in Chinese.
ALIASES: dict[str, FontStyle] = {
    "宋体": FontStyle.SONG,
    "黑体": FontStyle.HEI,
    "楷体": FontStyle.KAI,
    "仿宋": FontStyle.FANGSONG,
    "仿宋体": FontStyle.FANGSONG,
}

# A system font must cover these to be used: Chinese (not fontconfig's Latin
# fallback) and digits (Droid Sans Fallback has none, and cards print 第1排).
CJK_PROBE = "中国会议0123456789"


def style_of(spec: str) -> FontStyle | None:
    """The style a setting names, or None when the setting is a file path."""
    key = spec.strip()
    if key in ALIASES:
        return ALIASES[key]
    try:
        return FontStyle(key.lower())
    except ValueError:
        return None
