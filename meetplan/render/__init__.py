"""Documents: one module per document, each drawing onto a stream of bytes.

Every wrapped paragraph follows Chinese line breaking (:mod:`.kinsoku`).
"""

from meetplan.render.kinsoku import install

install()
