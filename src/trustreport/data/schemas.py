"""The raw tables' schemas: columns, types, allowed values, units, and the rules each row keeps.

Each figure table keeps the value and unit as the source reported them (2.19 万件); its `MEASURES` say which
base unit each kind of figure converts to and the column that holds it after normalisation (`complaints_count`).
The data dictionary (dictionary.py) is generated from these classes.
"""

from __future__ import annotations

import dataframely as dy
import polars as pl

from .comparability import COUNTS, PERIOD_KIND_FORMS, PERIOD_KINDS, SCOPES, SECTORS
from .csvread import LINE
from .periods import PERIOD_REGEX
from .table_files import TABLE_FILES
from .units import UNITS

# reported: as a source published it; derived: computed from reported figures (the formula is kept and checked);
# estimate: a third party's estimate, or a figure computed from one (the note says whose and how).
STATUSES = ["reported", "derived", "estimate"]
STANCES = ["company", "regulator", "government", "consumers_association", "third_party", "press"]
QUALIFIERS = ["more than", "nearly", "about", "less than"]
ID_REGEX = r"^[a-z0-9][a-z0-9_.-]*$"
BOUNDED_PCT = ("share", "rate")  # measures that are parts of a whole: 0 to 100
SIGNED = ("growth", "change")  # measures that may be negative
# The forms of `period` each period kind allows, as an error message names them.
PERIOD_KIND_HELP = {
    "year": "2021",
    "half_year": "2021-H1",
    "quarter": "2021-Q1",
    "month": "2021-06",
    "months": "2021-04/2021-11",
    "days": "2021-10-20/2021-11-20",
    "day": "2021-06-16",
    "event": "the day of the event, 2021-06-15, or ../2021-06 when undated",
    "cumulative": "../2024-04, or the date of the total",
    "as_of": "the date, 2021-09, or ../2021-11",
}
MAX_VALUE = 1e12  # in the reported unit: no published figure is near it (1e12 万亿元 would be 1e24 yuan)


class Sources(dy.Schema):
    """Every publication a figure cites."""

    source_line = dy.Int64(description="line in the file (added on reading)")
    id = dy.String(primary_key=True, regex=ID_REGEX, description="short id that data rows cite in source_id")
    title = dy.String(description="title of the publication, as published")
    title_zh = dy.String(
        nullable=True,
        description=(
            "for a title not in Chinese, what it says in Chinese, which the 中文 edition gives after the title "
            "(the title itself is cited as published); empty: none"
        ),
    )
    title_en = dy.String(
        nullable=True,
        description=(
            "for a title in Chinese, what it says in English, which the English edition gives after the title "
            "(the title itself is cited as published); empty: none"
        ),
    )
    publisher = dy.String(description="who published it, and whether this is a copy or translation")
    stance = dy.Enum(
        list(STANCES),
        description="who stands behind its figures: company (the company speaking of itself, copies of its releases "
        "included), regulator, government (official statistics), consumers_association, third_party (complaint "
        "sites, researchers, data firms) or press",
    )
    address = dy.String(description="where it can be read")
    published = dy.String(regex=PERIOD_REGEX, description="publication date or month")
    accessed = dy.String(nullable=True, regex=PERIOD_REGEX, description="when it was read, where recorded")
    note = dy.String(nullable=True, description="what a reader should know of it (a reprint, a translation, a caveat)")
    note_zh = dy.String(
        nullable=True,
        description=(
            "the note, in Chinese, as the 中文 edition states it (a source with a note must have it for that edition)"
        ),
    )
    research_note = dy.String(
        nullable=True,
        description="for the project's researchers only, never shown to readers: how the copy was read, its flaws",
    )
    publisher_zh = dy.String(
        nullable=True,
        description=(
            "the publisher as the 中文 edition cites it, where the publisher cell holds English words beyond a "
            'name ("(copy)" is 转载); empty: the publisher as written'
        ),
    )
    original_id = dy.String(
        nullable=True,
        regex=ID_REGEX,
        description=(
            "for a translation, the id of its Chinese original, which the report cites in its place with the "
            "translation beside it; empty: cited as itself"
        ),
    )


class FigureTable(dy.Schema):
    """Columns every table of published figures shares."""

    MEASURES: dict[str, tuple[str, str]] = {}  # measure -> (base unit, column holding it in base units)
    RULE_TEXT = {
        "unit_fits_measure": (
            "unit",
            lambda cls, row: (
                f"unit does not fit measure '{row['measure']}' (use one of: {', '.join(cls.units_for(row['measure']))})"
            ),
        ),
        "not_negative": ("value", lambda cls, row: f"a {row['measure']} cannot be negative"),
        "share_in_range": (
            "value",
            lambda cls, row: f"a {row['measure']} is a percentage of a whole: it must be between 0 and 100",
        ),
        "derived_says_how": (
            "derivation",
            lambda cls, row: f"a {row['status']} figure must say how it was made (derivation)",
        ),
        "estimate_says_whose": ("note", lambda cls, row: "an estimate must say whose it is and how it was made (note)"),
        "period_fits_kind": (
            "period",
            lambda cls, row: (
                f"does not have the form of a period of kind '{row['period_kind']}' "
                f"({PERIOD_KIND_HELP.get(row['period_kind'], '')})"
            ),
        ),
        "plausible_size": (
            "value",
            lambda cls, row: f"is not a figure any source published (more than {MAX_VALUE:.0e} in its unit)",
        ),
    }

    source_line = dy.Int64(description="line in the file (added on reading)")
    figure_id = dy.String(
        primary_key=True, regex=ID_REGEX, description="stable id of the figure; derivations refer to it as {figure_id}"
    )
    label_zh = dy.String(description="short label, in Chinese, as charts show it")
    measure: dy.Column = dy.String(description="kind of figure; decides the base unit")  # each table: its Enum
    metric = dy.String(description="what the figure measures, in words")
    counts = dy.Enum(
        list(COUNTS),
        description=(
            "what one unit of the figure is (for a share, what it is a share of; for a growth, what grew): "
            "complaints, complaints_and_reports, appeals (诉求), orders, users, ..."
        ),
    )
    scope = dy.Enum(
        list(SCOPES),
        description=(
            "which channel counted, or whose count it is: all_channels, platform_12315, association, "
            "complaint_site, posts_study, platform_own, ..."
        ),
    )
    sector = dy.Enum(
        list(SECTORS),
        description=(
            "which part of the economy it covers: all_sectors, online_shopping, ecommerce, livestreaming, "
            "livestream_selling, festival, gala"
        ),
    )
    period_kind = dy.Enum(
        list(PERIOD_KINDS),
        description=(
            "the kind of period: year, half_year, quarter, month, months, days, day, event, cumulative (a "
            "running total), as_of (a level at a date)"
        ),
    )
    period = dy.String(
        regex=PERIOD_REGEX, description="period or date the figure covers (2020, 2020-01/2020-09, ../2024-04)"
    )
    value = dy.Float64(description="value as reported, in `unit`")
    unit = dy.Enum(list(UNITS), description="unit as reported")
    qualifier = dy.Enum(QUALIFIERS, nullable=True, description="as reported: 'more than', 'nearly', 'about'")
    status = dy.Enum(
        STATUSES, description="reported (as published), derived (computed from reported figures) or estimate"
    )
    source_id = dy.String(description="id in sources.csv")
    derivation = dy.String(
        nullable=True,
        description=(
            "for derived figures (and estimates computed from figures): the formula over {figure_id}s, in base units"
        ),
    )
    note = dy.String(nullable=True, description="caveats and context")

    @classmethod
    def units_for(cls, measure: str) -> list[str]:
        base = cls.MEASURES.get(measure, (None,))[0]
        return [u for u, spec in UNITS.items() if spec.base == base]

    @dy.rule()
    def unit_fits_measure(cls) -> pl.Expr:
        pairs = [f"{m}|{u}" for m in cls.MEASURES for u in cls.units_for(m)]
        return pl.concat_str([pl.col("measure").cast(pl.String), pl.col("unit").cast(pl.String)], separator="|").is_in(
            pairs
        )

    @dy.rule()
    def not_negative(cls) -> pl.Expr:
        return pl.col("measure").cast(pl.String).is_in(list(SIGNED)) | (pl.col("value") >= 0)

    @dy.rule()
    def share_in_range(cls) -> pl.Expr:
        return ~pl.col("measure").cast(pl.String).is_in(list(BOUNDED_PCT)) | pl.col("value").is_between(0, 100)

    @dy.rule()
    def derived_says_how(cls) -> pl.Expr:
        return (pl.col("status") != "derived") | pl.col("derivation").is_not_null()

    @dy.rule()
    def period_fits_kind(cls) -> pl.Expr:
        kind = pl.col("period_kind").cast(pl.String)
        return pl.any_horizontal(
            [(kind == k) & pl.col("period").str.contains(form) for k, form in PERIOD_KIND_FORMS.items()]
        )

    @dy.rule()
    def plausible_size(cls) -> pl.Expr:
        return pl.col("value").abs() < MAX_VALUE

    @dy.rule()
    def estimate_says_whose(cls) -> pl.Expr:
        return (pl.col("status") != "estimate") | pl.col("note").is_not_null()


class Complaints(FigureTable):
    """Complaint counts, shares and growth published by regulators, associations and complaint sites."""

    MEASURES = {
        "count": ("count", "complaints_count"),
        "share": ("pct", "share_pct"),
        "growth": ("pct", "growth_pct"),
        "index": ("index", "index_score"),
    }
    measure = dy.Enum(
        list(MEASURES), description="count, share (of a whole, %), growth (change on an earlier period, %), index"
    )
    channel = dy.String(description="who counted the complaints: regulator, association, complaint site")
    platform = dy.String(nullable=True, description="e-commerce platform the figure is about, if one")


class Gala(FigureTable):
    """Reach and engagement of Kuaishou's televised galas, as reported or announced."""

    MEASURES = {
        "viewers": ("people", "viewers"),
        "peak_viewers": ("people", "peak_viewers"),
        "interactions": ("times", "interactions"),
        "trending_topics": ("count", "topics_count"),
        "star_acts": ("count", "acts_count"),
        "star_performers": ("count", "performers_count"),
        "giveaways": ("rmb", "giveaways_rmb"),
        "benefits": ("count", "benefits_count"),  # announced in 亿 with no unit: a number, not money
    }
    measure = dy.Enum(
        list(MEASURES),
        description=(
            "viewers, peak_viewers, interactions, trending_topics, star_acts, star_performers, giveaways (money), "
            "benefits (a number announced with no unit)"
        ),
    )
    gala = dy.String(description="the gala: 快手一千零一夜, 616真心夜")
    year = dy.Int64(min=2019, max=2030, description="year of the gala")
    announced = dy.Enum(
        ["outcome", "announced"], description="outcome (measured after the event) or announced (promised before it)"
    )


class FestivalGmv(FigureTable):
    """Sales during shopping festivals: Kuaishou 616 by category, session and item; 618 peers for scale."""

    MEASURES = {
        "gmv": ("rmb", "gmv_rmb"),
        "livestream_hours": ("hours", "livestream_hours"),
        "views": ("times", "views"),
        "interactions": ("times", "interactions"),
        "growth": ("pct", "growth_pct"),
        "count": ("count", "items_count"),
    }
    measure = dy.Enum(
        list(MEASURES),
        description="gmv, livestream_hours, views, interactions, growth (%), count (e.g. an anchor's own brands)",
    )
    event = dy.String(description="festival or event: 快手616, 618, 抖音好物节, or a host's session")
    platform = dy.String(description="platform the figure is about")
    covers = dy.Enum(
        ["festival", "day", "category", "session", "item", "anchor"],
        description=(
            "what the figure covers: the festival, a day, a category, a host's session, a single item, an anchor"
        ),
    )


class PlatformGmv(FigureTable):
    """Kuaishou's e-commerce GMV by period, with growth and shares."""

    MEASURES = {
        "gmv": ("rmb", "gmv_rmb"),
        "growth": ("pct", "growth_pct"),
        "share": ("pct", "share_pct"),
        "rate": ("pct", "rate_pct"),
    }
    measure = dy.Enum(
        list(MEASURES), description="gmv, growth (on a year earlier, %), share (of GMV, %), rate (e.g. repurchase, %)"
    )
    platform = dy.String(description="platform")


class Governance(FigureTable):
    """Enforcement and guarantee outcomes: accounts handled, listings intercepted, penalties."""

    MEASURES = {
        "count": ("count", "cases_count"),
        "actions": ("times", "actions_count"),
        "penalties": ("times", "penalties_count"),
        "people": ("people", "people_count"),
        "amount": ("rmb", "amount_rmb"),
        "change": ("pct", "change_pct"),
    }
    measure = dy.Enum(
        list(MEASURES),
        description=(
            "count (of accounts, violations, listings, cases), actions (bans, interceptions: times or person-times), "
            "penalties, people, amount, change (%)"
        ),
    )
    campaign = dy.String(description="campaign or programme: 匹诺曹行动, 小店信任卡, annual governance")
    platform = dy.String(description="platform")


class Events(dy.Schema):
    """Dated events on the timeline that are not trust tactics: the festival's own dates, a scandal, a penalty."""

    RULE_TEXT: dict = {}
    source_line = dy.Int64(description="line in the file (added on reading)")
    event_id = dy.String(primary_key=True, regex=ID_REGEX, description="stable id of the event")
    date = dy.String(regex=PERIOD_REGEX, description="when it happened (day or month)")
    label_zh = dy.String(description="short label, in Chinese, as the timeline shows it")
    event = dy.String(description="the event, in a few words")
    what = dy.String(description="what happened")
    what_zh = dy.String(
        nullable=True,
        description=(
            "what happened, in Chinese, as the 中文 edition states it (empty: that edition refuses to state it)"
        ),
    )
    status = dy.Enum(STATUSES, description="reported, derived or estimate")
    source_id = dy.String(description="id in sources.csv")


class Tactics(dy.Schema):
    """Dated trust-building tactics, each classed as interpersonal or institutional trust."""

    RULE_TEXT: dict = {}
    source_line = dy.Int64(description="line in the file (added on reading)")
    tactic_id = dy.String(primary_key=True, regex=ID_REGEX, description="stable id of the tactic")
    date = dy.String(regex=PERIOD_REGEX, description="when it began (day or month)")
    label_zh = dy.String(description="short label, in Chinese, as the timeline shows it")
    tactic = dy.String(description="the tactic, in a few words")
    trust_kind = dy.Enum(
        ["interpersonal", "institutional"],
        description=(
            "interpersonal (anchors, galas, private traffic) or institutional (supply chain, rules, guarantees)"
        ),
    )
    what = dy.String(description="what it did")
    what_zh = dy.String(
        nullable=True,
        description="what it did, in Chinese, as the 中文 edition states it (empty: that edition refuses to state it)",
    )
    status = dy.Enum(STATUSES, description="reported, derived or estimate")
    source_id = dy.String(description="id in sources.csv")


# Every raw table, by name: its schema and its file in the data folder. Sources come first: the others cite it.
_SCHEMAS: dict[str, type[dy.Schema]] = {
    "sources": Sources,
    "complaints": Complaints,
    "gala": Gala,
    "festival_gmv": FestivalGmv,
    "platform_gmv": PlatformGmv,
    "governance": Governance,
    "tactics": Tactics,
    "events": Events,
}
# every table, its schema and its file, in table_files' order
TABLES: dict[str, tuple[type[dy.Schema], str]] = {name: (_SCHEMAS[name], file) for name, file in TABLE_FILES.items()}
if set(_SCHEMAS) != set(TABLE_FILES):  # a developer adding a table: told which half is missing, without a traceback
    raise SystemExit(
        "trustreport: a table needs both a schema (_SCHEMAS in src/trustreport/data/schemas.py) and a file name "
        "(TABLE_FILES in src/trustreport/data/table_files.py); "
        f"a schema only: {sorted(set(_SCHEMAS) - set(TABLE_FILES))}, "
        f"a file only: {sorted(set(TABLE_FILES) - set(_SCHEMAS))}"
    )

assert LINE in Sources.column_names()
