"""The text each page of a PDF shows, read from the page's content stream.

pypdf's ``extract_text`` parses every operator of a page and every font's
ToUnicode map again on every page: on the 800 pages of a 10,000-person build
that takes 20 s. The checks only ask whether some text is on a page, so this
reads just the text-showing operators (Tj, TJ, ' and ") and the font selection
(Tf), and decodes the strings with each font's ToUnicode map, read once per
font of the document. It reads the bytes that will be printed, like pypdf, but
not layout: runs are joined as drawn, a line break wherever the text position
moves. Text drawn inside form XObjects or pages with inline images are not
read here (``None``): the caller asks pypdf for those pages.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pypdf import PdfReader

# Tokens of a content stream that matter for the text it shows. Everything else
# (numbers, paths, colours) is skipped by the regular expression engine.
_NAME = rb"[^\s/\[\]()<>{}%]+"
_END = rb"(?![^\s/\[\]()<>{}%])"  # the token ends here
_TOKENS = re.compile(
    rb"""
      \((?P<literal>(?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*)\)   # (string), one level of (nesting)
    | <(?P<hex>[0-9A-Fa-f\s]*)>                                  # <hex string>
    | /(?P<font>"""
    + _NAME
    + rb""")\s+[-+0-9.]+\s+Tf"""
    + _END
    + rb"""  # /F1 12 Tf
    | /(?P<xobject>"""
    + _NAME
    + rb""")\s+Do"""
    + _END
    + rb"""         # /X1 Do
    | /"""
    + _NAME
    + rb"""                                         # any other name
    | (?P<bracket>[\[\]])
    | (?<![^\s\])>\]])(?P<op>TJ|Tj|'|"|T\*|Td|TD|Tm|BT|ET|BI|q|Q)"""
    + _END
    + rb"""
    """,
    re.VERBOSE | re.DOTALL,
)
_SHOW = {b"Tj", b"TJ", b"'", b'"'}
_MOVE = {b"T*", b"Td", b"TD", b"Tm", b"BT", b"ET", b"'", b'"'}  # ' and " go to the next line
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")


def unescape(literal: bytes) -> bytes:
    """The bytes of a PDF literal string's body (octal and character escapes resolved)."""
    if b"\\" not in literal:
        return literal

    def one(match: re.Match[bytes]) -> bytes:
        code = match.group(1)
        if code[:1].isdigit():
            return bytes([int(code, 8) & 0xFF])
        if code in (b"\n", b"\r", b"\r\n"):
            return b""  # a line continuation
        return _ESCAPES.get(code, code)

    return _ESCAPE.sub(one, literal)


class FontMap:
    """A font's codes to text, from its ToUnicode CMap (bfchar and bfrange entries)."""

    def __init__(self, cmap: bytes | None) -> None:
        self.width = 1
        self.codes: dict[bytes, str] = {}
        self.decoded: dict[bytes, str] = {}  # the same strings recur: a unit, a heading
        if cmap is None:
            return
        for block in re.finditer(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
            for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block.group(1)):
                self._add(bytes.fromhex(src.decode()), _utf16(dst))
        for block in re.finditer(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
            body = block.group(1)
            for lo, hi, rest in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", body
            ):
                first, last = int(lo, 16), int(hi, 16)
                size = len(lo) // 2
                if rest.startswith(b"["):
                    targets = [_utf16(t) for t in re.findall(rb"<([0-9A-Fa-f]*)>", rest)]
                else:
                    start = _utf16(rest[1:-1])
                    targets = [
                        start[:-1] + chr(ord(start[-1]) + i) if start else ""
                        for i in range(last - first + 1)
                    ]
                for i, text in zip(range(first, last + 1), targets, strict=False):
                    self._add(i.to_bytes(size, "big"), text)

    def _add(self, code: bytes, text: str) -> None:
        self.width = len(code)
        self.codes[code] = text

    def decode(self, data: bytes) -> str:
        known = self.decoded.get(data)
        if known is None:
            known = self.decoded[data] = self._decode(data)
        return known

    def _decode(self, data: bytes) -> str:
        if not self.codes:
            return data.decode("latin-1")  # a simple font without a map: near enough
        w = self.width
        get = self.codes.get
        if w == 1:
            return "".join([get(data[i : i + 1], "\ufffd") for i in range(len(data))])
        return "".join(get(data[i : i + w], "\ufffd") for i in range(0, len(data), w))


def _utf16(hex_text: bytes) -> str:
    raw = bytes.fromhex(re.sub(rb"\s", b"", hex_text).decode())
    return raw.decode("utf-16-be", "replace")


def _hex(text: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", text)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode())


def page_text(
    content: bytes, fonts: Mapping[str, FontMap], forms: Collection[str] = ()
) -> str | None:
    """The text a content stream shows, runs joined as drawn, ``\\n`` where the position moves.

    ``fonts`` maps the page's font resource names (without the slash) to their
    maps; ``forms`` names its form XObjects. None when the stream shows text
    this does not read: a font not in ``fonts``, a form XObject (which may hold
    text of its own), an inline image (binary data amid the operators).
    """
    parts: list[str] = []
    font: FontMap | None = None
    saved: list[FontMap | None] = []  # q saves the graphics state, the font with it
    strings: list[bytes] = []  # strings met since the last operator read here
    for m in _TOKENS.finditer(content):
        kind = m.lastgroup  # the alternative that matched: each has one group
        value = m.group(kind or 0)
        if kind == "op":
            if value in _MOVE:
                parts.append("\n")
            elif value == b"q":
                saved.append(font)
            elif value == b"Q":
                font = saved.pop() if saved else font
            elif value == b"BI":
                return None
            if value in _SHOW and strings:
                if font is None:
                    return None
                parts.append(font.decode(b"".join(strings) if value == b"TJ" else strings[-1]))
            strings.clear()
        elif kind == "literal":
            strings.append(unescape(value))
        elif kind == "font":
            font = fonts.get(value.decode("latin-1"))
            if font is None:
                return None
        elif kind == "hex":
            strings.append(_hex(value))
        elif kind == "array":
            strings.clear()  # a TJ array's strings start here
        elif kind == "xobject" and value.decode("latin-1") in forms:
            return None
    return "".join(parts)


def object_key(ref: Any) -> Any:
    """The same key for every reference to one PDF object."""
    idnum = getattr(ref, "idnum", None)
    return ("ref", idnum, getattr(ref, "generation", 0)) if idnum is not None else ("id", id(ref))


def pages_text(reader: PdfReader) -> list[str | None]:
    """Each page's shown text (see :func:`page_text`); None for a page this cannot read."""
    maps: dict[Any, FontMap] = {}  # font object -> its map, once per document
    out: list[str | None] = []
    for page in reader.pages:
        resources: Any = page.get("/Resources")
        resources = resources.get_object() if resources is not None else {}
        fonts_ref: Any = resources.get("/Font")
        fonts: dict[str, FontMap] = {}
        for name, ref in fonts_ref.get_object().items() if fonts_ref is not None else ():
            key = object_key(ref)
            if key not in maps:
                font = ref.get_object()
                unicode = font.get("/ToUnicode")
                maps[key] = FontMap(unicode.get_object().get_data() if unicode else None)
            fonts[str(name)[1:]] = maps[key]
        xobjects: Any = resources.get("/XObject")
        forms = {
            str(name)[1:]
            for name, ref in (xobjects.get_object().items() if xobjects is not None else ())
            if ref.get_object().get("/Subtype") == "/Form"
        }
        contents = page.get_contents()
        out.append(page_text(contents.get_data(), fonts, forms) if contents is not None else "")
    return out
