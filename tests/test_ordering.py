"""Name ordering (PROTOCOL.md §4): stroke order, the two stroke conventions, pinyin.

Stroke sequences in comments use the GF 3003 classes: 1 横(提) 2 竖(竖钩)
3 撇 4 点(捺) 5 折 (all other hooks and turns).
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetplan.model.settings import NameOrder
from meetplan.ordering import name_key, pinyin_key, stroke_key, stroke_rank
from meetplan.ordering.names import surname_stroke_key
from meetplan.ordering.pinyin import char_reading, parse_tone3
from meetplan.ordering.strokes import GAP, stroke_ranks
from meetplan.ordering.surnames import parse_name

REPO = Path(__file__).resolve().parent.parent
STROKE_ORDERS = (NameOrder.SURNAME_STROKES, NameOrder.NAME_STROKES)
KEYED_ORDERS = (*STROKE_ORDERS, NameOrder.PINYIN)


def by(order: NameOrder, names: list[str]) -> list[str]:
    return sorted(names, key=lambda name: name_key(name, order))


def rank(ch: str) -> int:
    found = stroke_rank(ch)
    assert found is not None, ch
    return found


# --- the stroke-order data -------------------------------------------------

# Characters grouped by stroke count, counted by hand.
BY_STROKE_COUNT = {
    1: "一乙",
    2: "二十丁厂七卜八人入儿九几刀力又了",
    3: "三干于工土士才下大丈与万上小口山千川个久凡及夕广门义之尸己已弓子卫也女飞刃习叉马乡",
    4: "王井开夫天元无云专木五支不太犬区历友尤匹车巨牙屯比互切瓦止少日中贝内水见午牛手毛"
    "气升长什片仆化仇币仍仅斤爪反介父从今凶分乏公仓月氏勿欠风丹匀乌凤勾文六方火为斗忆订计户"
    "认心尺引丑巴孔队办以允予劝双书幻",
    5: "田龙戊玉示末击打巧正扑扒功扔去甘世古节本术可丙左厉右石布",
    6: "刘达吉考托老执巩圾扩扫地扬场耳共芒亚芝朽朴机权过臣再协西压厌在有百存而页匠夸",
}


@pytest.mark.parametrize("count", sorted(BY_STROKE_COUNT)[:-1])
def test_fewer_strokes_come_first(count: int) -> None:
    fewer = max(rank(ch) for ch in BY_STROKE_COUNT[count])
    more = min(rank(ch) for ch in BY_STROKE_COUNT[count + 1])
    assert fewer < more


def test_first_characters_of_the_data() -> None:
    assert rank("一") == 1
    assert rank("一") < rank("二") < rank("三")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("王", "文"),  # 4 strokes: 1121 before 4134 (横 before 丶)
        ("林", "欧"),  # 8 strokes: 12341234 before 13453534 (second stroke 丨 before 丿)
        ("欧", "洪"),  # 8 before 9 strokes
        ("龙", "达"),  # 达 is 6 strokes (134454): corrected from cn-sort, which had 5
        ("达", "刘"),  # 6 strokes: 134454 before 413422
    ],
)
def test_stroke_rank_samples(first: str, second: str) -> None:
    assert rank(first) < rank(second)


def test_stroke_rank_is_none_outside_the_data() -> None:
    assert stroke_rank("a") is None
    assert stroke_rank("·") is None
    assert stroke_rank("\U00020000") is None  # 𠀀, CJK Extension B


# --- the examples of PROTOCOL.md §4 ------------------------------------------


@pytest.mark.parametrize("order", STROKE_ORDERS)
def test_compound_surname_counts_its_first_character(order: NameOrder) -> None:
    # 欧 has 8 strokes, 洪 9: the compound surname does not add 阳's strokes.
    assert by(order, ["洪少东", "欧阳少东"]) == ["欧阳少东", "洪少东"]


@pytest.mark.parametrize("order", STROKE_ORDERS)
def test_stroke_shapes_break_equal_counts(order: NameOrder) -> None:
    assert by(order, ["文", "王"]) == ["王", "文"]
    assert by(order, ["欧", "林"]) == ["林", "欧"]


def test_surname_strokes_puts_a_single_given_name_first() -> None:
    # 按姓氏笔画: 田富 is compared as 田␣富, and the blank sorts first.
    assert by(NameOrder.SURNAME_STROKES, ["田大利", "田富"]) == ["田富", "田大利"]


def test_name_strokes_compares_every_character_as_written() -> None:
    # 按姓名笔画: 大 (3 strokes) before 富 (12).
    assert by(NameOrder.NAME_STROKES, ["田富", "田大利"]) == ["田大利", "田富"]


def test_compound_surname_with_single_given_name_gets_the_blank() -> None:
    assert by(NameOrder.SURNAME_STROKES, ["欧阳少东", "欧阳东"]) == ["欧阳东", "欧阳少东"]
    # 少 (4 strokes) before 东 (5) when compared as written.
    assert by(NameOrder.NAME_STROKES, ["欧阳东", "欧阳少东"]) == ["欧阳少东", "欧阳东"]


@pytest.mark.parametrize("order", list(NameOrder))
def test_identical_names_have_identical_keys_and_stay_two_people(order: NameOrder) -> None:
    assert name_key("张伟", order) == name_key("张伟", order)
    assert by(order, ["张伟", "李强", "张伟"]).count("张伟") == 2


# --- a realistic list, worked out by hand --------------------------------------

# fmt: off
ROSTER = [
    "赵敏", "林峰", "田大利", "曾平", "王大海", "欧阳少东", "孔明亮", "丁伟", "张伟",
    "洪亮", "文静", "刘洋", "田富", "周杰", "马丽", "李强", "欧阳东", "王军",
]
# fmt: on

# Surname strokes and shapes (then the given name where surnames are equal):
#   丁 2 | 马 3 | 王 4 (1121) < 文 4 (4134) < 孔 4 (5515) | 田 5 | 刘 6
#   李 7 (1234551) < 张 7 (5153154)
#   林 8 (12341234) < 欧 8 (13453534) < 周 8 (35121251)
#   赵 9 (121213434) < 洪 9 (441122134) | 曾 12
# Equal surnames: 王军/田富/欧阳东 have a single given name, so the blank puts
# them before 王大海/田大利/欧阳少东.
# fmt: off
BY_SURNAME_STROKES = [
    "丁伟", "马丽", "王军", "王大海", "文静", "孔明亮", "田富", "田大利", "刘洋",
    "李强", "张伟", "林峰", "欧阳东", "欧阳少东", "周杰", "赵敏", "洪亮", "曾平",
]
# fmt: on


def test_roster_by_surname_strokes() -> None:
    assert by(NameOrder.SURNAME_STROKES, ROSTER) == BY_SURNAME_STROKES


def test_roster_by_name_strokes() -> None:
    # Only the three equal-surname pairs change: 大 (3) < 军 (6), 大 (3) < 富 (12),
    # 少 (4) < 东 (5).
    expected = list(BY_SURNAME_STROKES)
    for first, second in [("王大海", "王军"), ("田大利", "田富"), ("欧阳少东", "欧阳东")]:
        i, j = expected.index(first), expected.index(second)
        expected[i], expected[j] = expected[j], expected[i]
    assert by(NameOrder.NAME_STROKES, ROSTER) == expected


def test_precedence_comes_before_the_name() -> None:
    people = [(2, "丁伟"), (1, "洪亮"), (1, "王军")]
    ordered = sorted(people, key=lambda p: (p[0], name_key(p[1], NameOrder.SURNAME_STROKES)))
    assert ordered == [(1, "王军"), (1, "洪亮"), (2, "丁伟")]


def test_list_keeps_the_roster_order() -> None:
    assert name_key("王军", NameOrder.LIST) == ()
    assert by(NameOrder.LIST, ROSTER) == ROSTER


# --- pinyin ----------------------------------------------------------------


def test_pinyin_reads_surnames_as_surnames() -> None:
    # 单 is shàn as a surname (not dān): after 沙 sha, before 邵 shao.
    names = ["邵华", "单明", "丹青", "沙力"]
    assert by(NameOrder.PINYIN, names) == ["丹青", "沙力", "单明", "邵华"]
    # 曾 is zēng (not céng): after 臧 zang, before 张 zhang.
    assert by(NameOrder.PINYIN, ["张三", "曾四", "臧五"]) == ["臧五", "曾四", "张三"]
    # 尉迟 is yù chí: 魏 wei, then 于 yu2, then 尉迟 yu4.
    assert by(NameOrder.PINYIN, ["尉迟恭", "于谦", "魏征"]) == ["魏征", "于谦", "尉迟恭"]


@pytest.mark.parametrize(
    ("name", "syllables"),
    [
        ("区明", ["ou", "ming"]),
        ("仇明", ["qiu", "ming"]),
        ("解明", ["xie", "ming"]),
        ("查明", ["zha", "ming"]),
        ("朴明", ["piao", "ming"]),
        ("万俟卨", ["mo", "qi", "xie"]),
        ("单位明", ["shan", "wei", "ming"]),  # no phrase reading 单位 dān wèi
    ],
)
def test_surname_readings(name: str, syllables: list[str]) -> None:
    assert [element[1] for element in pinyin_key(name)] == syllables


# Surnames whose reading is not the character's everyday one, each placed
# where its surname reading puts it, and not where the everyday reading would.
@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # 乜 is niè (everyday miē): after 倪 ni, before 牛 niu, not before both.
        (["牛明", "乜明", "倪明"], ["倪明", "乜明", "牛明"]),
        # 要 is yāo (everyday yào): before 姚 yáo, not after it.
        (["姚明", "要明", "杨明"], ["杨明", "要明", "姚明"]),
        # 哈 is hǎ (everyday hā): after 铪 hā and 蛤 há, not before both.
        (["蛤明", "哈明", "铪明"], ["铪明", "蛤明", "哈明"]),
        # 舍 is shè (everyday shě): beside 社 shè, ordered by strokes (社 7, 舍 8).
        (["舍明", "社明", "佘明"], ["佘明", "社明", "舍明"]),
        # 訾 is zǐ (everyday zī): among 紫 zǐ by strokes (紫 12, 訾 13), not before 紫.
        (["自明", "訾明", "紫明", "资明"], ["资明", "紫明", "訾明", "自明"]),
    ],
    ids=["乜", "要", "哈", "舍", "訾"],
)
def test_surname_reading_places_the_name(names: list[str], expected: list[str]) -> None:
    assert by(NameOrder.PINYIN, names) == expected


@pytest.mark.parametrize(
    ("surname", "everyday", "as_surname"),
    [
        ("乜", ("mie", 1), ("nie", 4)),
        ("要", ("yao", 4), ("yao", 1)),
        ("哈", ("ha", 1), ("ha", 3)),
        ("舍", ("she", 3), ("she", 4)),
        ("訾", ("zi", 1), ("zi", 3)),
    ],
)
def test_surname_reading_differs_from_the_everyday_one(
    surname: str, everyday: tuple[str, int], as_surname: tuple[str, int]
) -> None:
    assert char_reading(surname) == everyday  # what pypinyin says for the character alone
    assert pinyin_key(surname + "明")[0][1:3] == as_surname
    assert pinyin_key(surname + "明", surname=False)[0][1:3] == everyday


def test_pinyin_surname_table_is_only_for_names() -> None:
    assert pinyin_key("单明", surname=False)[0][1] == "dan"
    # A dotted transliteration has no Han surname: 查干 is chá gān.
    assert pinyin_key("查干·巴特尔")[0][1] == "cha"


def test_char_reading_agrees_with_lazy_pinyin() -> None:
    # char_reading reads pypinyin's dictionary directly; it must say what
    # pypinyin's public API says, also after a pypinyin upgrade.
    from pypinyin import Style, lazy_pinyin

    sample = [*"一乙单曾吕女略绿嗯呣欸", *random.Random(0).sample(sorted(stroke_ranks()), 2000)]
    for ch in sample:
        found = lazy_pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True, errors="ignore")
        assert char_reading(ch) == (parse_tone3(found[0]) if found else None), ch


def test_pinyin_orders_by_tone_then_strokes() -> None:
    # 黎 li2 < 李 li3 < 厉 li4.
    assert by(NameOrder.PINYIN, ["厉明", "李明", "黎明"]) == ["黎明", "李明", "厉明"]
    # 李, 里, 理 are all li3: stroke order decides (李 7 strokes 1234551,
    # 里 7 strokes 2511211, 理 11 strokes).
    assert by(NameOrder.PINYIN, ["理", "里", "李"]) == ["李", "里", "理"]


# --- characters that are not ranked Han ------------------------------------------


@pytest.mark.parametrize("dot", ["·", "•", "‧", "・", "･"])
def test_middle_dot_is_ignored(dot: str) -> None:
    assert stroke_key(f"阿沛{dot}阿旺晋美") == stroke_key("阿沛阿旺晋美")
    assert pinyin_key(f"阿沛{dot}阿旺晋美") == pinyin_key("阿沛阿旺晋美")


@pytest.mark.parametrize(
    ("name", "surname"),
    [
        ("欧阳东", "欧阳"),
        ("欧阳少东", "欧阳"),
        ("欧阳", "欧"),  # nothing after the compound: 欧 + given name 阳
        ("田富", "田"),
        ("王A", ""),  # not all Han: compared as written
        ("", ""),
    ],
)
def test_parse_name(name: str, surname: str) -> None:
    assert parse_name(name).surname == surname


def test_names_with_latin_letters_have_no_surname_blank() -> None:
    assert surname_stroke_key("王A") == stroke_key("王A")


def test_dotted_names_have_no_surname_blank() -> None:
    assert parse_name("艾·力").surname == ""
    assert GAP not in surname_stroke_key("艾·力")
    assert GAP in surname_stroke_key("艾力")


def test_dotted_names_sort_among_han_names() -> None:
    # 阿 (7 strokes, 5212512) before 陈 (7, 5215234); 买 (6) before both.
    names = ["陈明", "阿沛·阿旺晋美", "买买提·艾力"]
    assert by(NameOrder.SURNAME_STROKES, names) == ["买买提·艾力", "阿沛·阿旺晋美", "陈明"]


def test_blanks_typed_for_alignment_are_ignored() -> None:
    assert stroke_key("田\u3000富") == stroke_key("田 富") == stroke_key("田富")
    assert surname_stroke_key("田\u3000富") == surname_stroke_key("田富")


@pytest.mark.parametrize("order", STROKE_ORDERS)
def test_unknown_han_then_latin_after_known_han(order: NameOrder) -> None:
    # 龘 is among the last ranked characters; 㐀 (Extension A) and 𠀀
    # (Extension B) are not ranked and follow by code point.
    names = ["Zhang Wei", "\U00020000", "abc", "\u3400", "龘", "张伟", "2号"]
    expected = ["张伟", "龘", "\u3400", "\U00020000", "2号", "abc", "Zhang Wei"]
    assert by(order, names) == expected


def test_latin_after_han_in_pinyin_order() -> None:
    names = ["Zhang Wei", "abc", "张伟", "2号", "安平"]
    assert by(NameOrder.PINYIN, names) == ["安平", "张伟", "2号", "abc", "Zhang Wei"]


def test_latin_ignores_case_and_full_width() -> None:
    assert stroke_key("ABC") == stroke_key("abc") == stroke_key("ＡＢＣ")


# --- properties ------------------------------------------------------------------

NAME_CHARS = "王文林欧阳洪田富大利单曾司马尉迟一乙龘\U00020000·• aZ9"
names_strategy = st.lists(st.text(alphabet=NAME_CHARS, min_size=0, max_size=5), max_size=12)


@settings(deadline=None)
@given(names=names_strategy, seed=st.integers(0, 2**32 - 1))
def test_sorting_is_total_and_repeatable(names: list[str], seed: int) -> None:
    shuffled = list(names)
    random.Random(seed).shuffle(shuffled)
    for order in KEYED_ORDERS:
        assert by(order, shuffled) == by(order, names)


@settings(deadline=None)
@given(a=st.text(alphabet=NAME_CHARS, max_size=5), b=st.text(alphabet=NAME_CHARS, max_size=5))
def test_only_identical_names_have_equal_keys(a: str, b: str) -> None:
    for order in KEYED_ORDERS:
        assert (name_key(a, order) == name_key(b, order)) == (a == b)


@settings(deadline=None)
@given(name=st.text(alphabet=NAME_CHARS, max_size=6))
def test_blanks_and_dots_do_not_change_the_stroke_key(name: str) -> None:
    assert stroke_key(name) == stroke_key(name.replace(" ", "").replace("·", "\u3000"))


# --- the data file is what the generator makes -------------------------------------


def test_data_file_matches_the_generator(tmp_path: Path) -> None:
    generator = REPO / "tools" / "make_stroke_order.py"
    subprocess.run([sys.executable, str(generator), "--out", str(tmp_path)], check=True)
    shipped = REPO / "meetplan" / "ordering" / "data" / "stroke_order.txt"
    assert (tmp_path / "stroke_order.txt").read_text("utf-8") == shipped.read_text("utf-8")
