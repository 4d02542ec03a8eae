"""The outcome measures the report follows from year to year, picked from the tables by what they are.

Selecting by attributes (not by figure id) lets any edition compare any two years: where no figure matches a
year, the comparison says "not reported".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .figures import Figures


@dataclass(frozen=True)
class Outcome:
    label: str
    kind: str  # interpersonal | institutional | market | complaints
    table: str
    match: dict = field(default_factory=dict)
    whole_year: bool = False


OUTCOMES = [
    Outcome("Livestream-shopping complaints to 12315, change on a year earlier", "complaints", "complaints",
            {"measure": "growth", "channel": "全国12315平台", "label_zh": "直播购物投诉"}, whole_year=True),
    Outcome("Online-shopping complaints to 12315", "complaints", "complaints", {"measure": "count", "label_zh": "网络购物投诉"}, whole_year=True),
    Outcome("Gala viewers in Kuaishou's official live room", "interpersonal", "gala", {"measure": "viewers"}),
    Outcome("Gala interactions", "interpersonal", "gala", {"measure": "interactions"}),
    Outcome("Gala peak concurrent viewers", "interpersonal", "gala", {"measure": "peak_viewers"}),
    Outcome("616 festival day sales", "market", "festival_gmv", {"event": "快手616", "scope": "day"}),
    Outcome("Kuaishou e-commerce GMV", "market", "platform_gmv", {"measure": "gmv", "label_zh": "电商GMV"}, whole_year=True),
    Outcome("Suspected counterfeit listings intercepted", "institutional", "governance", {"measure": "count", "label_zh": "拦截疑似假货商品"}, whole_year=True),
    Outcome("Anchors and merchants banned", "institutional", "governance", {"measure": "count", "label_zh": "封禁主播和商家"}, whole_year=True),
]


def outcome_ids(figures: Figures, years: list[int]) -> list[tuple[Outcome, list[str | None]]]:
    """For each outcome, the figure id of each year (None where nothing was reported)."""
    return [(o, [figures.find(o.table, year=y, whole_year=o.whole_year, **o.match) for y in years]) for o in OUTCOMES]


def outcome_table(figures: Figures, years: list[int]) -> str:
    """A Markdown table: one row per outcome, one column per year, every cell a ledgered phrase."""
    lines = ["| outcome | " + " | ".join(str(y) for y in years) + " |", "|---|" + "---|" * len(years)]
    for outcome, ids in outcome_ids(figures, years):
        lines.append(f"| {outcome.label} | " + " | ".join(figures.text(fid) for fid in ids) + " |")
    return "\n".join(lines) + "\n"
