"""One run of a chapter for several languages: what differs by language is held as `Each`, a value per language.

A build that wants a chapter in English and 中文 runs its notebook once. Where the chapter's code asks for words (a
text, a figure as a phrase, a chart kind) it gets an `Each`; calling, indexing, adding or iterating an `Each` does so
in each language, and a result the same in every language (an id, a year, a count, a table) is one plain value
again. Looking figures up (`once`) runs once, not once a language. Everything a cell shows is shown in every
language as one output (`MIME`: the first language's as usual, the others' inside it), which the build splits into
each language's executed notebook (`split`). A run for one language never meets an `Each`: every value is plain and
the notebook runs as it always did, in JupyterLab as with papermill.
"""

from __future__ import annotations

import copy
import datetime
import functools
import math
import operator
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ..errors import UserError

# The output data key under which a cell's output carries its other languages: {"lang": the language shown,
# "other": {lang: {"data": ..., "metadata": ...}}}.
MIME = "application/vnd.trustreport.languages+json"

F = TypeVar("F", bound=Callable[..., Any])


def once(method: F) -> F:
    """Mark a method whose result is the same in every language (a lookup in the tables): an `Each` of such bound
    methods, called with arguments the same in every language, calls the first language's only."""
    method.__trustreport_once__ = True  # type: ignore[attr-defined]
    return method


class Each:
    """A value in each language of the run, {lang: value}, the first the language the notebook shows."""

    __slots__ = ("by",)

    def __init__(self, by: dict[str, Any]) -> None:
        object.__setattr__(self, "by", by)

    def __getattr__(self, name: str) -> Any:
        # Private names stay unanswered: IPython asks every shown value for its _repr_*_ methods, and an Each has its
        # own (_repr_mimebundle_).
        if name.startswith("_"):
            raise AttributeError(name)
        return collapse({lang: getattr(value, name) for lang, value in self.by.items()})

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"a value in each language ({', '.join(self.by)}) is not changed in place ({name})")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        args, kwargs = _listed(args), _listed(kwargs)
        values = list(self.by.values())
        if getattr(getattr(values[0], "__func__", None), "__trustreport_once__", False) and not _languages(
            (args, kwargs)
        ):
            return values[0](*args, **kwargs)
        return in_each(self.by, lambda value, lang: value(*project(args, lang), **project(kwargs, lang)))

    def __getitem__(self, key: Any) -> Any:
        return in_each(self.by, lambda value, lang: value[project(key, lang)])

    def __iter__(self) -> Iterator[Any]:
        listed = {lang: list(value) for lang, value in self.by.items()}
        if len({len(items) for items in listed.values()}) > 1:
            raise UserError(
                "a chapter iterates over values that differ in number between languages: "
                + ", ".join(f"{len(items)} in {lang}" for lang, items in listed.items())
            )
        for items in zip(*listed.values(), strict=True):
            yield collapse(dict(zip(listed, items, strict=True)))

    def __len__(self) -> int:
        return _one({lang: len(value) for lang, value in self.by.items()}, "a length")

    def __bool__(self) -> bool:
        return _one({lang: bool(value) for lang, value in self.by.items()}, "a condition")

    def __contains__(self, item: Any) -> bool:
        return _one({lang: project(item, lang) in value for lang, value in self.by.items()}, "a test of membership")

    def __hash__(self) -> int:  # a dict keyed by names in each language
        return hash(tuple(self.by.items()))

    def __str__(self) -> str:
        # one text would be one language's: a chapter states words through the calls that make them in each
        raise TypeError(
            f"a value in each language ({', '.join(self.by)}) made into one text: pass it to ch.t, Markdown or a "
            "chart, which take each language's"
        )

    def __format__(self, spec: str) -> str:
        return self.__str__()

    def __repr__(self) -> str:
        return "Each(" + ", ".join(f"{lang}={value!r}" for lang, value in self.by.items()) + ")"

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> tuple[dict, dict]:
        """How a notebook shows it (a cell's last value, `display`): each language's output in one."""
        from IPython.core.getipython import get_ipython

        shell = get_ipython()
        assert shell is not None and shell.display_formatter is not None  # shown by a notebook's kernel
        formats = shell.display_formatter.format
        return together({lang: formats(value, include, exclude) for lang, value in self.by.items()})


def _binary(name: str, operation: Callable[[Any, Any], Any]) -> Callable[[Each, Any], Any]:
    def operate(self: Each, other: Any) -> Any:
        return in_each(self.by, lambda value, lang: operation(value, project(other, lang)))

    operate.__name__ = name
    return operate


def _reflected(name: str, operation: Callable[[Any, Any], Any]) -> Callable[[Each, Any], Any]:
    def operate(self: Each, other: Any) -> Any:
        return in_each(self.by, lambda value, lang: operation(project(other, lang), value))

    operate.__name__ = f"__r{name}__"
    return operate


for _name in ("add", "sub", "mul", "truediv", "mod"):
    setattr(Each, f"__{_name}__", _binary(f"__{_name}__", getattr(operator, _name)))
    setattr(Each, f"__r{_name}__", _reflected(_name, getattr(operator, _name)))
for _name in ("eq", "ne", "lt", "le", "gt", "ge"):
    setattr(Each, f"__{_name}__", _binary(f"__{_name}__", getattr(operator, _name)))


def in_each(by: dict[str, Any], make: Callable[[Any, str], Any]) -> Any:
    """`make(value, lang)` for each language's value, what each shows gathered into one output each; the results as
    one value where they are the same."""
    results: dict[str, Any] = {}
    shown: dict[str, list[tuple[dict, dict]]] = {}
    for lang, value in by.items():
        with _showing() as outputs:
            results[lang] = make(value, lang)
        shown[lang] = outputs
    _show_together(shown)
    return collapse(results)


def in_each_language(function: F) -> F:
    """A function that makes words, called with an `Each` anywhere in its arguments, is called in each language
    (the arguments as that language has them); with none, as it is."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        args, kwargs = _listed(args), _listed(kwargs)
        langs = _languages((args, kwargs))
        if not langs:
            return function(*args, **kwargs)
        return in_each(dict.fromkeys(langs), lambda _, lang: function(*project(args, lang), **project(kwargs, lang)))

    return call  # type: ignore[return-value]


def collapse(by: dict[str, Any]) -> Any:
    """The one value when every language's is the same; else an `Each`."""
    values = list(by.values())
    first = values[0]
    if all(value is first or _same(first, value) for value in values[1:]):
        return first
    return Each(by)


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if a is None or isinstance(a, (str, int, bytes, datetime.date, frozenset, set)):
        return bool(a == b)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if type(a).__module__.startswith("polars"):  # a DataFrame or Series: equal cells, nulls included
        return bool(a.equals(b))
    if hasattr(type(a), "model_fields"):  # a pydantic model (an edition's what-if base)
        return bool(a == b)
    return False


def project(value: Any, lang: str) -> Any:
    """`value` as `lang` has it: an `Each` by its value in `lang`, inside lists, tuples, sets and dicts too."""
    if isinstance(value, Each):
        return value.by[lang]
    if isinstance(value, list):
        return [project(v, lang) for v in value]
    if isinstance(value, tuple):
        return tuple(project(v, lang) for v in value)
    if isinstance(value, (set, frozenset)):
        return type(value)(project(v, lang) for v in value)
    if isinstance(value, dict):
        return {project(k, lang): project(v, lang) for k, v in value.items()}
    return value


def _listed(values: Any) -> Any:
    """Arguments with any generator or iterator made a list: each language reads the same items."""
    if isinstance(values, dict):
        return {k: list(v) if isinstance(v, Iterator) else v for k, v in values.items()}
    return tuple(list(v) if isinstance(v, Iterator) else v for v in values)


def _languages(value: Any) -> list[str]:
    """The languages of the first `Each` found in `value` (none: [])."""
    if isinstance(value, Each):
        return list(value.by)
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            if found := _languages(item):
                return found
    return []


def _one(found: dict[str, Any], what: str) -> Any:
    """The one answer every language gives (a length, a condition); an error where they differ."""
    if len(set(found.values())) > 1:
        raise UserError(
            f"a chapter's code takes {what} that differs between languages ("
            + ", ".join(f"{lang}: {v!r}" for lang, v in found.items())
            + "): the computation must be the same in each; only words differ"
        )
    return next(iter(found.values()))


class _showing:
    """What a language's part of a call shows, kept back (data, metadata) to be shown with the other languages'."""

    def __enter__(self) -> list[tuple[dict, dict]]:
        from IPython.core.displaypub import CapturingDisplayPublisher
        from IPython.core.getipython import get_ipython

        self.shell = get_ipython()
        self.kept = CapturingDisplayPublisher()
        self.outputs: list[tuple[dict, dict]] = []
        if self.shell is not None:
            self.publisher, self.shell.display_pub = self.shell.display_pub, self.kept
        return self.outputs

    def __exit__(self, *_: object) -> None:
        if self.shell is not None:
            self.shell.display_pub = self.publisher
            self.outputs.extend((output["data"], output["metadata"] or {}) for output in self.kept.outputs)


def _show_together(shown: dict[str, list[tuple[dict, dict]]]) -> None:
    if not any(shown.values()):
        return
    if len({len(outputs) for outputs in shown.values()}) > 1:
        raise UserError(
            "a chapter's call shows a different number of outputs in each language ("
            + ", ".join(f"{len(outputs)} in {lang}" for lang, outputs in shown.items())
            + ")"
        )
    from IPython.display import publish_display_data

    for outputs in zip(*shown.values(), strict=True):
        data, metadata = together(dict(zip(shown, outputs, strict=True)))
        publish_display_data(data, metadata)


def together(outputs: dict[str, tuple[dict, dict]]) -> tuple[dict, dict]:
    """Each language's output (data, metadata) as one: the first language's, the others' inside it (`MIME`)."""
    (lang, (data, metadata)), *others = outputs.items()
    if not others:
        return data, metadata
    other = {o_lang: {"data": o_data, "metadata": o_metadata} for o_lang, (o_data, o_metadata) in others}
    return {**data, MIME: {"lang": lang, "other": other}}, metadata


def split(notebook: dict, lang: str) -> dict:
    """An executed notebook of a run in several languages as a run in `lang` alone would have written it: each
    output in `lang`, the Markdown cells of other languages left out (text.in_language is the caller's)."""
    nb = copy.deepcopy(notebook)
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data")
            if not data or MIME not in data:
                continue
            languages = data.pop(MIME)
            if languages["lang"] != lang:
                mine = languages["other"][lang]
                output["data"], output["metadata"] = _as_lines(mine["data"]), mine["metadata"]
    return nb


def _as_lines(data: dict[str, Any]) -> dict[str, Any]:
    """Output data as nbformat writes it to a file: text as a list of lines, JSON as it is."""
    return {
        mime: value.splitlines(True)
        if isinstance(value, str) and mime != "application/json" and not mime.endswith("+json")
        else value
        for mime, value in data.items()
    }
