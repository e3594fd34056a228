"""QR codes drawn straight onto a canvas: the code on a pass (出席证) and a seat label.

reportlab's own encoder (no new dependency); the modules are drawn as one filled path.
"""

from __future__ import annotations

import itertools

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

QUIET = 4  # modules of white round a QR code, as the standard asks


def qr_modules(code: str) -> list[list[bool]]:
    """The code as a QR code's modules, rows from the top, dark = True.

    reportlab's own encoder (:class:`QrCodeWidget`), error correction M (15 %): a
    pass is handled, bent and scanned through a plastic sleeve; the code is short,
    so the modules stay large.
    """
    widget = QrCodeWidget(code, barLevel="M")
    widget.qr.make()
    return [[bool(m) for m in row] for row in widget.qr.modules]


def draw_qr(c: Canvas, code: str, x: float, y: float, side: float) -> None:
    """The QR code of ``code``, ``side`` points square with its bottom-left at (x, y),
    the quiet zone (4 modules) included. One filled path: a run of dark modules is one
    rectangle (the widget's drawing makes an object per run and is three times slower)."""
    modules = qr_modules(code)
    box = side / (len(modules) + 2 * QUIET)
    path = c.beginPath()
    for r, row in enumerate(modules):
        top = y + side - (r + QUIET) * box
        col = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                path.rect(x + (col + QUIET) * box, top - box, count * box, box)
            col += count
    c.saveState()
    c.setFillColor(black)
    c.drawPath(path, stroke=0, fill=1)
    c.restoreState()
