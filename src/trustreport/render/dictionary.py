"""The data dictionary, generated from the schemas: what each column holds, its type, unit and allowed values."""

from __future__ import annotations

import inspect

import dataframely as dy

from ..records.ingest import ALIASES, OPEN, RESOLVED
from ..data.schemas import TABLES, FigureTable
from ..data.csvread import LINE
from ..data.units import UNITS

BASE_UNIT_WORDS = {
    "count": "number of items", "people": "people", "times": "number of times", "rmb": "yuan (RMB)",
    "pct": "percent", "index": "index points", "hours": "hours",
}


def _type(column: dy.Column) -> str:
    if isinstance(column, dy.Enum):
        return "one of a list"
    if isinstance(column, dy.Float64):
        return "number"
    if isinstance(column, dy.Int64):
        return "whole number"
    if column.regex and "\\d{4}" in column.regex:
        return "date or period"
    return "text"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _kind(column: dy.Column) -> str:
    """Type and whether it may be empty, in one cell: "text", "number, optional"."""
    return _type(column) + ("" if not column.nullable else ", optional")


def _columns_table(columns: dict[str, dy.Column], *, unit_column: bool) -> list[str]:
    """One row per column: name, type (and optional), what it holds, the values it allows. Four columns, so the
    table fits a page's width (and a phone's) with room for the meaning."""
    # The dashes give pandoc the columns' relative widths: the meaning gets the most room.
    lines = ["| column | type | meaning | allowed values |", "|" + "-" * 18 + "|" + "-" * 15 + "|" + "-" * 42 + "|" + "-" * 25 + "|"]
    for column_name, column in columns.items():
        if column_name == LINE:
            continue
        allowed = ", ".join(map(str, column.categories)) if isinstance(column, dy.Enum) else ""
        if unit_column and column_name == "unit":
            allowed = "see each table's measures"
        lines.append(f"| `{column_name}` | {_kind(column)} | {_cell(column.description or '')} | {_cell(allowed)} |")
    return lines


def shared_section() -> str:
    """The columns every table of published figures has, listed once."""
    lines = ["## Columns every figure table has", "",
             "Each figure table below has these columns, then its own. `value` is in the row's `unit`, and is",
             "converted on loading to the base-unit column its `measure` names.", ""]
    return "\n".join(lines + _columns_table(FigureTable.columns(), unit_column=True)) + "\n"


def table_section(name: str) -> str:
    schema, file = TABLES[name]
    lines = [f"## `{file}`", "", inspect.getdoc(schema).splitlines()[0], ""]
    columns = schema.columns()
    if issubclass(schema, FigureTable):
        shared = FigureTable.columns()
        columns = {k: v for k, v in columns.items() if k not in shared or k == "measure"}
        lines += ["The shared figure columns, and:", ""]
    lines += _columns_table(columns, unit_column=False)
    if issubclass(schema, FigureTable):
        lines += ["", "| measure | loaded into (base units) | base unit | units accepted as reported |",
                  "|" + "-" * 18 + "|" + "-" * 24 + "|" + "-" * 18 + "|" + "-" * 40 + "|"]
        for measure, (base, column) in schema.MEASURES.items():
            accepted = ", ".join(u for u, spec in UNITS.items() if spec.base == base)
            lines.append(f"| `{measure}` | `{column}` | {BASE_UNIT_WORDS[base]} | {_cell(accepted)} |")
    return "\n".join(lines) + "\n"


def records_section() -> str:
    lines = [
        "## Complaint records (your own files)",
        "",
        "One row per complaint, CSV (UTF-8 or GBK) or Parquet, read by `trustreport ingest-complaints`. Headers may be",
        "English or Chinese, in any order; other columns are ignored.",
        "",
        "| column | also accepted as | meaning |",
        "|" + "-" * 22 + "|" + "-" * 38 + "|" + "-" * 40 + "|",
    ]
    meaning = {
        "id": "the complaint's id on its site; repeats are dropped and counted",
        "created_at": "when it was filed: 2021-06-16, 2021/6/16 or 2021年6月16日, a time may follow",
        "platform": "the platform complained about",
        "category": "what it is about",
        "status": f"resolved ({', '.join(RESOLVED)}) or open ({', '.join(OPEN)}); empty means unknown",
        "amount": "money involved, yuan, 0 or more",
        "title": "the complaint's title (not aggregated)",
    }
    for name, aliases in ALIASES.items():
        optional = "" if name in ("id", "created_at", "platform", "category") else " (optional)"
        lines.append(f"| `{name}`{optional} | {_cell(', '.join(a for a in aliases if a != name))} | {_cell(meaning[name])} |")
    lines += ["", "The aggregate has one row per month × platform × category: `complaints_count`, `status_known_count`,",
              "`resolved_count`, `resolution_rate` (resolved ÷ status known; empty when no status is known) and `amount_rmb`."]
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The whole dictionary as Markdown: every table, then the complaint-record format."""
    parts = [
        "Every raw table in `data/raw/` (or an edition's `data_dir`), generated from the schemas in",
        "`src/trustreport/data/schemas.py`, so it always matches what `make validate` checks.",
        "",
    ]
    parts.append(shared_section())
    parts += [table_section(name) for name in TABLES]
    parts.append(records_section())
    return "\n".join(parts)


def page() -> str:
    """The report's appendix page."""
    return "---\ntitle: \"Data dictionary\"\n---\n\n" + markdown()
