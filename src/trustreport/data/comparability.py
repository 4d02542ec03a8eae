"""What a figure counts, over what scope and what kind of period: the three things two figures must share before
the report sets them side by side (a change, a ratio, "rose" or "fell", a series line, a scorecard row).

Every figure row states them (`counts`, `scope` and `sector`, `period_kind`); validation refuses a row without
them, or whose period does not have the form its kind says. `differences` names what keeps two figures apart, and
`require_comparable` turns any difference into a build error naming both figure ids.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..errors import UserError

# What one unit of a figure is: for a count, what was counted; for a share, what it is a share of; for a growth
# or change, what grew. Each with its words in the report's languages (a scorecard row's name).
COUNTS: dict[str, dict[str, str]] = {
    "complaints": {"en": "complaints", "zh": "投诉"},
    "complaints_and_reports": {"en": "complaints and reports (投诉举报)", "zh": "投诉举报"},
    "appeals": {"en": "诉求: complaints, reports and enquiries together", "zh": "诉求（投诉、举报和咨询合计）"},
    "reports": {"en": "reports (举报)", "zh": "举报"},
    "rights_posts": {"en": "rights-protection posts online (维权舆情)", "zh": "维权舆情（网上的维权帖文）"},
    "survey_answers": {"en": "answers to a consumer survey", "zh": "消费者调查的回答"},
    "complaint_index": {"en": "a complaint site's composite index", "zh": "投诉平台的综合指数"},
    "ban_actions": {"en": "ban actions (人次: a seller banned twice counts twice)", "zh": "封禁（人次）"},
    "penalty_actions": {"en": "penalties (times or 人次)", "zh": "处罚（次或人次）"},
    "accounts": {"en": "accounts", "zh": "账号"},
    "violations": {"en": "violations", "zh": "违规行为"},
    "live_rooms": {"en": "live rooms", "zh": "直播间"},
    "live_sessions": {"en": "live sessions", "zh": "场直播"},
    "anchors": {"en": "anchors", "zh": "主播"},
    "merchants": {"en": "merchants", "zh": "商家"},
    "brands": {"en": "brands", "zh": "品牌"},
    "police_cases": {"en": "cases closed with the police", "zh": "联合警方破获的案件"},
    "listing_interceptions": {
        "en": "interceptions of attempts to publish suspect listings",
        "zh": "拦截疑似假冒伪劣商品发布（次）",
    },
    "counterfeit_interceptions": {"en": "counterfeit interceptions (as reported, undefined)", "zh": "假货拦截（次）"},
    "store_interceptions": {"en": "blocked attempts to open a store", "zh": "拦截开店申请（次）"},
    "brushing_interceptions": {"en": "intercepted fake orders (刷单)", "zh": "拦截刷单作弊（次）"},
    "rules": {"en": "announcements, rules and norms published", "zh": "公告、细则和规范"},
    "participants": {"en": "people taking part", "zh": "参与人数"},
    "orders": {"en": "orders", "zh": "订单"},
    "users": {"en": "users", "zh": "用户"},
    "money_spent": {"en": "money spent", "zh": "投入的资金"},
    "money_paid_out": {"en": "money paid out to buyers", "zh": "向消费者支付的资金"},
    "money_involved": {"en": "money involved in cases", "zh": "涉案金额"},
    "fines": {"en": "fines", "zh": "罚款"},
    "sales": {"en": "sales (GMV)", "zh": "销售额（GMV）"},
    "repurchase_rate": {"en": "repurchase rate", "zh": "复购率"},
    "selling_report_rate": {"en": "report rate for livestream selling (直播带货举报率)", "zh": "直播带货举报率"},
    "user_report_rate": {"en": "users' report rate for livestream selling", "zh": "直播带货的用户举报率"},
    "order_willingness": {"en": "willingness to order", "zh": "下单意愿"},
    "viewers": {"en": "viewers", "zh": "观看人数"},
    "peak_viewers": {"en": "peak concurrent viewers", "zh": "同时在线人数峰值"},
    "interactions": {"en": "interactions", "zh": "互动次数"},
    "views": {"en": "views", "zh": "观看次数"},
    "trending_topics": {"en": "trending topics", "zh": "热搜"},
    "star_acts": {"en": "star acts", "zh": "明星表演（组）"},
    "star_performers": {"en": "star performers", "zh": "明星"},
    "giveaways": {"en": "giveaways promised", "zh": "承诺的福利"},
    "livestream_hours": {"en": "livestream hours", "zh": "直播时长"},
    "own_brands": {"en": "own brands", "zh": "自营品牌"},
}

# Which channel counted, or whose count it is.
SCOPES: dict[str, dict[str, str]] = {
    "all_channels": {
        "en": "market regulators, all channels (12315 platform, telephone, fax, counter)",
        "zh": "全国市场监管部门全渠道（12315平台、电话、传真、窗口）",
    },
    "platform_12315": {"en": "the national 12315 platform", "zh": "全国12315平台"},
    "association": {"en": "a consumers' association", "zh": "消费者协会"},
    "complaint_site": {"en": "one complaint site", "zh": "单个投诉平台"},
    "posts_study": {"en": "a study of posts online", "zh": "网络舆情研究"},
    "survey": {"en": "a consumer survey", "zh": "消费者调查"},
    "platform_own": {"en": "the platform's own count", "zh": "平台自己的统计"},
    "market_estimate": {"en": "a data firm's estimate", "zh": "数据公司的估算"},
    "official_statistics": {"en": "official statistics", "zh": "官方统计"},
    "press": {"en": "the press, from an unnamed source", "zh": "媒体（未具名来源）"},
    "regulator_case": {"en": "a regulator's decision in one case", "zh": "监管部门对个案的处罚"},
    "seller_own": {"en": "a seller's own statement", "zh": "卖家自己的说法"},
}

# Which part of the economy the figure covers.
SECTORS: dict[str, dict[str, str]] = {
    "all_sectors": {"en": "all sectors", "zh": "所有行业"},
    "online_shopping": {"en": "online shopping", "zh": "网络购物"},
    "ecommerce": {"en": "e-commerce", "zh": "电子商务"},
    "livestreaming": {"en": "livestreaming", "zh": "直播"},
    "livestream_selling": {"en": "livestream selling", "zh": "直播带货"},
    "festival": {"en": "a shopping festival", "zh": "购物节"},
    "gala": {"en": "a televised gala", "zh": "电视晚会"},
}

# The kind of period, with the forms of `period` each allows (data/periods.py): a figure for a year is only ever
# compared with a figure for a year; a running total ("cumulative") or a level at a date ("as of") never stands in
# a year's place.
_YEAR, _HALF, _QUARTER = r"\d{4}", r"\d{4}-H[12]", r"\d{4}-Q[1-4]"
_MONTH, _DAY = r"\d{4}-\d{2}", r"\d{4}-\d{2}-\d{2}"
_POINT = rf"(?:{_DAY}|{_MONTH}|{_YEAR})"
PERIOD_KINDS: dict[str, tuple[dict[str, str], str]] = {
    "year": ({"en": "a calendar year", "zh": "一个日历年"}, rf"{_YEAR}"),
    "half_year": ({"en": "a half-year", "zh": "半年"}, rf"{_HALF}"),
    "quarter": ({"en": "a quarter", "zh": "一个季度"}, rf"{_QUARTER}"),
    "month": ({"en": "a month", "zh": "一个月"}, rf"{_MONTH}"),
    "months": ({"en": "a run of months", "zh": "数月"}, rf"{_MONTH}/{_MONTH}|{_DAY}/{_MONTH}"),
    "days": ({"en": "a run of days", "zh": "数日"}, rf"{_DAY}/{_DAY}"),
    "day": ({"en": "one day", "zh": "一天"}, rf"{_DAY}"),
    "event": (
        {"en": "one event (a gala, a live session)", "zh": "一次活动（晚会、一场直播）"},
        rf"\.\./{_POINT}|{_POINT}",
    ),
    "cumulative": (
        {"en": "a running total up to a date", "zh": "截至某日的累计"},
        rf"\.\./{_POINT}|{_POINT}/{_POINT}|{_POINT}",
    ),
    "as_of": ({"en": "a level at a date", "zh": "某一时点的水平"}, rf"\.\./{_POINT}|{_POINT}"),
}
PERIOD_KIND_FORMS = {kind: f"^(?:{form})$" for kind, (_, form) in PERIOD_KINDS.items()}
# Period kinds whose figure may stand in a year's column, labelled with its period when not the whole year.
IN_A_YEAR = ("year", "half_year", "quarter", "month", "months", "days", "day", "event")
# A running total or a level at a date: its own "as of" cell, never a year's value, never a trend.
AS_OF = ("cumulative", "as_of")

# The columns two figures must share, and the word for each in a refusal.
KEY_COLUMNS = ("measure", "counts", "scope", "sector", "period_kind")
# Per table, the column naming who counted, which must match too (two complaint sites count different complaints).
COUNTED_BY = {"complaints": "channel"}


def period_kind_fits(kind: str, period: str) -> bool:
    """Whether `period` has a form `kind` allows: 2021 is a year, 2021-H1 a half-year, ../2024-04 a running total."""
    form = PERIOD_KIND_FORMS.get(kind)
    return form is not None and re.match(form, period) is not None


def _span(row: Mapping) -> tuple | None:
    """A period's place within its year (month and day of its start and end) and its length in years, so that
    January–September 2020 and January–September 2021 match and January–September and April–November do not."""
    start, end = row.get("period_start"), row.get("period_end")
    if start is None or end is None:
        return None
    return (start.month, start.day, end.month, end.day, end.year - start.year)


def differences(a: Mapping, b: Mapping) -> list[str]:
    """What keeps two figures from standing side by side, in words naming both values; empty when they may."""
    found = []
    for column in KEY_COLUMNS:
        if a.get(column) != b.get(column):
            found.append(f"{column}: {a.get(column)} against {b.get(column)}")
    counted_by = COUNTED_BY.get(a.get("table", ""))
    if counted_by and a.get("table") == b.get("table") and a.get(counted_by) != b.get(counted_by):
        found.append(f"counted by: {a.get(counted_by)} against {b.get(counted_by)}")
    if a.get("base") != b.get("base"):
        found.append(f"unit: {a.get('base')} against {b.get('base')}")
    if a.get("period_kind") == b.get("period_kind"):
        found += _period_differences(a, b)
    return found


def _period_differences(a: Mapping, b: Mapping) -> list[str]:
    """Two periods of the same kind that still differ: running totals, or windows in different parts of the year."""
    kind = a.get("period_kind")
    if kind == "cumulative":
        return ["period: both are running totals, and a total can only rise, so two of them show no trend"]
    if kind in ("year", "event", "as_of") or _span(a) == _span(b):
        return []
    return [f"period: {a.get('period')} against {b.get('period')} (not the same part of the year)"]


class NotComparable(UserError):
    """Two figures set side by side that count different things, over different scopes or kinds of period."""


def require_comparable(a: Mapping, b: Mapping, how: str) -> None:
    """Refuse, as a build error naming both figures, to set `a` beside `b` (`how`: "a change", "a series", ...)."""
    found = differences(a, b)
    if found:
        raise NotComparable(
            f"{a.get('figure_id')} and {b.get('figure_id')} cannot be set side by side as {how}: "
            + "; ".join(found)
            + " (data/comparability.py: two figures compared must count the same thing, over the same scope and "
            "the same kind of period)"
        )


def words(vocabulary: dict[str, dict[str, str]], value: str, lang: str) -> str:
    """A vocabulary value in the report's language."""
    return vocabulary[value][lang]
