"""How much a roster may hold: limits no real roster reaches, in one place.

A real roster is a few hundred rows, at most some ten thousand (a 10,000-seat
hall); its file is well under 2 MB. The limits below are far above that, so
they only ever stop a file that is not a roster — a link to a device, a
spreadsheet that unpacks to gigabytes, a 5 MB text pasted into one cell — with
a message that names the limit, before it exhausts the memory or the patience
of the person waiting. Every message quoting a limit formats it from here.
"""

from __future__ import annotations

# The file on disk. An .xlsx of 10,000 people is about 1 MB; an .xls or .csv
# of the same a few MB.
MAX_FILE_BYTES = 50 * 1024 * 1024

# An .xlsx is a zip archive: the sizes its parts declare, unpacked, added up,
# checked before anything is unpacked. A 10,000-person sheet unpacks to some
# 10 MB; a "zip bomb" declares gigabytes.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

# Rows of one sheet (or lines of a CSV file), counted to the last row that
# holds anything.
MAX_ROWS = 100_000

# Cells of one sheet: 100,000 rows of 20 columns, ten times the largest real
# roster. Each row counts to its last non-blank cell, so a value in column XFD
# counts 16,384 (they would all be held in memory); in an .xlsx every element
# the sheet holds counts too (rows and formatted empty cells, parsed one by
# one), and so does every shared string (a cell's text, all parsed on opening).
# Reading that many takes some 10 to 20 seconds; this is what bounds the time
# a file made to be slow can take.
MAX_CELLS = 2_000_000

# A name, after its spaces are removed (王  伟 is 2 characters). The longest
# names on Chinese rosters are transliterated ones (阿依古丽·买买提·艾尔肯 is
# 12, the longest Uyghur or Tibetan names about 20) and foreign guests'
# (Maria Fernanda González-Rodríguez, 31 without spaces). Longer text in the
# 姓名 column is not a name: a unit, a note, or a paste gone wrong.
MAX_NAME_LENGTH = 40

# Every other cell meetplan reads (单位, 职务, 座位, 座区, 民族 …): the longest
# real units (中共某某省某某市某某县委员会某某工作领导小组办公室) and joined
# titles (县委常委、县政府常务副县长、县委政法委书记) are under 60 characters.
MAX_TEXT_LENGTH = 200

# 备注 is free text, and may hold a sentence or two.
MAX_NOTE_LENGTH = 1000

# The largest 排序 / 序号: nine digits. Orders are 1, 2, 3 … or codes such as
# 10101; a number of ten or more digits (or thousands, which Python refuses to
# convert at all) is a slip.
MAX_RANK = 999_999_999
