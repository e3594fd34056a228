"""Every printed word is Chinese, whatever the terminal speaks; the terminal speaks the user's."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from meetplan.cli import main

ROOT = Path(__file__).resolve().parent.parent
# what may stand in Latin letters on a page: file names and paths, PDF, xlsx, the command
ALLOWED = re.compile(
    r"[\w./-]*\.(?:pdf|xlsx|docx|json|toml)\b|materials/\S*|(?<![A-Za-z])(?:PDF|xlsx)(?![A-Za-z])|meetplan \w+|--\w+"
)


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", ALLOWED.sub(" ", text))


# set out for all to see (cards, labels, table numbers): no date on them
DISPLAYED = ("桌签.pdf", "座签.pdf", "站位贴.pdf", "席卡.pdf", "桌号牌.pdf", "出席证.pdf")


def test_the_example_prints_no_english_word_under_an_english_terminal(tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from pypdf import PdfReader

    folder = tmp_path / "county"
    shutil.copytree(
        ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    shutil.rmtree(folder / "out", ignore_errors=True)
    result = CliRunner().invoke(main, ["build", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "Written to" in result.output  # the terminal speaks English here
    out = folder / "out"
    found: dict[str, list[str]] = {}
    for pdf in sorted(out.glob("*.pdf")):
        text = "".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
        # the codes on passes (MP-1A2B3C-0F1E2D3C) are for the scanner, not words
        found[pdf.name] = english_words(re.sub(r"MP-[0-9A-F]{6}-[0-9A-F]{8}", "", text))
        assert "2026年12月1日（星期二）" in text or pdf.name in DISPLAYED, pdf.name
    for book in sorted(out.glob("*.xlsx")):
        wb = load_workbook(io.BytesIO(book.read_bytes()))
        texts = []
        for ws in wb.worksheets:
            texts.append(ws.title)
            for header in (ws.oddHeader, ws.oddFooter):
                texts += [
                    str(part.text or "") for part in (header.left, header.center, header.right)
                ]
            texts += [
                str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None
            ]
        found[book.name] = english_words(" ".join(texts))
    assert {name: words for name, words in found.items() if words} == {}


def test_a_check_under_an_english_terminal_prints_english_reasons(tmp_path: Path) -> None:
    folder = tmp_path / "county"
    shutil.copytree(
        ROOT / "examples" / "county-plenary", folder, ignore=shutil.ignore_patterns("out")
    )
    shutil.rmtree(folder / "out", ignore_errors=True)
    result = CliRunner().invoke(main, ["check", str(folder)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "copies" in result.output and "需印" not in result.output


def test_a_console_that_cannot_show_chinese_gets_no_traceback(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    folder = tmp_path / "会议 文件夹"  # a path with Chinese and a space
    shutil.copytree(
        ROOT / "examples" / "unit-meeting", folder, ignore=shutil.ignore_patterns("out")
    )
    env = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LANGUAGE")}
    for encoding in ("ascii", "gbk"):
        env["PYTHONIOENCODING"] = encoding
        done = subprocess.run(
            [sys.executable, "-m", "meetplan", "build", str(folder)],
            env=env,
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        assert b"Traceback" not in done.stderr
