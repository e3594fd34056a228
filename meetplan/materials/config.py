"""meeting.toml's ``[[materials]]`` and ``[checklist]``: read, checked, every problem named.

```toml
[[materials]]
kind = "讲话稿"                  # 讲话稿 | 主持词 | 工作报告 | 会议须知 | 议程 | 其他 …
title = "县委书记讲话"
file = "materials/书记讲话.pdf"  # PDF or .docx; leave out for an item that is only counted
speaker = "张建国"               # who reads it (a roster name), if anyone
pages = 18                       # the expected page count, if known
copies = "rostrum+5"             # a number, or rostrum / hall / observer / staff / all, joined by +

[checklist]
remove = ["before.flowers"]      # standard items to leave out, by key
reword = { "before.banner" = "电子屏会标已核对" }
owner = { "before.sound" = "王强" }
time = { "before.inspection" = "11月30日 18:00" }
add = [{ stage = "会前", text = "与会领导车辆通行证已办理", owner = "李华", time = "" }]
```
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from meetplan.i18n import _
from meetplan.model.checklist import ChecklistItem, Material, Stage
from meetplan.model.errors import Location, Problem
from meetplan.model.text import PRESENTATION, shown, unfold, unprintable, visible
from meetplan.protocol.checklist import STANDARD_ITEMS, STANDARD_KEYS

MATERIAL_KEYS = ("kind", "title", "file", "speaker", "pages", "copies")
CHECKLIST_KEYS = ("remove", "reword", "owner", "time", "add")
STAGES = {"会前": Stage.BEFORE, "会中": Stage.DURING, "会后": Stage.AFTER}
STAGES.update({"before": Stage.BEFORE, "during": Stage.DURING, "after": Stage.AFTER})
# A material's kind, title and speaker, a checklist item's text, owner and time: printed
# in a cell of the checklist. A file's path: the system's limit on a whole path (Linux).
TEXT_LENGTH = 200
PATH_LENGTH = 4096


@dataclass(frozen=True)
class ChecklistSettings:
    """What the office changed in the standard checklist."""

    remove: tuple[str, ...] = ()
    reword: dict[str, str] = field(default_factory=dict)
    owner: dict[str, str] = field(default_factory=dict)
    time: dict[str, str] = field(default_factory=dict)
    add: tuple[ChecklistItem, ...] = ()


def checklist_items(settings: ChecklistSettings) -> tuple[ChecklistItem, ...]:
    """The standard items, as the office changed them, then the office's own, by stage."""
    items = [
        ChecklistItem(
            item.stage,
            settings.reword.get(item.key, item.text),
            item.key,
            settings.owner.get(item.key, ""),
            settings.time.get(item.key, ""),
        )
        for item in STANDARD_ITEMS
        if item.key not in settings.remove
    ]
    items += settings.add
    order = list(Stage)
    return tuple(sorted(items, key=lambda i: order.index(i.stage)))  # stable: office's own last


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    raise TypeError


def _refused(text: str, key: str, where: Location, *, path: bool = False) -> Problem | None:
    """Why a text (or a file's path) cannot be used, or None: characters that cannot be
    printed (a path cannot hold a line break or tab either), or too long."""
    bad = [c for c in text if c in PRESENTATION] if path else []
    bad = list(dict.fromkeys(bad + unprintable(text)))
    at = Location(file=where.file, key=where.key, value=shown(text))
    if bad:
        return Problem(
            _("{key} holds characters that cannot be used: {chars}.").format(
                key=key, chars=" ".join(visible(c) for c in bad[:8])
            ),
            at,
            hint=_(
                "Type it again by hand (text copied from other programs can carry invisible "
                "characters)."
            ),
        )
    limit = PATH_LENGTH if path else TEXT_LENGTH
    if len(text) > limit:
        return Problem(
            _("{key} is {length} characters long; at most {limit} are allowed.").format(
                key=key, length=len(text), limit=limit
            ),
            at,
            hint=_("Shorten it."),
        )
    return None


def _clean(text: str) -> str:
    """A printed text as typed: line breaks and tabs are layout (unfolded)."""
    return unfold(text).strip()


def parse_materials(raw: Any, file: str) -> tuple[tuple[Material, ...], list[Problem]]:
    """``[[materials]]`` as :class:`Material` entries; a wrong entry is a problem naming it."""
    if not isinstance(raw, list) or not all(isinstance(m, dict) for m in raw):
        return (), [
            Problem(
                _("materials must be a list of [[materials]] tables."),
                Location(file=file, key="materials"),
                hint=_('Write each item as [[materials]] with kind = "讲话稿", title = "…".'),
            )
        ]
    materials: list[Material] = []
    problems: list[Problem] = []
    for index, entry in enumerate(raw, start=1):
        where = f"materials[{index}]"
        values: dict[str, Any] = {}
        said: set[str] = set()  # keys already reported
        bad = False
        for key, value in entry.items():
            location = Location(file=file, key=f"{where}.{key}", value=str(value))
            if key not in MATERIAL_KEYS:
                problems.append(
                    Problem(
                        _("Unknown key '{key}' in [[materials]] item {index}.").format(
                            key=key, index=index
                        ),
                        location,
                        hint=_("Allowed keys: {keys}.").format(keys=", ".join(MATERIAL_KEYS)),
                    )
                )
                bad = True
                continue
            if key == "pages":
                if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                    problems.append(
                        Problem(
                            _("pages must be a whole number of pages, such as 18."),
                            location,
                            hint=_("Leave pages out if the page count is not known."),
                        )
                    )
                    bad = True
                    continue
                values[key] = value
            elif key == "copies":
                if isinstance(value, bool) or not isinstance(value, int | str):
                    problems.append(
                        Problem(
                            _('copies must be a number or a rule such as "rostrum+5".'),
                            location,
                        )
                    )
                    bad = True
                    continue
                values[key] = str(value).strip()
            else:
                try:
                    text = _text(value)
                except TypeError:
                    problems.append(
                        Problem(
                            _("{key} must be text in quotes.").format(key=key),
                            location,
                        )
                    )
                    bad = True
                    continue
                path = key == "file"
                text = text if path else _clean(text)
                refused = _refused(text, key, location, path=path)
                if refused is not None:
                    problems.append(refused)
                    bad = True
                    said.add(key)
                    continue
                values[key] = text
        if not values.get("title") and "title" not in said:
            problems.append(
                Problem(
                    _("[[materials]] item {index} has no title.").format(index=index),
                    Location(file=file, key=f"{where}.title"),
                    hint=_('Give every item a title, such as title = "县委书记讲话".'),
                )
            )
            bad = True
        if not bad:
            materials.append(
                Material(
                    kind=values.get("kind", "") or "材料",
                    title=values["title"],
                    file=values.get("file", ""),
                    speaker=values.get("speaker", ""),
                    pages=values.get("pages"),
                    copies=values.get("copies", ""),
                    index=index,
                )
            )
    return tuple(materials), problems


def _unknown_key(key: str, where: Location) -> Problem:
    close = difflib.get_close_matches(key, sorted(STANDARD_KEYS), n=3)
    hint = (
        _("Did you mean {names}?").format(names=", ".join(close))
        if close
        else _("The standard items' keys are listed in docs/checklist.md.")
    )
    # the item itself, not the whole table it was written in
    at = Location(file=where.file, key=where.key, value=key)
    return Problem(_("There is no standard checklist item '{key}'.").format(key=key), at, hint=hint)


def parse_checklist(raw: Any, file: str) -> tuple[ChecklistSettings, list[Problem]]:
    """``[checklist]`` as :class:`ChecklistSettings`; each problem names its key."""
    problems: list[Problem] = []
    if not isinstance(raw, dict):
        return ChecklistSettings(), [
            Problem(_("[checklist] must be a table."), Location(file=file, key="checklist"))
        ]
    remove: list[str] = []
    maps: dict[str, dict[str, str]] = {"reword": {}, "owner": {}, "time": {}}
    add: list[ChecklistItem] = []
    for key, value in raw.items():
        where = Location(file=file, key=f"checklist.{key}", value=str(value))
        if key not in CHECKLIST_KEYS:
            problems.append(
                Problem(
                    _("Unknown key '{key}' in [{section}].").format(key=key, section="checklist"),
                    where,
                    hint=_("Allowed keys in [{section}]: {keys}.").format(
                        section="checklist", keys=", ".join(CHECKLIST_KEYS)
                    ),
                )
            )
        elif key == "remove":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(
                    Problem(
                        _(
                            'checklist.remove must be a list of item keys, such as ["before.flowers"].'
                        ),
                        where,
                    )
                )
                continue
            for item in value:
                if item in STANDARD_KEYS:
                    remove.append(item)
                else:
                    problems.append(_unknown_key(item, where))
        elif key in maps:
            if not isinstance(value, dict):
                problems.append(
                    Problem(
                        _(
                            'checklist.{key} must be a table such as {{ "before.sound" = "…" }}.'
                        ).format(key=key),
                        where,
                    )
                )
                continue
            for item, text in value.items():
                if item not in STANDARD_KEYS:
                    problems.append(_unknown_key(item, where))
                elif not isinstance(text, str):
                    problems.append(
                        Problem(_("{key} must be text in quotes.").format(key=item), where)
                    )
                else:
                    at = Location(file=where.file, key=f"checklist.{key}.{item}")
                    refused = _refused(_clean(text), item, at)
                    if refused is not None:
                        problems.append(refused)
                    else:
                        maps[key][item] = _clean(text)
        else:  # add
            if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
                problems.append(
                    Problem(
                        _(
                            'checklist.add must be a list of tables such as {{ stage = "会前", text = "…" }}.'
                        ),
                        where,
                    )
                )
                continue
            for number, entry in enumerate(value, start=1):
                item, problem = _added_item(
                    entry, Location(file=file, key=f"checklist.add[{number}]")
                )
                if problem is not None:
                    problems.append(problem)
                elif item is not None:
                    add.append(item)
    settings = ChecklistSettings(
        tuple(remove), maps["reword"], maps["owner"], maps["time"], tuple(add)
    )
    return settings, problems


def _added_item(
    entry: dict[str, Any], where: Location
) -> tuple[ChecklistItem | None, Problem | None]:
    unknown = [k for k in entry if k not in ("stage", "text", "owner", "time")]
    if unknown:
        return None, Problem(
            _("Unknown key '{key}' in an added checklist item.").format(key=unknown[0]),
            where,
            hint=_("An added item has stage, text, owner and time."),
        )
    stage = STAGES.get(str(entry.get("stage", "")).strip())
    if stage is None:
        return None, Problem(
            _('An added checklist item needs stage = "会前", "会中" or "会后".'),
            Location(file=where.file, key=f"{where.key}.stage", value=str(entry.get("stage", ""))),
        )
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, Problem(
            _("An added checklist item needs its text."),
            Location(file=where.file, key=f"{where.key}.text"),
        )
    owner, when = entry.get("owner", ""), entry.get("time", "")
    if not isinstance(owner, str) or not isinstance(when, str):
        return None, Problem(_("owner and time must be text in quotes."), where)
    texts = {"text": _clean(text), "owner": _clean(owner), "time": _clean(when)}
    for key, value in texts.items():
        refused = _refused(value, key, Location(file=where.file, key=f"{where.key}.{key}"))
        if refused is not None:
            return None, refused
    return ChecklistItem(stage, texts["text"], "", texts["owner"], texts["time"]), None
