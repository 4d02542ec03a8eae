"""Numbers and periods in words, one way for the whole report: 21,900; 1.47 million; RMB 680 billion; 479.6%."""

from __future__ import annotations

from datetime import date, timedelta

NOT_REPORTED = "not reported"
MARK = {"reported": "", "derived": " (derived)", "estimate": " (estimate)"}
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _trim(x: float, decimals: int) -> str:
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def number(value: float, base: str = "count", decimals: int = 2) -> str:
    """A base-unit value as prose: 21,900; 1.47 million; RMB 680 billion; 479.6%."""
    if base == "pct":
        return f"{_trim(value, 2)}%"
    if base == "index":
        return _trim(value, 3)
    prefix = "RMB " if base == "rmb" else ""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{prefix}{_trim(value / scale, decimals)} {word}"
    return f"{prefix}{_trim(value, 2)}"


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


def period_text(start: date | None, end: date) -> str:
    """2020-01-01..2020-09-30 -> 'January to September 2020'; a whole year -> '2020'."""
    if start is None:
        return f"up to {_MONTHS[end.month - 1]} {end.year}"
    if start == end:
        return f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if start.day == 1 and (end + timedelta(days=1)).day == 1:  # whole months
        if (start.year, start.month) == (end.year, end.month):
            return f"{_MONTHS[start.month - 1]} {start.year}"
        if start.year == end.year:
            return f"{_MONTHS[start.month - 1]} to {_MONTHS[end.month - 1]} {end.year}"
        return f"{_MONTHS[start.month - 1]} {start.year} to {_MONTHS[end.month - 1]} {end.year}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"
