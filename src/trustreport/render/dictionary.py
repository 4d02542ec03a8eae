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


def table_section(name: str) -> str:
    schema, file = TABLES[name]
    lines = [f"## `{file}`", "", inspect.getdoc(schema).splitlines()[0], "", "| column | type | required | unit | meaning | allowed values |", "|---|---|---|---|---|---|"]
    for column_name, column in schema.columns().items():
        if column_name == LINE:
            continue
        allowed = ", ".join(map(str, column.categories)) if isinstance(column, dy.Enum) else ""
        if column_name == "unit":
            allowed = "see the measures below"
        unit = "as in `unit`" if column_name == "value" else ""
        required = "no" if column.nullable else "yes"
        lines.append(f"| `{column_name}` | {_type(column)} | {required} | {unit} | {_cell(column.description or '')} | {_cell(allowed)} |")
    if issubclass(schema, FigureTable):
        lines += ["", "On loading, `value` is converted to base units into the column its measure names:", "",
                  "| measure | column (base units) | base unit | units accepted as reported |", "|---|---|---|---|"]
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
        "| column | also accepted as | required | meaning |",
        "|---|---|---|---|",
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
        required = "yes" if name in ("id", "created_at", "platform", "category") else "no"
        lines.append(f"| `{name}` | {_cell(', '.join(a for a in aliases if a != name))} | {required} | {_cell(meaning[name])} |")
    lines += ["", "The aggregate has one row per month × platform × category: `complaints_count`, `status_known_count`,",
              "`resolved_count`, `resolution_rate` (resolved ÷ status known; empty when no status is known) and `amount_rmb`."]
    return "\n".join(lines) + "\n"


def markdown() -> str:
    """The whole dictionary as Markdown: every table, then the complaint-record format."""
    parts = [
        "Every raw table in `data/raw/` (or an edition's `data_dir`), generated from the schemas in",
        "`src/trustreport/schemas.py`, so it always matches what `make validate` checks.",
        "",
    ]
    parts += [table_section(name) for name in TABLES]
    parts.append(records_section())
    return "\n".join(parts)


def page() -> str:
    """The report's appendix page."""
    return "---\ntitle: \"Data dictionary\"\n---\n\n" + markdown()
