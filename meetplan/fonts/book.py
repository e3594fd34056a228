"""The font book: turns a font setting into an embedded reportlab font.

Renderers ask three things, in this order: which font a setting means
(:meth:`FontBook.resolve`), which characters of a person's text it cannot draw
(:meth:`FontBook.missing`, so the error can name the person before anything is
printed), and a reportlab font name for the document's text
(:meth:`FontBook.register`). Every font is embedded as a TrueType subset, so a
PDF prints the same on a machine with no Chinese font at all.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from collections.abc import Callable, Mapping, Sequence
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from meetplan.fonts import discovery
from meetplan.fonts.cache import CmapCache, GlyphCache, SubsetCache
from meetplan.fonts.characters import ALWAYS_INCLUDED, describe, is_control, lacking, printable
from meetplan.fonts.choice import FontChoice
from meetplan.fonts.source import SourceFont, font_error, pick_face, read_font_bytes
from meetplan.fonts.styles import CJK_PROBE, STYLES, Bundled, StyleSources, style_of
from meetplan.fonts.truetype import build_truetype
from meetplan.i18n import _
from meetplan.model.errors import UserError
from meetplan.model.settings import FontStyle

if TYPE_CHECKING:
    from meetplan.util.parallel import Background

# Set to 1 to use only the fonts installed with meetplan (tests, reproducible builds).
NO_SYSTEM_FONTS_ENV = "MEETPLAN_NO_SYSTEM_FONTS"

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# Fewer glyphs than this to convert are not worth a second process (FontBook.prepare).
PREPARED_LEAST = 64

_BUNDLED_PACKAGE = "pylopdf_fonts_zh_cn"
_BUNDLED_FILES = {Bundled.SERIF: "NotoSerifSC-Regular.otf", Bundled.SANS: "NotoSansSC-Regular.otf"}


def system_fonts_disabled() -> bool:
    return os.environ.get(NO_SYSTEM_FONTS_ENV, "").strip().lower() not in ("", "0", "false", "no")


def bundled_path(font: Bundled) -> str:
    """The Noto file installed with meetplan's dependency pylopdf-fonts-zh-cn."""
    try:
        folder = files(_BUNDLED_PACKAGE)
    except ImportError as exc:
        raise UserError(
            _("The Chinese fonts installed with meetplan are missing (package {package}).").format(
                package="pylopdf-fonts-zh-cn"
            ),
            hint=_("Reinstall meetplan with the command given in its README."),
        ) from exc
    return str(folder.joinpath(_BUNDLED_FILES[font]))


def font_name(source: SourceFont, codepoints: frozenset[int]) -> str:
    """The same font file and characters give the same name, in any process."""
    chars = hashlib.sha256(",".join(map(str, sorted(codepoints))).encode("ascii"))
    return f"meetplan-{source.identity()[:12]}-{chars.hexdigest()[:12]}"


def subset_ps_name(source: SourceFont, name: str) -> str:
    """A PostScript name for this subset alone, e.g. NotoSerifSC-Regular-93B09391.

    Subsets must not share a PostScript name (see build_truetype), so the
    name is tagged with a digest of the font name, itself unique per font file
    and characters. PostScript names are at most 63 ASCII letters, digits, -.
    """
    base = "".join(ch for ch in source.ps_name if ch.isascii() and (ch.isalnum() or ch == "-"))
    tag = hashlib.sha256(name.encode("ascii")).hexdigest()[:8].upper()
    return f"{base[:54]}-{tag}"


class FontBook:
    """Resolves font settings and registers subset fonts; caches everything per run.

    One book serves a whole build: a font file is parsed once, and a glyph is
    converted to TrueType once, however many documents use it.
    """

    def __init__(self, use_system_fonts: bool = True, cache: Path | None = None) -> None:
        """``cache``: a folder of the meeting where subsets, character maps and
        converted glyphs are kept between builds (:mod:`meetplan.fonts.cache`);
        None builds every subset anew."""
        self.use_system_fonts = use_system_fonts and not system_fonts_disabled()
        self._cache = SubsetCache(cache) if cache is not None else None
        self._cmaps = CmapCache(cache) if cache is not None else None
        self._glyphs = GlyphCache(cache) if cache is not None else None
        self._choices: dict[str, FontChoice] = {}
        self._sources: dict[tuple[str, int], SourceFont] = {}
        self._registered: dict[tuple[str, int, str], str] = {}
        self._fontconfig: list[discovery.FcFont] | None = None
        # glyphs being converted in another process (prepare(background=True))
        self._pending: tuple[Background, dict[str, SourceFont]] | None = None

    # -- the three questions -------------------------------------------------

    def resolve(self, spec: str) -> FontChoice:
        """The font a setting means: a style name (song, hei, kai, fangsong) or a file path."""
        choice = self._choices.get(spec)
        if choice is None:
            style = style_of(spec)
            choice = self._resolve_style(style) if style else self._resolve_path(spec)
            self._choices[spec] = choice
        return choice

    def missing(self, spec: str, text: str) -> list[str]:
        """Characters of text the font cannot draw (whitespace aside), first-seen order.

        Text is taken as printed (:func:`~meetplan.fonts.characters.printable`): a line
        break or a control character is never asked of a font.
        """
        return lacking(
            printable(text), self._source_of(self.resolve(spec)).cmap, skip_whitespace=True
        )

    def register(self, spec: str, text: str) -> str:
        """Register a subset of the font covering text; return its reportlab font name.

        The subset also holds ASCII and common Chinese punctuation, so page
        numbers and labels a renderer adds always draw. Raises UserError when
        the font lacks a character of text (never a blank box on a card), when
        it cannot be read, or when its licence forbids embedding.
        """
        choice = self.resolve(spec)
        text = printable(text)  # as drawn: CoveredTTFont leaves out what this leaves out
        key = (choice.path, choice.index, text)
        name = self._registered.get(key)
        if name is None:
            self._collect()
            source = self._source_of(choice)
            check_drawable(choice, source, text)
            check_embeddable(source)
            codepoints = frozenset(ord(c) for c in text if not is_control(c))
            codepoints |= ALWAYS_INCLUDED & source.cmap.keys()
            name = font_name(source, codepoints)
            if name not in pdfmetrics.getRegisteredFontNames():
                register_subset(name, source, codepoints, self._cache)
                source.save_glyphs()  # the glyphs it converted, for the next build
            self._registered[key] = name
        return name

    def prepare(self, wanted: Sequence[tuple[str, str]], background: bool = False) -> None:
        """Convert the glyphs of the subsets about to be registered (font setting, text),
        on both cores where the system can fork (:mod:`meetplan.util.parallel`).

        Converting glyphs (cu2qu) is most of a first build's font work; registering
        the subsets afterwards finds them at hand. The glyphs are the same bytes in
        either process, so the subsets, and the documents, are the same as when
        each is converted as a subset first needs it. Subsets kept by an earlier
        build need no glyphs, and glyphs kept by one are not converted again. A font
        or text that cannot be used is left to :meth:`register`, which says why.

        ``background``: all of it in another process while this one goes on (a build
        starts it once the roster is read, and solves the hall meanwhile); the glyphs
        are taken in when the next subset is registered or prepared.
        """
        from meetplan.util.parallel import Background, in_two

        self._collect()
        wanted_codes: dict[tuple[str, int], set[int]] = {}
        for spec, text in wanted:
            try:
                choice = self.resolve(spec)
                source = self._source_of(choice)
            except UserError:
                continue
            text = printable(text)
            if (choice.path, choice.index, text) in self._registered:
                continue
            codes = frozenset(ord(c) for c in text if not is_control(c))
            codes |= ALWAYS_INCLUDED & source.cmap.keys()
            name = font_name(source, codes)
            if name in pdfmetrics.getRegisteredFontNames() or (
                self._cache is not None
                and self._cache.has(
                    self._cache.key(source.identity(), codes, subset_ps_name(source, name))
                )
            ):
                continue  # made already: no glyph needed
            wanted_codes.setdefault((choice.path, choice.index), set()).update(codes)
        work: dict[str, Callable[[], list[tuple[str, int, bytes]]]] = {}
        sizes: dict[str, int] = {}
        sources: dict[str, SourceFont] = {}
        for number, ((path, index), characters) in enumerate(wanted_codes.items()):
            source = self._source(path, index)
            names = source.missing_glyphs(characters)
            if len(names) < PREPARED_LEAST:
                continue  # too few to share: converted when a subset needs them
            source.load_outlines()
            half = len(names) // 2
            for part, chunk in (("a", names[:half]), ("b", names[half:])):
                work[f"{number}{part}"] = functools.partial(source.converted, chunk)
                sizes[f"{number}{part}"] = len(chunk)
                sources[f"{number}{part}"] = source
        if not work:
            return
        if background:
            self._pending = (Background(work), sources)
            return
        self._adopt(in_two(work, weight=lambda name: float(sizes[name])), sources)

    def _collect(self) -> None:
        """The glyphs a background :meth:`prepare` converted, taken in (waiting for them)."""
        if self._pending is not None:
            pending, sources = self._pending
            self._pending = None
            self._adopt(pending.result(), sources)

    @staticmethod
    def _adopt(done: Mapping[str, Any], sources: Mapping[str, SourceFont]) -> None:
        for name, glyphs in done.items():
            sources[name].adopt(glyphs)
        for source in dict.fromkeys(sources.values()):
            source.save_glyphs()

    def identity(self, spec: str) -> str:
        """A digest of the font a setting means (file content and face)."""
        return self._source_of(self.resolve(spec)).identity()

    # -- resolution ----------------------------------------------------------

    def _resolve_style(self, style: FontStyle) -> FontChoice:
        """System font of the style if any (Windows, macOS, fontconfig), else the bundled Noto."""
        sources = STYLES[style]
        if self.use_system_fonts:
            for candidate in self._system_candidates(sources):
                found = self._usable(candidate)
                if found is not None:
                    return FontChoice(found.path, found.index, found.family, style.value)
        return self._bundled_choice(style, sources)

    def _bundled_choice(self, style: FontStyle, sources: StyleSources) -> FontChoice:
        path = bundled_path(sources.bundled)
        self._source(path, 0)  # fails here, not later, if the file cannot be read
        family = _("{family} (bundled)").format(family=sources.bundled.value)
        note = ""
        if sources.bundled_is_substitute:
            note = _("No {style} font is available; {family} is used instead.").format(
                style=sources.label, family=family
            )
        return FontChoice(path, 0, family, style.value, note)

    def _system_candidates(self, sources: StyleSources) -> list[discovery.Candidate]:
        candidates = discovery.windows_candidates(sources) + discovery.macos_candidates(sources)
        if sources.fontconfig:
            if self._fontconfig is None:
                self._fontconfig = discovery.fontconfig_fonts()
            candidates += discovery.fontconfig_candidates(sources, self._fontconfig)
        return candidates

    def _usable(self, candidate: discovery.Candidate) -> SourceFont | None:
        """The candidate's face if it draws Chinese and may be embedded; else None.

        A system font that is damaged, Latin-only (fontconfig's fallback) or
        licensed against embedding is passed over, not an error: the next
        candidate, or the bundled font, serves instead.
        """
        try:
            data = read_font_bytes(candidate.path)
            index = candidate.index
            if index is None:
                index = pick_face(data, candidate.families)
            source = self._source(candidate.path, index, data)
        except Exception:  # any damage to a font we only happened to find
            return None
        if any(ord(c) not in source.cmap for c in CJK_PROBE) or source.embedding_problem():
            return None
        return source

    def _resolve_path(self, spec: str) -> FontChoice:
        """A font file named in the settings: it must exist, be a font and allow embedding."""
        path = Path(spec.strip()).expanduser()
        if not path.is_file():
            raise _not_found(spec, path)
        if path.suffix.lower() not in FONT_SUFFIXES:
            raise font_error(
                str(path),
                _("Not a font file (.ttf, .otf or .ttc expected): {path}").format(path=path),
                hint=_spec_hint(),
            )
        source = self._source(str(path.resolve()), 0)
        check_embeddable(source)
        return FontChoice(source.path, 0, source.family, "")

    # -- parsed fonts --------------------------------------------------------

    def _source(self, path: str, index: int, data: bytes | None = None) -> SourceFont:
        key = (path, index)
        source = self._sources.get(key)
        if source is None:
            source = self._sources[key] = SourceFont(path, index, data, self._cmaps, self._glyphs)
        return source

    def _source_of(self, choice: FontChoice) -> SourceFont:
        return self._source(choice.path, choice.index)


def check_drawable(choice: FontChoice, source: SourceFont, text: str) -> None:
    """Refuse text with a character the font lacks: reportlab would draw a box for it."""
    lacks = lacking(text, source.cmap, skip_whitespace=False)
    if lacks:
        raise font_error(
            choice.path,
            _("The font {family} has no glyph for {chars}.").format(
                family=choice.family, chars=describe(lacks)
            ),
            hint=_(
                "Choose another font in the settings, or correct the text "
                "(an unusual space can be replaced by an ordinary one)."
            ),
        )


def check_embeddable(source: SourceFont) -> None:
    problem = source.embedding_problem()
    if problem:
        raise font_error(source.path, problem, hint=_("Choose another font in the settings."))


class UnregisteredTextError(ValueError):
    """Text drawn with a font that was registered without it: a bug in the renderer.

    Every character a document draws must be in the text given to
    ``FontBook.register``; reportlab would otherwise draw it as an empty box.
    """


class CoveredTTFont(TTFont):  # type: ignore[misc]  # reportlab has no type hints
    """A reportlab TTFont that refuses a character its subset lacks instead of drawing a box.

    All text reportlab draws with a TrueType font, on a canvas or in a
    Paragraph, passes through ``splitString``. Line breaks and tabs in it are
    unfolded and unprintable characters left out
    (:func:`~meetplan.fonts.characters.printable`), as ``FontBook.register`` does:
    the readers refuse them, and one that slips through must not stop the build.
    """

    def splitString(self, text: str | bytes, doc: object, encoding: str = "utf-8") -> object:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        text = printable(text)
        glyphs = self.face.charToGlyph
        lacks = [ch for ch in dict.fromkeys(text) if ord(ch) not in glyphs]
        if lacks:
            raise UnregisteredTextError(
                f"font {self.fontName}: {describe(lacks)} not in the text given to "
                "FontBook.register"
            )
        return super().splitString(text, doc, encoding)


def register_subset(
    name: str, source: SourceFont, codepoints: frozenset[int], cache: SubsetCache | None = None
) -> None:
    """Build the TrueType subset (or take it from the meeting's cache) and hand it to
    reportlab, which embeds its own subset of it."""
    ps_name = subset_ps_name(source, name)
    if cache is None:
        subset = build_truetype(source, codepoints, ps_name)
    else:
        subset = cache.get_or_build(
            cache.key(source.identity(), codepoints, ps_name),
            lambda: build_truetype(source, codepoints, ps_name),
        )
    data = io.BytesIO(subset)
    data.name = f"{source.family} ({source.path})"  # type: ignore[attr-defined]  # for reportlab's messages
    try:
        font = CoveredTTFont(name, data)
    except TTFError as exc:
        raise font_error(
            source.path,
            _("The font {family} ({path}) cannot be embedded in a PDF: {reason}").format(
                family=source.family, path=source.path, reason=exc
            ),
            hint=_("Choose another font in the settings."),
        ) from exc
    pdfmetrics.registerFont(font)
    if pdfmetrics.getFont(name) is not font:  # reportlab merged it into a same-named face
        raise RuntimeError(f"reportlab registered {name} as another font")


def _not_found(spec: str, path: Path) -> UserError:
    """A path gets "not found"; a bare word is most likely a misspelt style, not a file."""
    looks_like_path = path.suffix.lower() in FONT_SUFFIXES or any(s in spec for s in "/\\")
    if looks_like_path:
        message = _("Font file not found: {path}").format(path=path)
        return font_error(str(path), message, hint=_spec_hint())
    message = _("Unknown font “{spec}”: neither a style nor an existing font file.")
    return UserError(message.format(spec=spec), hint=_spec_hint())


def _spec_hint() -> str:
    return _(
        "Give one of song (宋体), hei (黑体), kai (楷体), fangsong (仿宋), "
        "or the path of a .ttf, .otf or .ttc file."
    )
