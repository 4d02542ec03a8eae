"""What the chapters say about an aggregate of complaint records."""

from __future__ import annotations

import polars as pl

from .. import escape
from ..languages import check

# The records' section in each language: {places} are filled with numbers counted from the aggregate.
WORDS = {
    "en": {
        "source": "complaint records in {inputs}",
        "source_synthetic": " (synthetic)",
        "input_sep": ", ",
        "synthetic": "**Synthetic test data, not real complaints.** ",
        "no_rate": "not reported (no status in the records)",
        "describe": (
            "## Complaint records\n\n{label}The edition reads {total} complaint records ({repeated} repeated ids "
            "dropped) from {files} file(s), filed between {first} and {last}. The busiest month was {busiest} with "
            "{busiest_count} complaints. Of the complaints whose status is known, {rate} were resolved.\n"
        ),
    },
    "zh": {
        "source": "投诉记录：{inputs}",
        "source_synthetic": "（合成数据）",
        "input_sep": "、",
        "synthetic": "**以下是合成的测试数据，不是真实投诉。**",
        "no_rate": "未公布（记录中没有处理状态）",
        "describe": (
            "## 投诉记录\n\n{label}本版报告读入{total}条投诉记录（已去掉{repeated}条重复编号），"
            "来自{files}个文件，"
            "投诉时间从{first}到{last}。投诉最多的月份是{busiest}，共{busiest_count}件。"
            "投诉解决率（按处理状态已知的投诉计）：{rate}。\n"
        ),
    },
}


def _month(day, lang: str) -> str:
    """A month as the language writes it: 2021-06 / 2021年6月."""
    return f"{day:%Y-%m}" if lang == "en" else f"{day.year}年{day.month}月"


def monthly_by_platform(table: pl.DataFrame) -> pl.DataFrame:
    """Complaints and resolution rate per month and platform, for the chapter's chart."""
    return (
        table.group_by("month", "platform")
        .agg(pl.col("complaints_count", "status_known_count", "resolved_count").sum())
        .with_columns(
            resolution_rate=pl.when(pl.col("status_known_count") > 0).then(
                pl.col("resolved_count") / pl.col("status_known_count")
            )
        )
        .sort("month", "platform")
    )


def source_of(meta: dict, lang: str = "en") -> str:
    """The records as a chart's source line names them (file names are data: escaped for Markdown)."""
    check(lang)
    words = WORDS[lang]
    return words["source"].format(inputs=escape.markdown(words["input_sep"].join(meta.get("inputs", [])))) + (
        words["source_synthetic"] if meta.get("synthetic") else ""
    )


def describe(table: pl.DataFrame, meta: dict, lang: str = "en") -> str:
    """The records' section of the complaints chapter, every number from the aggregate."""
    check(lang)
    words = WORDS[lang]
    monthly = table.group_by("month").agg(pl.col("complaints_count").sum()).sort("month")
    busiest = monthly.sort("complaints_count", descending=True).row(0, named=True)
    known = int(table["status_known_count"].sum())
    rate = f"{int(table['resolved_count'].sum()) / known:.1%}" if known else words["no_rate"]
    return words["describe"].format(
        label=words["synthetic"] if meta.get("synthetic") else "",
        total=f"{int(table['complaints_count'].sum()):,}",
        repeated=f"{meta.get('duplicate_ids', 0):,}",
        files=len(meta.get("inputs", [])),
        first=_month(monthly["month"][0], lang),
        last=_month(monthly["month"][-1], lang),
        busiest=_month(busiest["month"], lang),
        busiest_count=f"{busiest['complaints_count']:,}",
        rate=rate,
    )
