"""Font subsets kept between builds in the meeting folder: the same documents with
the cache, without it, and with a damaged one."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from meetplan.cli import main
from meetplan.fonts.cache import (
    CACHE_DIR,
    MAX_FILES,
    MAX_GLYPHS,
    GlyphCache,
    SubsetCache,
    format_glyphs,
    parse_glyphs,
)

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


GLYPH_KEY = "ab" * 32
glyph_records = st.lists(
    st.tuples(st.text(min_size=1, max_size=20), st.integers(0, 0xFFFF), st.binary(max_size=40)),
    max_size=20,
    unique_by=lambda record: record[0],
)


@given(glyph_records)
def test_glyph_files_read_back_as_written(records: list[tuple[str, int, bytes]]) -> None:
    kept = parse_glyphs(format_glyphs(records, GLYPH_KEY), GLYPH_KEY)
    assert [(name, *record) for name, record in kept.items()] == records
    assert parse_glyphs(format_glyphs(records, GLYPH_KEY), "cd" * 32) == {}  # another font's


@given(glyph_records, st.data())
def test_a_changed_glyph_file_reads_as_nothing_or_as_glyphs(
    records: list[tuple[str, int, bytes]], data: st.DataObject
) -> None:
    blob = bytearray(format_glyphs(records, GLYPH_KEY))
    cut = data.draw(st.integers(0, len(blob)))
    changed = data.draw(st.sampled_from(["cut", "flip", "append"]))
    if changed == "cut":
        blob = blob[:cut]
    elif changed == "flip" and cut < len(blob):
        blob[cut] ^= data.draw(st.integers(1, 255))
    else:
        blob += data.draw(st.binary(min_size=1, max_size=8))
    kept = parse_glyphs(bytes(blob), GLYPH_KEY)  # never raises
    assert all(
        isinstance(name, str) and isinstance(advance, int) and isinstance(glyph, bytes)
        for name, (advance, glyph) in kept.items()
    )


@given(st.binary(max_size=200))
def test_any_bytes_read_as_a_glyph_file_give_no_error(blob: bytes) -> None:
    parse_glyphs(blob, GLYPH_KEY)
    parse_glyphs(b"meetplan glyphs 1\n" + GLYPH_KEY.encode() + blob, GLYPH_KEY)


def test_the_glyph_cache_keeps_at_most_max_glyphs_per_font(tmp_path: Path) -> None:
    cache = GlyphCache(tmp_path)
    cache.save("font-a", ((f"g{i}", i, b"x") for i in range(MAX_GLYPHS + 10)))
    kept = cache.load("font-a")
    assert len(kept) == MAX_GLYPHS and "g0" in kept and f"g{MAX_GLYPHS}" not in kept
    assert cache.load("font-b") == {}
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    GlyphCache(blocked / "fonts").save("font-a", [("g", 1, b"x")])  # no error
    assert GlyphCache(blocked / "fonts").load("font-a") == {}
