"""Numbers and periods in words, one formatter for the whole report and both its languages.

English: 21,900; 1.47 million; RMB 680 billion; 479.6%; 15 June 2021. Chinese, as Chinese writes them:
2.19万件; 9,008万人; 381.17亿元; 479.6%; 2021年6月15日 (万 and 亿, a measure word after the number).
"""

from __future__ import annotations

from datetime import date, timedelta

from .languages import check

NOT_REPORTED = "not reported"
NOT_REPORTED_IN = {"en": NOT_REPORTED, "zh": "未公布"}
MARK = {"reported": "", "derived": " (derived)", "estimate": " (estimate)"}
MARK_IN = {"en": MARK, "zh": {"reported": "", "derived": "（推算）", "estimate": "（估计）"}}
# The qualifiers the tables use (their `qualifier` column), as each language puts them before a number.
QUALIFIERS = {
    "more than": {"en": "more than", "zh": "超过"},
    "less than": {"en": "less than", "zh": "不到"},
    "about": {"en": "about", "zh": "约"},
    "nearly": {"en": "nearly", "zh": "近"},
}
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# Largest first. A number is written in the largest scale it reaches, and moves up one when rounding reaches the
# next (999,999,999 is "1 billion", not "1,000 million"; 99,999,999 is "1亿", not "10,000万").
_SCALES = {
    "en": ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")),
    "zh": ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")),
}
# The measure word a Chinese number takes for each base unit; a plain count takes its table's own (件, 个, 条).
MEASURE_WORDS = {"rmb": "元", "people": "人", "times": "次", "hours": "小时"}


def _trim(x: float, decimals: int) -> str:
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scaled(value: float, decimals: int, lang: str) -> str:
    """The number with its scale word: '1.47 million' / '147万'; '21,900' / '2.19万'."""
    scales = _SCALES[lang]
    if lang == "zh" and abs(value) < 1e6 and round(value / 1e4, decimals) * 1e4 != round(value, 2):
        return _trim(
            value, 2
        )  # below a million, a count 万 would round is written whole, as English writes it: 521,976
    for i, (scale, word) in enumerate(scales):
        if abs(value) >= scale:
            if i > 0 and abs(round(value / scale, decimals)) >= scales[i - 1][0] / scale:
                scale, word = scales[i - 1]  # rounding reached the next scale
            return f"{_trim(value / scale, decimals)}{word}"
    smallest, word = scales[-1]
    if abs(round(value, 2)) >= smallest:  # 9,999.999 is written 10,000 at two decimals: so 1万
        return f"{_trim(value / smallest, decimals)}{word}"
    return _trim(value, 2)


def number(value: float, base: str = "count", decimals: int = 2, lang: str = "en", measure: str = "") -> str:
    """A base-unit value as prose. English: 21,900; 1.47 million; RMB 680 billion; 479.6%. Chinese: 2.19万件;
    9,008万人; 381.17亿元 (`measure`: a plain count's measure word, e.g. 件)."""
    check(lang)
    if base == "pct":
        return f"{_trim(value, 2)}%"
    if base == "index":
        return _trim(value, 3)
    text = _scaled(value, decimals, lang)
    if lang == "zh":
        return text + (measure or MEASURE_WORDS.get(base, ""))  # 万人次 keeps 人次, not the bare 次 of its base
    return f"RMB {text}" if base == "rmb" else text


def qualified(qualifier: str | None, text: str, lang: str = "en") -> str:
    """A number with its qualifier in the language: 'more than 200' / '超过200'."""
    check(lang)
    if not qualifier:
        return text
    word = QUALIFIERS[qualifier][lang] if qualifier in QUALIFIERS else qualifier
    return f"{word}{' ' if lang == 'en' else ''}{text}"


def growth(pct: float, lang: str = "en", verb: bool = False, qualifier: str | None = None) -> str:
    """A change in percent as a phrase: 'up 479.6%' / '增长479.6%', 'down 8.96%' / '下降8.96%', 'unchanged' / '持平';
    with `verb`, as a sentence's verb: 'rose 479.6%', 'fell 8.96%', 'did not change'. A qualifier goes after the
    direction: 'up more than 31.4%' / '增长超过31.4%'."""
    check(lang)
    if round(pct, 2) == 0 and not qualifier:
        return ("did not change" if verb else "unchanged") if lang == "en" else "持平"
    size = qualified(qualifier, _trim(abs(pct), 2) + "%", lang)
    if lang == "en":
        return f"{('rose' if pct > 0 else 'fell') if verb else ('up' if pct > 0 else 'down')} {size}"
    return f"{'增长' if pct > 0 else '下降'}{size}"


# How the qualifiers of two figures carry into the change between them: an exact figure against "more than" one
# gives "more than" the change (or "less than", the other way round); anything less certain gives "about".
def change_qualifier(before: str | None, after: str | None) -> str | None:
    """The qualifier of the change from a figure qualified `before` to one qualified `after`."""
    if before is None and after is None:
        return None
    if before is None and after == "more than":
        return "more than"
    if before == "more than" and after is None:
        return "less than"
    return "about"


def day_text(day: date, lang: str = "en") -> str:
    """15 June 2021 / 2021年6月15日."""
    check(lang)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if lang == "en" else f"{day.year}年{day.month}月{day.day}日"


def date_text(text: str, lang: str = "en") -> str:
    """A date as a table writes it (2021-06-15, 2021-06 or 2021) in the language: 15 June 2021 / 2021年6月15日,
    June 2021 / 2021年6月; anything else is returned as it is."""
    check(lang)
    parts = text.split("-")
    if not all(part.isdigit() for part in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return text
    if len(parts) == 3:
        return day_text(date.fromisoformat(text), lang)
    if len(parts) == 2 and 1 <= int(parts[1]) <= 12:
        return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}" if lang == "en" else f"{parts[0]}年{int(parts[1])}月"
    return text if lang == "en" or len(parts) > 1 else f"{text}年"


# An axis reads in one scale, chosen from its largest value: billion from 10 billion, million from 10 million,
# thousand from 10,000. So a festival day of RMB 1.42 billion beside sessions of RMB 56 million reads 1,420 and
# 56 (million), not 1.42 and 0.06 (billion).
AXIS_SCALES = ((1e10, 1e9, "billion"), (1e7, 1e6, "million"), (1e4, 1e3, "thousand"))


def axis_scale(largest: float) -> tuple[float, str]:
    """The divisor and word of the scale an axis whose largest value is `largest` reads in ("" for units)."""
    for threshold, divisor, word in AXIS_SCALES:
        if abs(largest) >= threshold:
            return divisor, word
    return 1.0, ""


def axis_unit(base: str, word: str) -> str:
    """The unit an axis title names: "RMB billion", "thousands", "people, millions"."""
    if base == "rmb":
        return f"RMB {word}".strip()
    if base == "people":
        return f"people, {word}s" if word else "people"
    return f"{word}s" if word else "number"


def period_text(start: date | None, end: date, lang: str = "en") -> str:
    """2020-01-01..2020-09-30 -> 'January to September 2020' / '2020年1月至9月'; a whole year -> '2020' / '2020年'."""
    check(lang)
    zh = lang == "zh"

    def month(d: date, year: bool = True) -> str:
        if zh:
            return f"{d.year}年{d.month}月" if year else f"{d.month}月"
        return f"{_MONTHS[d.month - 1]} {d.year}" if year else _MONTHS[d.month - 1]

    if start is None:
        return f"截至{month(end)}" if zh else f"up to {month(end)}"
    if start == end:
        return day_text(start, lang)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year}年" if zh else str(start.year)
    if start.day == 1 and (end + timedelta(days=1)).day == 1:  # whole months
        if (start.year, start.month) == (end.year, end.month):
            return month(start)
        if start.year == end.year:
            return f"{month(start)}至{month(end, year=False)}" if zh else f"{month(start, year=False)} to {month(end)}"
        return f"{month(start)}至{month(end)}" if zh else f"{month(start)} to {month(end)}"
    if zh:
        return f"{day_text(start, lang)}至{day_text(end, lang)}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
