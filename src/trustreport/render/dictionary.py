"""The data dictionary, generated from the schemas: what each column holds, its type, unit and allowed values.

The English page takes its texts from the schemas (column descriptions, table docstrings); a page in another
language takes them, and every other word it says, from words/dictionary.yml, a translator's one place. A column
without its text in the page's language stops the page with an error naming it: it never falls back to English.
"""

from __future__ import annotations

import inspect
from typing import Any

import dataframely as dy

from .. import words
from ..data.csvread import LINE
from ..data.schemas import TABLES, FigureTable
from ..data.units import UNITS
from ..errors import UserError
from ..languages import TABLES_LANGUAGE
from ..records.ingest import ALIASES, OPEN, RESOLVED

# The texts in other languages than the schemas' English, by table file and by (table file, column): the catalogue's
# own dicts, so what is read here is what words/dictionary.yml holds.
TABLE_TEXTS: dict[str, dict[str, str]] = words.catalogue("dictionary")["tables"]
COLUMN_TEXTS: dict[str, dict[str, dict[str, str]]] = words.catalogue("dictionary")["columns"]
SHARED = FigureTable.__name__  # the key of the columns every figure table shares


def _words(section: str, lang: str) -> dict[str, Any]:
    return words.of("dictionary", section, lang)


def column_meaning(table: str, name: str, column: dy.Column, lang: str) -> str:
    """A column's meaning in the language: its schema's description in English, else the catalogue's; none there is
    an error naming the table and the column, never English."""
    if lang == TABLES_LANGUAGE:
        return column.description or ""
    meaning = COLUMN_TEXTS.get(table, {}).get(name, {}).get(lang)
    if meaning is None:
        raise UserError(
            f"data dictionary ({lang}): no {words.language_name(lang)} meaning for column '{name}' of {table}: add its "
            f"{lang} text under columns: {table}: {name} in {words.shown('dictionary')}"
        )
    return meaning


def table_text(file: str, schema: type, lang: str) -> str:
    """A table's one-line description in the language: its schema's docstring in English, else the catalogue's;
    none there is an error naming the table."""
    if lang == TABLES_LANGUAGE:
        return (inspect.getdoc(schema) or "").splitlines()[0]
    text = TABLE_TEXTS.get(file, {}).get(lang)
    if text is None:
        raise UserError(
            f"data dictionary ({lang}): no {words.language_name(lang)} description for table {file}: add its {lang} "
            f"text under tables: {file} in {words.shown('dictionary')}"
        )
    return text


def _type(column: dy.Column, lang: str = "en") -> str:
    types = _words("types", lang)
    if isinstance(column, dy.Enum):
        return types["enum"]
    if isinstance(column, dy.Float64):
        return types["float"]
    if isinstance(column, dy.Int64):
        return types["int"]
    if isinstance(column, dy.String) and column.regex and "\\d{4}" in column.regex:
        return types["period"]
    return types["text"]


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _kind(column: dy.Column, lang: str = "en") -> str:
    """Type and whether it may be empty, in one cell: "text", "number, optional" / "文本", "数字，可为空"."""
    return _type(column, lang) + ("" if not column.nullable else _words("types", lang)["optional"])


def _columns_table(columns: dict[str, dy.Column], *, unit_column: bool, table: str = "", lang: str = "en") -> list[str]:
    """One row per column: name, type (and optional), what it holds, the values it allows. Four columns, so the
    table fits a page's width (and a phone's) with room for the meaning. `table` keys the Chinese meanings."""
    page = _words("page", lang)
    # The dashes give pandoc the columns' relative widths: the meaning gets the most room.
    lines = [page["columns_header"], "|" + "-" * 18 + "|" + "-" * 15 + "|" + "-" * 42 + "|" + "-" * 25 + "|"]
    for column_name, column in columns.items():
        if column_name == LINE:
            continue
        allowed = page["list"].join(map(str, column.categories)) if isinstance(column, dy.Enum) else ""
        if unit_column and column_name == "unit":
            allowed = page["see_measures"]
        meaning = column_meaning(table, column_name, column, lang)
        lines.append(f"| `{column_name}` | {_kind(column, lang)} | {_cell(meaning)} | {_cell(allowed)} |")
    return lines


def shared_section(lang: str = "en") -> str:
    """The columns every table of published figures has, listed once."""
    page = _words("page", lang)
    lines = [page["shared_heading"], "", *page["shared_intro"], ""]
    return "\n".join(lines + _columns_table(FigureTable.columns(), unit_column=True, table=SHARED, lang=lang)) + "\n"


def table_section(name: str, lang: str = "en") -> str:
    page = _words("page", lang)
    schema, file = TABLES[name]
    description = table_text(file, schema, lang)
    lines = [f"## `{file}`", "", description, ""]
    columns = schema.columns()
    if issubclass(schema, FigureTable):
        shared = FigureTable.columns()
        columns = {k: v for k, v in columns.items() if k not in shared or k == "measure"}
        lines += [page["shared_and"], ""]
    lines += _columns_table(columns, unit_column=False, table=file, lang=lang)
    if issubclass(schema, FigureTable):
        lines += ["", page["measures_header"], "|" + "-" * 18 + "|" + "-" * 24 + "|" + "-" * 18 + "|" + "-" * 40 + "|"]
        for measure, (base, column) in schema.MEASURES.items():
            accepted = page["list"].join(u for u, spec in UNITS.items() if spec.base == base)
            lines.append(f"| `{measure}` | `{column}` | {_words('base_units', lang)[base]} | {_cell(accepted)} |")
    return "\n".join(lines) + "\n"


def records_section(lang: str = "en") -> str:
    page = _words("page", lang)
    lines = [
        page["records_heading"],
        "",
        *page["records_intro"],
        "",
        page["records_header"],
        "|" + "-" * 22 + "|" + "-" * 38 + "|" + "-" * 40 + "|",
    ]
    meaning = {
        name: text.format(resolved=page["list"].join(RESOLVED), open=page["list"].join(OPEN))
        for name, text in _words("records", lang).items()
    }
    for name, aliases in ALIASES.items():
        optional = "" if name in ("id", "created_at", "platform", "category") else page["optional"]
        lines.append(
            f"| `{name}`{optional} | {_cell(page['list'].join(a for a in aliases if a != name))} | "
            f"{_cell(meaning[name])} |"
        )
    lines += ["", *page["records_aggregate"]]
    return "\n".join(lines) + "\n"


def markdown(lang: str = "en") -> str:
    """The whole dictionary as Markdown, in the language: every table, then the complaint-record format."""
    parts = [*_words("page", lang)["intro"], ""]
    parts.append(shared_section(lang))
    parts += [table_section(name, lang) for name in TABLES]
    parts.append(records_section(lang))
    return "\n".join(parts)


def page(lang: str = "en") -> str:
    """The report's appendix page, in the language (en or zh)."""
    return f'---\ntitle: "{_words("page", lang)["title"]}"\n---\n\n' + markdown(lang)
