"""Numbers, dates and periods in words: one formatter for the whole report and every language it is written in.

English: 21,900; 1.47 million; RMB 680 billion; 479.6%; 15 June 2021. Chinese, as Chinese writes them:
2.19万件; 9008万人; 381.17亿元; 479.6%; 2021年6月15日 (万 and 亿, a measure word after the number).
The words and the shapes of each language are its catalogue (words/numbers.yml); the rules are here.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from . import words
from .data.periods import parse_period
from .data.units import UNITS

NOT_REPORTED = "not reported"  # in English: what the tests compare with (numbers.not_reported gives every language)


def _words(lang: str) -> dict[str, Any]:
    return words.of("numbers", "numbers", lang)


def _dates(lang: str) -> dict[str, Any]:
    return words.of("numbers", "dates", lang)


def _trim(x: float, decimals: int, lang: str) -> str:
    """`x` to `decimals` places, a half rounded up as a reader rounds it, trailing zeros dropped, its digits grouped in
    thousands where the language groups them (21,900; Chinese 21900). Rounded as the decimal `x` stands for (its
    shortest form), not as the binary fraction a float holds: 3180.75亿 is RMB 318.075 billion, held as
    318.07499999…, which Python's own rounding wrote 318.07 beside the Chinese page's 3180.75亿."""
    exact = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{exact:,f}" if _words(lang)["grouped"] else f"{exact:f}"
    if text.startswith("-") and not exact:  # -0.001 to two places: 0, not -0
        text = text[1:]
    return text.rstrip("0").rstrip(".") if "." in text else text


def plain(value: float, decimals: int = 2, lang: str = "en") -> str:
    """A number as the language writes it, without a scale word or unit: 100,000,000 / 100000000."""
    return _trim(value, decimals, lang)


def not_reported(lang: str = "en") -> str:
    """What stands where a figure nobody published would: "not reported" / "未公布"."""
    return _words(lang)["not_reported"]


def status_mark(status: str, lang: str = "en") -> str:
    """What follows a figure of this status: "" (reported), " (derived)" / "（推算）", " (estimate)" / "（估计）"."""
    return _words(lang)[status]


def measure_word(unit: str) -> str:
    """The measure word a Chinese count takes from its reported unit: 万件 → 件, 万人次 → 人次, 个 → 个 (a bare 万
    has none)."""
    for prefix in ("万亿", "百万", "亿", "万", "千", "百"):
        if unit.startswith(prefix):
            return unit[len(prefix) :]
    return unit if all("\u4e00" <= ch <= "\u9fff" for ch in unit) else ""


def _natural_scale(value: float, decimals: int, lang: str) -> float:
    """The scale a number takes written on its own (1e8 for 381.17亿, 1e12 for 1.39万亿), or 0 when it is written
    whole (21,900; 521976件, which the smallest scale would round)."""
    scales = _words(lang)["scales"]
    smallest = scales[-1][0]
    if abs(value) < _words(lang)["whole_below"] and round(value / smallest, decimals) * smallest != round(value, 2):
        return 0
    for i, (scale, _) in enumerate(scales):
        if abs(value) >= scale:
            if i > 0 and abs(round(value / scale, decimals)) >= scales[i - 1][0] / scale:
                return scales[i - 1][0]  # rounding reached the next scale
            return scale
    return smallest if abs(round(value, 2)) >= smallest else 0  # 9,999.999 is written 10,000: so 1万


def _scaled(value: float, decimals: int, lang: str, in_scale: float = 0) -> str:
    """The number with its scale word: '1.47 million' / '147万'; '21,900' / '2.19万'. With `in_scale` (the smallest
    scale its series writes, `series_scaled`), a larger number is written in that scale too (9012亿元 beside
    11844亿元, never beside 1.18万亿元), and one written whole only to stay exact takes the smallest scale, rounded as
    the others are: 36,760 beside 10.27万 reads 3.68万 (a Chinese editor writes 98.22万, never 98.2249万); in English
    a number from a tenth of it too: 982,249 beside 1.04 million reads 0.98 million."""
    scales = _words(lang)["scales"]
    words_of = dict((threshold, word) for threshold, word in scales)
    scale = _natural_scale(value, decimals, lang)
    if in_scale and scale == 0 and abs(value) >= _words(lang)["series_from"] * scales[-1][0]:
        scale = scales[-1][0]
    elif in_scale and scale > in_scale:
        scale = in_scale
    if scale == 0:
        return _trim(value, 2, lang)  # a count the smallest scale would round is written whole, as English writes it
    return f"{_trim(value / scale, decimals, lang)}{words_of[scale]}"


def number(
    value: float, base: str = "count", decimals: int = 2, lang: str = "en", measure: str = "", in_scale: float = 0
) -> str:
    """A base-unit value as prose. English: 21,900; 1.47 million; RMB 680 billion; 479.6%. Chinese: 2.19万件;
    9008万人; 381.17亿元 (`measure`: the measure word of the value's own unit, e.g. 件; else its base unit's;
    `in_scale`: as a number of a series that writes scale words, `series_scaled`)."""
    text_words = _words(lang)
    if base == "pct":
        return f"{_trim(value, 2, lang)}%"
    if base == "index":
        return _trim(value, 3, lang)
    template = text_words["money" if base == "rmb" else "amount"]
    measure = measure or text_words["measure_words"].get(base, "")
    return template.format(number=_scaled(value, decimals, lang, in_scale), measure=measure)


def qualified(qualifier: str | None, text: str, lang: str = "en") -> str:
    """A number with its qualifier in the language: 'more than 200' / '超过200'."""
    qualifiers = words.of("numbers", "qualifiers", lang)
    if not qualifier:
        return text
    return _words(lang)["qualified"].format(qualifier=qualifiers.get(qualifier, qualifier), number=text)


def figure(
    value: float, unit: str, qualifier: str | None, decimals: int = 2, lang: str = "en", in_scale: float = 0
) -> str:
    """A figure of the tables as the prose states it, without its status: qualifier, number, the measure word of the
    unit it was reported in ('more than 27.6万人次', 'about 2.19 million'). In a series written in a scale finer than
    the unit it was reported in, it is written in the series' scale as the rounded figure it is: 1.39万亿元 beside
    11844亿元 reads 约13900亿元 ('about RMB 1,390 billion'), one number style that claims no precision it lacks.
    Where the series' scale shows no more digits than were reported (1.34亿次 as '134 million'), it needs no 'about'."""
    unit_spec = UNITS[unit]
    text = number(value, unit_spec.base, decimals, lang, measure_word(unit), in_scale)
    if in_scale and unit_spec.factor > in_scale and not qualifier:
        reported = f"{value / unit_spec.factor:.10g}"
        qualifier = "about" if _digits_shown(text) > _digits_shown(reported) else None
    return qualified(qualifier, text, lang)


def _digits_shown(text: str) -> int:
    """How many digits a number's text shows, leading zeros left out ('RMB 1,390 billion': 4; '1.34': 3)."""
    return len(re.sub(r"\D", "", text).lstrip("0"))


def series_scaled(values: list[tuple[float, str]], decimals: int = 2, lang: str = "en") -> float:
    """The smallest scale word (万, 亿; million, billion) a series' numbers reach, (value, base unit) each, or 0 when
    none does: each of its numbers is then written in that scale (`number`'s `in_scale`), so a row, a sentence or a
    chart never sets 36760件 beside 10.27万件, nor 9012亿元 beside 1.18万亿元."""
    used = [_natural_scale(value, decimals, lang) for value, base in values if base not in ("pct", "index")]
    return min((scale for scale in used if scale), default=0)


def growth(pct: float, lang: str = "en", verb: bool = False, qualifier: str | None = None) -> str:
    """A change in percent as a phrase: 'up 479.6%' / '增长479.6%', 'down 8.96%' / '下降8.96%', 'unchanged' / '持平';
    with `verb`, as a sentence's verb: 'rose 479.6%', 'fell 8.96%', 'did not change'. A qualifier goes after the
    direction: 'up more than 31.4%' / '增长超过31.4%'."""
    text_words = _words(lang)
    if round(pct, 2) == 0 and not qualifier:
        return text_words["did_not_change" if verb else "unchanged"]
    size = qualified(qualifier, _trim(abs(pct), 2, lang) + "%", lang)
    direction = ("rose" if pct > 0 else "fell") if verb else ("up" if pct > 0 else "down")
    return text_words[direction].format(size=size)


def growth_expression(pct: str, lang: str = "en") -> str:
    """The Vega expression that writes the change `pct` (an expression, in percent) as `growth` writes it in prose,
    for a chart that computes it as a reader moves a slider: 'up 3,100%' / '增长3100%', 'unchanged' / '持平'."""
    text_words = _words(lang)
    size = f"{vega_number(f'abs({pct})', '.2~f', lang)} + '%'"

    def phrase(key: str) -> str:
        before, after = text_words[key].split("{size}")
        return f"{js_string(before)} + {size} + {js_string(after)}"

    unchanged = js_string(text_words["unchanged"])
    return f"(abs({pct}) < 0.005 ? {unchanged} : {pct} > 0 ? {phrase('up')} : {phrase('down')})"


def vega_number(expr: str, spec: str, lang: str = "en") -> str:
    """The Vega expression that writes the number `expr` with the d3 format `spec` (".0f", ".2~f") as this formatter
    writes numbers: its digits grouped in thousands where the language groups them (21,900; Chinese 21900)."""
    return f"format({expr}, '{',' if _words(lang)['grouped'] else ''}{spec}')"


def vega_amount(expr: str, decimals: int = 2, lang: str = "en", scale_by: str = "") -> str:
    """The Vega expression that writes the amount `expr` in the language's scale words, as `number` writes it in
    prose: '1.47 billion' / '14.7亿', '3812亿'; below the smallest scale, whole. `scale_by`: the expression whose size
    picks the scale (the smallest of a series, as `series_scaled`: RMB 381.2 billion beside RMB 11,817.2 billion)."""
    by = scale_by or expr
    scaled = [
        f"abs({by}) >= {threshold!r} ? {vega_number(f'{expr} / {threshold!r}', f'.{decimals}~f', lang)} + "
        f"{js_string(word)}"
        for threshold, word in _words(lang)["scales"]
    ]
    return f"({' : '.join(scaled)} : {vega_number(expr, '.0f', lang)})"


def js_string(text: str) -> str:
    """Text as a string literal of a Vega expression."""
    return json.dumps(text, ensure_ascii=False)


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


def title_text(title: str, lang: str = "en") -> str:
    """A publication's title as the language quotes it: “…” in English; 《…》 in Chinese (`title_inside` within
    `title_marks`)."""
    return _words(lang)["title"].format(title=title_inside(title, lang))


def title_inside(title: str, lang: str = "en") -> str:
    """What stands inside a title's marks. In a Chinese title a half-width mark after a Chinese character is set
    full-width (电商信任危机下,快手的答案是什么? reads 电商信任危机下，…？)."""
    # a Chinese title keeps Chinese punctuation on every page: its half-width marks come from copies, not the original
    title = punctuated(title, "zh" if re.search(f"[{_CJK}]", title) else lang)
    # a quotation inside the title, in straight or curly marks, gets the language's marks for one (‘…’ inside an
    # English “…”): left to a typesetter's guess, a straight mark after a Chinese character is read as a closing one
    quotation = _words(lang)["title_quotation"]
    title = re.sub(
        r'"([^"]*)"|“([^“”]*)”',
        lambda m: quotation.format(quoted=m.group(1) if m.group(1) is not None else m.group(2)),
        title,
    )
    # a title naming another work (快手电商发布《2020消费者安心购物指南》…) marks it one level in: 《…〈…〉…》
    return title.translate(str.maketrans(_words(lang)["title_nested"]))


def title_marks(lang: str = "en") -> tuple[str, str]:
    """The marks the language sets around a title (“ ”, 《 》), as title_text sets them."""
    opening, _, closing = _words(lang)["title"].partition("{title}")
    return opening, closing


# a straight apostrophe inside a word (JD's, 2021's) or after a plural's s (consumers' association)
_APOSTROPHE = re.compile(r"(?<=[A-Za-z0-9])'(?=[A-Za-z]|(?<=s')\s)")


def curled(text: str) -> str:
    """Text with its apostrophes set as a typesetter sets them (Kuaishou’s), as pandoc curls the prose: for words
    that reach a page without pandoc (a chart's caption, the embedded engine's title bar)."""
    return _APOSTROPHE.sub("’", text)


def title_bound(title: str) -> str:
    """A title whose last two words are joined by a no-break space, so that no line of it holds one word alone
    ("Kuaishou’s / 616" on the PDF's cover). The embedded engine's half of the rule; report/filters/report.lua
    (bind_title_end) does the same for Quarto's."""
    head, space, last = title.rstrip().rpartition(" ")
    return f"{head}\u00a0{last}" if space else title


_CJK = "\u3400-\u9fff"
_BRACKETED = re.compile(r"\s*\(([^()]*)\)")


def punctuated(text: str, lang: str = "en") -> str:
    """Text (a label, a title, a name from the data) as the language punctuates it. English: as it is. Chinese:
    half-width , ? : ; ! after a Chinese character and brackets beside or around Chinese are set full-width, with no
    space around them (明星 (预告) reads 明星（预告）; 维权舆情: 虚假宣传 reads 维权舆情：虚假宣传)."""
    marks = _words(lang)["title_punctuation"]
    if not marks:
        return text

    def bracket(m: re.Match) -> str:
        before = m.string[: m.start()].rstrip()[-1:]
        chinese = re.search(f"[{_CJK}]", m.group(1) + before)
        return f"（{m.group(1).strip()}）" if chinese else m.group(0)

    text = _BRACKETED.sub(bracket, text)
    text = re.sub(f"(?<=[{_CJK}])([,?:;!])", lambda m: marks[m.group(1)], text)
    return re.sub(r"([，。；：？！（）])\s+", r"\1", text)


def with_note(text: str, note: str, lang: str = "en") -> str:
    """A name with a note after it, as the language sets one: 'Penalties (times), over a run of months'; in Chinese
    a note after a closing bracket goes inside it, 处罚（次或人次；数月）, never 处罚（次或人次）（数月）."""
    close = _words(lang)["note_joins"]
    if close and text.endswith(close):
        return text[: -len(close)] + _words(lang)["note_in_bracket"].format(note=note)
    return text + _words(lang)["note"].format(note=note)


def sentences(parts: list[str], lang: str = "en") -> str:
    """Sentences one after another: a space between English ones, none between Chinese ones."""
    return _words(lang)["sentence_space"].join(parts)


def sentence(text: str, lang: str = "en") -> str:
    """Text as a sentence: its first letter a capital (where the script has capitals) and a full stop at its end."""
    return f"{text[:1].upper()}{text[1:]}{_words(lang)['full_stop']}"


def _date_places(day: date, lang: str) -> dict[str, object]:
    return {"day": day.day, "month": day.month, "year": day.year, "month_name": _dates(lang)["months"][day.month - 1]}


def day_text(day: date, lang: str = "en") -> str:
    """15 June 2021 / 2021年6月15日."""
    return _dates(lang)["day"].format_map(_date_places(day, lang))


def month_text(day: date, lang: str = "en", year: bool = True) -> str:
    """June 2021 / 2021年6月 (with `year`), June / 6月 (without)."""
    return _dates(lang)["month"].format_map(_date_places(day, lang)) if year else _dates(lang)["months"][day.month - 1]


def date_text(text: str, lang: str = "en") -> str:
    """A date as a table writes it (2021-06-15, 2021-06 or 2021) in the language: 15 June 2021 / 2021年6月15日,
    June 2021 / 2021年6月; anything else is returned as it is."""
    templates = _dates(lang)
    parts = text.split("-")
    if not all(part.isdigit() for part in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return text
    if len(parts) == 3:
        return day_text(date.fromisoformat(text), lang)
    if len(parts) == 2 and 1 <= int(parts[1]) <= 12:
        return month_text(date(int(parts[0]), int(parts[1]), 1), lang)
    return templates["year"].format(year=text) if len(parts) == 1 else text


def as_recorded(text: str, lang: str = "en") -> str:
    """A date or period as a table cell, a tooltip or a source line gives it: as the tables write it where the
    language keeps them so (2021-06-15, 2020-H1), else in words (2021年6月15日, 2020年1月至6月); anything that is
    not a period as it is."""
    if _words(lang)["dates_as_recorded"]:
        return text
    try:
        return period_text(*parse_period(text), lang)
    except (ValueError, TypeError):
        return text


def period_text(start: date | None, end: date, lang: str = "en") -> str:
    """2020-01-01..2020-09-30 -> 'January to September 2020' / '2020年1月至9月'; a whole year -> '2020' / '2020年'."""
    templates = _dates(lang)
    if start is None:
        return templates["up_to"].format(end=month_text(end, lang))
    if start == end:
        return day_text(start, lang)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return templates["year"].format(year=start.year)
    if start.day == 1 and (end + timedelta(days=1)).day == 1:  # whole months
        if (start.year, start.month) == (end.year, end.month):
            return month_text(start, lang)
        key = "months_in_a_year" if start.year == end.year else "months_across_years"
        return templates[key].format(
            start=month_text(start, lang),
            end=month_text(end, lang),
            start_month=month_text(start, lang, year=False),
            end_month=month_text(end, lang, year=False),
        )
    return templates["days"].format(
        start=day_text(start, lang), end=day_text(end, lang), start_iso=f"{start:%Y-%m-%d}", end_iso=f"{end:%Y-%m-%d}"
    )


# ---- axes ------------------------------------------------------------------------------------------------------------


def axis_scale(largest: float, lang: str = "en") -> tuple[float, str]:
    """The divisor and word of the scale an axis whose largest value is `largest` reads in ("" for units)."""
    for threshold, divisor, word in words.of("numbers", "axes", lang)["scales"]:
        if abs(largest) >= threshold:
            return float(divisor), word
    return 1.0, ""


def axis_unit(base: str, word: str, lang: str = "en", measure: str = "") -> str:
    """The unit an axis title names: "RMB billion", "thousands", "people, millions" / "亿元", "万件"."""
    axes = words.of("numbers", "axes", lang)
    templates = axes["unit" if word else "unit_unscaled"]
    measure = measure or _words(lang)["measure_words"].get(base, "")
    return templates.get(base, templates["other"]).format(scale=word, measure=measure).strip()


def axis_column(name: str, base: str, word: str, unit: str, lang: str = "en") -> str:
    """The name of a column scaled for an axis, carrying its unit: gmv_rmb_billion, appeals_thousands / gmv_亿元."""
    templates = words.of("numbers", "axes", lang)["column" if word else "column_unscaled"]
    return templates.get(base, templates["other"]).format(name=name, scale=word, unit=unit).rstrip("_")
