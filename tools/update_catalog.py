"""Refresh the Chinese message catalogue from the source.

    python tools/update_catalog.py

Extracts every _() message from meetplan/, keeps the translations already in
meetplan/locale/zh/LC_MESSAGES/meetplan.po (and takes new ones from any
*.po in meetplan/locale/zh/fragments/, which is then emptied), writes the
.po and compiles the .mo beside it. Lists messages still untranslated and
exits 1 if there are any.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "meetplan" / "locale" / "zh"
PO = LOCALE / "LC_MESSAGES" / "meetplan.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def known_translations() -> dict[object, object]:
    known: dict[object, object] = {}
    sources = sorted((LOCALE / "fragments").glob("*.po")) + ([PO] if PO.exists() else [])
    for path in sources:
        with open(path, "rb") as f:
            for message in read_po(f):
                string = message.string
                if isinstance(string, tuple | list):
                    # Chinese has one plural form; a fragment without a header is read with two.
                    string = (string[0],) if string and string[0] else None
                if message.id and string:
                    known[message.id] = string
    return known


def cli_texts() -> list[str]:
    """Every command's and option's help, as --help shows it (translated when shown)."""
    sys.path.insert(0, str(ROOT))
    from meetplan.cli import main as group

    texts = [group.help or ""]
    for command in group.commands.values():
        texts.append(command.help or "")
        texts += [getattr(p, "help", None) or "" for p in command.params]
    return [t for t in dict.fromkeys(texts) if t]


def main() -> int:
    known = known_translations()
    catalog = Catalog(locale="zh_CN", domain="meetplan", project="meetplan", charset="utf-8")
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT / "meetplan", method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        msgid = message if isinstance(message, str) else tuple(message)
        catalog.add(msgid, known.get(msgid, "" if isinstance(msgid, str) else ("", "")))
    for text in cli_texts():
        catalog.add(text, known.get(text, ""))
    PO.parent.mkdir(parents=True, exist_ok=True)
    with open(PO, "wb") as f:
        write_po(f, catalog, omit_header=False, no_location=True, sort_output=True)
    with open(MO, "wb") as f:
        write_mo(f, catalog)
    for fragment in (LOCALE / "fragments").glob("*.po"):
        fragment.unlink()
    missing = [
        m.id
        for m in catalog
        if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    for m in missing:
        print("untranslated:", m)
    print(f"{len(catalog)} messages, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
