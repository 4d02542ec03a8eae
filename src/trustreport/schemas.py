"""The raw tables' schemas: columns, allowed values and the rules each row must keep."""

from __future__ import annotations

from .tables import STATUSES, Column, TableSpec
from .units import UNITS

QUALIFIERS = ("", "more than", "nearly", "about")

SOURCES = TableSpec(
    name="sources",
    file="sources.csv",
    key=("id",),
    columns=(
        Column("id", "short id that data rows cite in source_id"),
        Column("title", "title of the publication"),
        Column("publisher", "who published it (and whether this is a copy)"),
        Column("address", "where it can be read"),
        Column("published", "publication date or period", kind="date"),
        Column("accessed", "when it was read, where recorded", kind="date", required=False),
        Column("note", "caveats: mirror, translation, quality", required=False),
    ),
)

# Which reported units each complaint measure may use.
MEASURE_BASE = {"count": "count", "share": "pct", "growth": "pct", "index": "index"}


def _complaint_rules(row: dict) -> list[tuple[str, str]]:
    broken: list[tuple[str, str]] = []
    measure, unit, value = row["measure"], row["unit"], row["value"]
    if UNITS[unit].base != MEASURE_BASE[measure]:
        allowed = [u for u, spec in UNITS.items() if spec.base == MEASURE_BASE[measure]]
        broken.append(("unit", f"unit does not fit measure '{measure}' (use one of: {', '.join(allowed)})"))
    if measure in ("count", "index") and value < 0:
        broken.append(("value", f"a {measure} cannot be negative"))
    if measure == "share" and not 0 <= value <= 100:
        broken.append(("value", "a share must be between 0 and 100 (%)"))
    return broken


COMPLAINTS = TableSpec(
    name="complaints",
    file="complaints.csv",
    key=("figure_id",),
    columns=(
        Column("figure_id", "stable id of the figure"),
        Column("channel", "who counted the complaints (regulator, association, complaint site)"),
        Column("platform", "e-commerce platform the figure is about, if one", required=False),
        Column("subject_zh", "what was complained about, as a chart label"),
        Column("measure", "kind of figure", allowed=tuple(MEASURE_BASE)),
        Column("metric", "what the figure measures, in words"),
        Column("period", "period the figure covers (2020, 2020-01/2020-09, ../2024-04)", kind="period"),
        Column("value", "value as reported", kind="number"),
        Column("unit", "unit as reported (万件, 件, %, index)", allowed=tuple(UNITS)),
        Column("qualifier", "as reported: 'more than', 'nearly', 'about'", required=False, allowed=QUALIFIERS),
        Column("status", "reported, derived or estimate", allowed=STATUSES),
        Column("source_id", "id in sources.csv"),
        Column("note", "caveats and context", required=False),
    ),
    checks=(_complaint_rules,),
)
