"""What a chapter was built with, shown at its end: edition, parameters, data fingerprint, versions."""

from __future__ import annotations

from . import __version__
from .data import fingerprint
from .figures import Figures
from .params import Edition
from .paths import build_dir


def built_with(chapter: str, edition: Edition, figures: Figures) -> str:
    """The chapter's closing box (Markdown); also writes the ledger of every number its prose stated."""
    figures.save_ledger(build_dir(edition.edition) / "ledger" / f"{chapter}.json")
    shown = {k: v for k, v in edition.notebook_parameters().items() if k not in ("title", "subtitle")}
    params = ", ".join(f"`{k}` {_value(v)}" for k, v in shown.items())
    return (
        "::: {.tr-built}\n"
        f"**Built with** edition {edition.edition} ({edition.focus_year} against {edition.baseline_year}) · "
        f"data fingerprint `{fingerprint(edition.data_path())}` · trustreport {__version__}  \n"
        f"Parameters: {params}\n"
        ":::\n"
    )


def _value(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "(" + ", ".join(f"{k} {_value(v)}" for k, v in value.items()) + ")"
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)
