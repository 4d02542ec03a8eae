"""A deep copy of Altair's chart objects that does not rebuild them, installed by `charts.kinds`.

Altair copies every part of a compound chart (`alt.layer`, `alt.vconcat`, a facet) when it is made, and its copy
rebuilds each object through the object's class, with a context manager entered per object: a copied layer chart
runs its constructor again, which copies its own layers again, so each level of nesting copies everything under it
once more. That was a fifth of a chapter's chart building (1.4 s of a two-language build's kernel time). An Altair
object is its `_args` and `_kwds` and nothing else, already combined when it was made, so a copy of those two is
the same object: the specs and drawings are byte for byte those of Altair's own copy (checked on every edition).
"""

from __future__ import annotations

from typing import Any

from altair.utils import schemapi

_ALTAIRS_OWN = schemapi._deep_copy


def _deep_copy(obj: Any, by_ref: set[str]) -> Any:
    """Altair's `_deep_copy` (schemapi), without the rebuild: the same result for objects that hold only their
    arguments, which every Altair class does; a class with its own `__deepcopy__` still goes Altair's way."""
    if isinstance(obj, schemapi.SchemaBase):
        if getattr(type(obj), "__deepcopy__", None) is not None:
            return _ALTAIRS_OWN(obj, by_ref)
        new = object.__new__(type(obj))
        kwds = {key: value if key in by_ref else _deep_copy(value, by_ref) for key, value in obj._kwds.items()}
        object.__setattr__(new, "_args", tuple(_deep_copy(arg, by_ref) for arg in obj._args))
        object.__setattr__(new, "_kwds", kwds)
        return new
    if isinstance(obj, list):
        return [_deep_copy(value, by_ref) for value in obj]
    if isinstance(obj, dict):
        return {key: value if key in by_ref else _deep_copy(value, by_ref) for key, value in obj.items()}
    return obj


def install() -> None:
    """Make Altair's copies use `_deep_copy` (SchemaBase.copy looks the function up in its module at each call)."""
    schemapi._deep_copy = _deep_copy
