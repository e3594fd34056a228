"""Fonts for printed documents: find a 宋体/黑体/楷体/仿宋, embed it as a subset.

``FontBook.resolve`` turns a setting (a style or a file path) into a
:class:`FontChoice`; ``FontBook.missing`` names the characters a font cannot
draw, so the caller can name the person before anything is printed;
``FontBook.register`` embeds a TrueType subset with reportlab. Modules:
``styles`` (where each style is looked for), ``discovery`` (system fonts),
``source`` (a parsed font file), ``truetype`` (the subset, CFF converted),
``book`` (the three questions, cached).
"""

from meetplan.fonts.book import NO_SYSTEM_FONTS_ENV, FontBook, UnregisteredTextError
from meetplan.fonts.choice import FontChoice

__all__ = ["NO_SYSTEM_FONTS_ENV", "FontBook", "FontChoice", "UnregisteredTextError"]
