"""Font subsets kept between builds in the meeting folder: the same documents with
the cache, without it, and with a damaged one."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from meetplan.cli import main
from meetplan.fonts.cache import CACHE_DIR, MAX_FILES, SubsetCache

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "unit-meeting"


def documents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "out").iterdir())}


def test_cached_damaged_and_missing_caches_give_the_same_documents(tmp_path: Path) -> None:
    folder = tmp_path / "meeting"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("out"))
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(folder)]).exit_code == 0
    first = documents(folder)
    cache = folder / CACHE_DIR / "fonts"
    kept = sorted(cache.glob("*.ttf"))
    assert kept  # the subsets are kept, inside the meeting folder
    shutil.rmtree(folder / "out")
    assert runner.invoke(main, ["build", str(folder)]).exit_code == 0
    assert documents(folder) == first  # from the cache
    for path in kept:  # damaged: cut short, or one byte changed
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if path is kept[0] else b"x" + data[1:])
    shutil.rmtree(folder / "out")
    assert runner.invoke(main, ["build", str(folder)]).exit_code == 0
    assert documents(folder) == first
    shutil.rmtree(cache)
    shutil.rmtree(folder / "out")
    assert runner.invoke(main, ["build", str(folder)]).exit_code == 0
    assert documents(folder) == first


def test_the_cache_keys_on_font_characters_and_name(tmp_path: Path) -> None:
    cache = SubsetCache(tmp_path)
    base = cache.key("font-a", [20013, 25991], "Noto-1")
    assert cache.key("font-a", [25991, 20013], "Noto-1") == base  # order does not matter
    for other in (
        cache.key("font-b", [20013, 25991], "Noto-1"),
        cache.key("font-a", [20013], "Noto-1"),
        cache.key("font-a", [20013, 25991], "Noto-2"),
    ):
        assert other != base
    built = []
    assert cache.get_or_build(base, lambda: built.append(1) or b"subset") == b"subset"
    assert cache.get_or_build(base, lambda: built.append(1) or b"other") == b"subset"
    assert built == [1]


def test_the_cache_stays_small(tmp_path: Path) -> None:
    cache = SubsetCache(tmp_path)
    for i in range(MAX_FILES + 5):
        cache.get_or_build(cache.key("f", [i], "n"), lambda i=i: bytes([i % 256]) * 10)
    assert len(list(tmp_path.glob("*.ttf"))) == MAX_FILES


def test_an_unwritable_cache_only_means_building(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    cache = SubsetCache(blocked / "fonts")
    assert cache.get_or_build("k", lambda: b"subset") == b"subset"
