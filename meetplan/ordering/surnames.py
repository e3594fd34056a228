"""Surnames: where a Chinese name's surname ends, and how a surname is read.

Both are data tables. A name is taken to start with a compound surname (复姓)
when it starts with one listed here and has at least one more character; a
name starting with 欧阳 is always 欧阳 + given name, never 欧 + 阳X. Compound
surnames whose first character is itself a common surname often followed by
the same second character in given names are left out, so that those people
keep a single surname: 宗政 (宗 + 政X), 乐正 (乐 + 正X) and 单于 (单 + 于X).
"""

from __future__ import annotations

from dataclasses import dataclass

from meetplan.ordering.text import is_han, split_name

# Compound surnames (复姓) from the 百家姓 and those still common today.
# fmt: off
COMPOUND_SURNAMES: frozenset[str] = frozenset({
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
    "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "闻人", "澹台", "独孤", "南宫",
    "西门", "端木", "百里", "呼延", "赫连", "司空", "濮阳", "太叔", "申屠", "公冶",
    "万俟", "东郭", "拓跋", "公羊", "羊舌", "微生", "第五", "左丘", "鲜于", "闾丘",
    "亓官", "仲孙", "巫马", "公西", "漆雕", "壤驷", "谷梁", "段干", "司寇", "子车",
    "颛孙", "梁丘", "东门", "公良", "淳于", "太史", "叔孙", "宰父",
})
# fmt: on

# How a surname is read when it differs from the character's everyday reading
# (多音字姓氏), in pypinyin's TONE3 form: toneless syllable, then the tone
# number, ü written v. Compiled from published lists of 多音字姓氏; not yet
# checked line by line against a printed dictionary.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan4",),
    "曾": ("zeng1",),
    "区": ("ou1",),
    "仇": ("qiu2",),
    "解": ("xie4",),
    "查": ("zha1",),
    "朴": ("piao2",),
    "尉": ("wei4",),
    "盖": ("ge3",),
    "缪": ("miao4",),
    "繁": ("po2",),
    "种": ("chong2",),
    "秘": ("bi4",),
    "覃": ("qin2",),
    "翟": ("zhai2",),
    "乐": ("yue4",),
    "华": ("hua4",),
    "任": ("ren2",),
    "燕": ("yan1",),
    "葛": ("ge3",),
    "员": ("yun4",),
    "贲": ("ben1",),
    "句": ("gou1",),
    "纪": ("ji3",),
    "过": ("guo1",),
    "隗": ("wei3",),
    "折": ("she2",),
    "那": ("na1",),
    "蕃": ("pi2",),
    "祭": ("zhai4",),
    "能": ("nai4",),
    "薄": ("bo2",),
    "黑": ("he4",),
    "阚": ("kan4",),
    "卜": ("bu3",),
    "都": ("du1",),
    "召": ("shao4",),
    "洗": ("xian3",),
    "佴": ("nai4",),
    "乜": ("nie4",),
    "要": ("yao1",),
    "哈": ("ha3",),
    "舍": ("she4",),
    "訾": ("zi3",),
    "尉迟": ("yu4", "chi2"),
    "万俟": ("mo4", "qi2"),
    "澹台": ("tan2", "tai2"),
    "令狐": ("ling2", "hu2"),
    "长孙": ("zhang3", "sun1"),
}


@dataclass(frozen=True)
class ParsedName:
    """A cleaned name split into surname and given name.

    ``surname`` is empty when the name has no Han surname: a dotted
    transliteration (阿沛·阿旺晋美) or a name with non-Han characters.
    """

    text: str
    surname: str

    @property
    def given(self) -> str:
        return self.text[len(self.surname) :]


def parse_name(name: str) -> ParsedName:
    """Split a roster name into surname and given name (see the module docstring)."""
    text, dotted = split_name(name)
    if not text or dotted or not all(is_han(ch) for ch in text):
        return ParsedName(text, "")
    return ParsedName(text, text[: surname_length(text)])


def surname_length(text: str) -> int:
    """1, or 2 when ``text`` starts with a compound surname and has a given name after it."""
    if len(text) > 2 and text[:2] in COMPOUND_SURNAMES:
        return 2
    return 1
