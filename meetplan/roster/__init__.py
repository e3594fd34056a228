"""The roster: import and check the attendee spreadsheet, and write its template.

``load_roster(path)`` reads an .xlsx, .xls or .csv file into a
:class:`~meetplan.model.Roster` and the warnings found, or raises a
:class:`~meetplan.model.UserError` carrying every error of the file.
``COLUMNS`` lists the recognised columns; ``write_template`` writes the
template that ``meetplan init`` puts in a new meeting folder.
"""

from typing import BinaryIO

from meetplan.roster.columns import COLUMNS, Column
from meetplan.roster.load import load_roster


def write_template(stream: BinaryIO) -> None:
    """Write the roster template (an .xlsx) to ``stream``.

    openpyxl's writer is imported only here: reading a roster, which every
    ``meetplan attend`` does, does not need it.
    """
    from meetplan.roster.template import write_template as write

    write(stream)


__all__ = ["COLUMNS", "Column", "load_roster", "write_template"]
