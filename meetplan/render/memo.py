"""Documents kept between builds: the same inputs, made by the same code, are the same bytes.

Every document of out/ is made by a *maker*, a function of no arguments that
closes over exactly what the document prints (the plan or a part of it, the
settings, the names of registered font subsets). Documents are deterministic
(a test), so a maker whose inputs and code have not changed would make the
same bytes again. The memo keeps each document in the meeting's
``.meetplan.cache/documents/`` (:mod:`meetplan.util.store`) under a digest of:

- the document's name and the maker's own name and line;
- everything the maker closes over (or a ``functools.partial``'s function and
  arguments), pickled; a registered font is named by a digest of its file
  and characters (:func:`meetplan.fonts.book.font_name`), so the name stands for
  the subset;
- every file of the meetplan package (:func:`code_digest`) and the versions of
  the libraries that draw and write (reportlab, openpyxl, fontTools …).

A maker that closes over anything else (an open font, a file, a function made
at run time) cannot be keyed and is simply made each time: :class:`Pickler`
refuses every object that is not plain data. A missing or damaged cache file is
made again, silently (the store checks a SHA-256 on every read).
"""

from __future__ import annotations

import contextlib
import copyreg
import dataclasses
import functools
import hashlib
import io
import json
import operator
import pickle
import types
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from meetplan.i18n import language
from meetplan.util.store import Store, digest

if TYPE_CHECKING:
    from meetplan.model.checklist import CheckResult

MAX_DOCUMENTS = 400  # files kept: some 15 builds' documents
MAX_BYTES = 512 * 1024 * 1024  # and at most this much disk (a 10,000-person build: ~50 MB)

# The libraries whose output a document carries.
LIBRARIES = ("reportlab", "openpyxl", "fonttools", "pypdf", "pypinyin")

# Types a maker's inputs may be made of: plain data, meetplan's model, and the
# standard library's value types. Anything else (a FontBook, a parsed font, an
# open file, a workbook) makes the maker unkeyable.
_PLAIN_MODULES = ("builtins", "pathlib", "datetime", "enum", "decimal", "fractions", "collections")
_REFUSED_PACKAGES = ("meetplan.fonts", "meetplan.util")


class Unkeyable(Exception):
    """A maker's inputs are not plain data: it cannot be kept."""


def _digested(*value: object) -> None:
    """Stands in a key for a value pickled elsewhere (:class:`Pickler`); never called."""


# Pickled as a two-byte code instead of its module and name each time (PEP 307: codes
# 240-255 are for private use): a 10,000-person plan's key is a third smaller and faster.
_EXTENSION_CODE = 241
with contextlib.suppress(ValueError):  # already registered (a reloaded module)
    copyreg.add_extension(__name__, "_digested", _EXTENSION_CODE)


# How the pickler takes each type (see Pickler._how): decided once per type.
_FIELDS, _PLAIN, _FUNCTION, _REFUSED = "fields", "plain", "function", "refused"
_HOW: dict[type, tuple[str, Callable[[Any], tuple[Any, ...]] | None]] = {}
_NAMES: dict[type, str] = {}  # a dataclass's module and name, as it stands in a key


class Pickler(pickle.Pickler):
    """Pickles plain data only (see ``_PLAIN_MODULES``); raises Unkeyable for the rest.

    The pickle is of values, not of objects: ``fast`` mode keeps no memo, so
    the same values give the same bytes however they share objects (a roster read
    from a spreadsheet shares its repeated cells, one read back from the record
    does not). A dataclass is pickled as its module, class name and field values. With
    ``plans_digested``, a :class:`~meetplan.model.plan.Plan`, which most makers close
    over, stands by its digest (:func:`plan_digest`, made once per plan); with
    ``people``, a person of that plan's roster stands by their place in it.
    """

    def __init__(
        self,
        file: io.BytesIO,
        plans_digested: bool = False,
        people: dict[int, int] | None = None,
    ) -> None:
        super().__init__(file, protocol=5)
        self.fast = True
        self.plans_digested = plans_digested
        self.people = people

    def reducer_override(self, obj: Any) -> Any:
        kind, values = _HOW.get(type(obj)) or _how(type(obj))
        if kind is _FIELDS:
            assert values is not None
            if self.people is not None:
                place = self.people.get(id(obj))
                if place is not None:
                    return (_digested, ("person", place))
            if self.plans_digested and type(obj).__name__ == "Plan":
                return (_digested, ("plan", plan_digest(obj)))
            return (_digested, (_NAMES[type(obj)], values(obj)))
        if kind is _FUNCTION:  # pickled by its name: the code digest (or a version) covers it
            qualname = getattr(obj, "__qualname__", "")
            if "<lambda>" in qualname or "<locals>" in qualname:
                raise Unkeyable(f"a function made at run time: {qualname}")
            return NotImplemented
        if kind is _REFUSED:
            raise Unkeyable(f"not plain data: {type(obj).__module__}.{type(obj).__qualname__}")
        return NotImplemented


def _how(kind: type) -> tuple[str, Callable[[Any], tuple[Any, ...]] | None]:
    module = kind.__module__ or ""
    found: tuple[str, Callable[[Any], tuple[Any, ...]] | None]
    if issubclass(kind, types.FunctionType | types.BuiltinFunctionType | type):
        found = (_FUNCTION, None)
    elif module.startswith(_REFUSED_PACKAGES) or not (
        module.startswith("meetplan.") or module in _PLAIN_MODULES
    ):
        found = (_REFUSED, None)
    elif dataclasses.is_dataclass(kind):
        # a field marked printed=False (Plan.notes) is for the terminal, never a document
        names = [f.name for f in dataclasses.fields(kind) if f.metadata.get("printed", True)]
        _NAMES[kind] = f"{module}.{kind.__qualname__}"
        if len(names) > 1:
            found = (_FIELDS, operator.attrgetter(*names))
        elif names:
            one = operator.attrgetter(names[0])
            found = (_FIELDS, lambda obj: (one(obj),))
        else:
            found = (_FIELDS, lambda obj: ())
    else:
        found = (_PLAIN, None)
    _HOW[kind] = found
    return found


# The last plans digested, with the plans themselves (so that an id is not reused).
_PLAN_DIGESTS: dict[int, tuple[Any, str]] = {}
_PLANS_KEPT = 4


def plan_digest(plan: Any) -> str:
    """A digest of a plan's values: its roster (each person once, in full), then the rest,
    where a person of the roster stands by their place in it. Made once per plan."""
    kept = _PLAN_DIGESTS.get(id(plan))
    if kept is not None and kept[0] is plan:
        return kept[1]
    found = hashlib.sha256(plain(plan.roster))
    people = {id(person): place for place, person in enumerate(plan.roster.attendees)}
    rest = tuple(
        getattr(plan, f.name)
        for f in dataclasses.fields(plan)
        if f.name != "roster" and f.metadata.get("printed", True)
    )
    found.update(plain(rest, people=people))
    while len(_PLAN_DIGESTS) >= _PLANS_KEPT:
        del _PLAN_DIGESTS[next(iter(_PLAN_DIGESTS))]
    _PLAN_DIGESTS[id(plan)] = (plan, found.hexdigest())
    return found.hexdigest()


def _package_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo")
    )


@functools.cache
def code_digest() -> str:
    """A digest of every file of the meetplan package (code, layouts, templates, catalogues)
    and of the drawing libraries' versions: any change of either makes every document anew."""
    from importlib.metadata import PackageNotFoundError, version

    from meetplan.resources import layouts_dir, schema_dir

    root = Path(__file__).resolve().parent.parent
    found = hashlib.sha256()
    # the shipped layouts and schemas: inside an installed package, beside it in a checkout
    for folder in dict.fromkeys((root, layouts_dir(), schema_dir())):
        for path in _package_files(folder):
            found.update(path.relative_to(folder.parent).as_posix().encode("utf-8") + b"\0")
            found.update(path.read_bytes())
            found.update(b"\0")
    for library in LIBRARIES:
        try:
            found.update(f"{library}={version(library)}\0".encode())
        except PackageNotFoundError:
            found.update(f"{library}=none\0".encode())
    return found.hexdigest()


def maker_inputs(maker: Callable[[], Any], plans_digested: bool = False) -> bytes:
    """The pickled inputs of a maker; raises Unkeyable when they are not plain data."""
    if isinstance(maker, functools.partial):
        inputs: Any = (maker.func, maker.args, sorted(maker.keywords.items()))
        where = f"{maker.func.__module__}.{maker.func.__qualname__}"
    else:
        code = getattr(maker, "__code__", None)
        if code is None:
            raise Unkeyable(f"not a function: {maker!r}")
        cells = tuple(cell.cell_contents for cell in maker.__closure__ or ())
        inputs = cells
        where = f"{maker.__module__}.{maker.__qualname__}:{code.co_firstlineno}"
    return where.encode("utf-8") + b"\0" + plain(inputs, plans_digested)


def plain(
    inputs: Any,
    plans_digested: bool = False,
    people: dict[int, int] | None = None,
) -> bytes:
    """``inputs`` pickled, when they are plain data (:class:`Pickler`); else Unkeyable."""
    buffer = io.BytesIO()
    try:
        Pickler(buffer, plans_digested, people).dump(inputs)
    except Unkeyable:
        raise
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as exc:
        raise Unkeyable(str(exc)) from exc
    return buffer.getvalue()


class DocumentMemo:
    """Documents by the digest of their maker's inputs and meetplan's code."""

    def __init__(self, folder: Path) -> None:
        self._store = Store(folder, ".doc", MAX_DOCUMENTS, MAX_BYTES)

    def key(self, name: str, maker: Callable[[], Any]) -> str | None:
        """The maker's key, or None when it cannot be kept."""
        try:
            inputs = maker_inputs(maker, plans_digested=True)
        except Unkeyable:
            return None
        # The terminal's language too: no document prints it (a test builds under both),
        # but a document made under another language is not worth the doubt.
        return digest((code_digest(), language(), name, inputs))

    def get(self, key: str) -> bytes | None:
        return self._store.get(key)

    def put(self, key: str, data: bytes) -> None:
        self._store.put(key, data)


def made(
    makers: Mapping[str, Callable[[], bytes]],
    memo: DocumentMemo | None,
    make: Callable[[Mapping[str, Callable[[], bytes]]], dict[str, bytes]],
) -> tuple[dict[str, bytes], list[str]]:
    """Every document of ``makers``, in their order: the kept ones from the memo, the
    others by ``make`` (then kept). Also the names of the documents taken from the memo."""
    if memo is None:
        done = make(makers)
        return {name: done[name] for name in makers}, []
    keys = {name: memo.key(name, maker) for name, maker in makers.items()}
    kept: dict[str, bytes] = {}
    for name, key in keys.items():
        if key is not None:
            data = memo.get(key)
            if data is not None:
                kept[name] = data
    todo = {name: maker for name, maker in makers.items() if name not in kept}
    done = make(todo) if todo else {}
    for name, data in done.items():
        key = keys[name]
        if key is not None:
            memo.put(key, data)
    both = kept | done
    return {name: both[name] for name in makers}, list(kept)


class CheckMemo:
    """What the checks of meetplan's own documents found
    (:func:`meetplan.materials.checks.check_documents`), by a digest of their inputs:
    the plan, each document's bytes, the fonts asked about and the language the
    results speak. Kept as JSON, never as pickles: a cache file is only ever data."""

    def __init__(self, folder: Path) -> None:
        self._store = Store(folder, ".checks", MAX_DOCUMENTS)

    @staticmethod
    def key(plan: Any, documents: Mapping[str, bytes], facts: tuple[str, ...]) -> str | None:
        """``facts``: everything else the checks depend on (file names, font identities,
        the language), as text."""
        try:
            inputs = plain(plan, plans_digested=True)
        except Unkeyable:
            return None
        named = [
            f"{name}={hashlib.sha256(data).hexdigest()}" for name, data in sorted(documents.items())
        ]
        return digest((code_digest(), "checks", inputs, *named, *facts))

    def get(self, key: str) -> list[CheckResult] | None:
        from meetplan.model.checklist import CheckResult, Outcome

        data = self._store.get(key)
        if data is None:
            return None
        try:
            return [
                CheckResult(
                    str(r["group"]),
                    str(r["item"]),
                    Outcome(r["outcome"]),
                    str(r["reason"]),
                    None if r["page"] is None else int(r["page"]),
                    None if r["copies"] is None else int(r["copies"]),
                )
                for r in json.loads(data)
            ]
        except (ValueError, TypeError, KeyError):
            return None  # not what this version writes: checked again

    def put(self, key: str, results: list[CheckResult]) -> None:
        rows = [
            {
                "group": r.group,
                "item": r.item,
                "outcome": r.outcome.value,
                "reason": r.reason,
                "page": r.page,
                "copies": r.copies,
            }
            for r in results
        ]
        self._store.put(key, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
