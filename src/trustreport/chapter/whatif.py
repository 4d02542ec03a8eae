"""The GMV formula from the 2021 电商引力大会 as a what-if: sliders on the site, a sensitivity chart in both.

GMV = UV × content minutes per UV × orders per minute × order value × purchases per buyer. The factors were
never published; the base comes from the edition (`what_if`) and is labelled illustrative wherever it shows.
Each slider moves one factor by a percentage of its base, so every slider reads the same way and the result is
"+x% against base" whatever the units.
"""

from __future__ import annotations

from .. import words
from ..numbers import number
from ..params import WhatIf

# Each factor with the unit of its base; their names are words/chapters.yml `what_if_factors`.
BASE_UNITS = {
    "uv": "people",
    "minutes_per_uv": "minutes",
    "orders_per_minute": "orders/minute",
    "order_value_rmb": "rmb",
    "purchases_per_buyer": "purchases",
}
FACTORS = tuple(BASE_UNITS)
STEP_PCT, MIN_PCT, MAX_PCT = 5, -50, 100  # each slider: a factor from half its base to double it, in 5% steps


def gmv(values: dict[str, float]) -> float:
    product = 1.0
    for name in FACTORS:
        product *= values[name]
    return product


def base_text(name: str, value: float, lang: str = "en") -> str:
    """A factor's base as a reader reads it: 100 million, 30 minutes, 0.2%, RMB 100, 1.2 purchases
    (1亿人, 30分钟, 0.20%, 100元, 1.2次)."""
    if name == "orders_per_minute":
        return f"{value * 100:.2f}%"
    if BASE_UNITS[name] in ("rmb", "people"):
        return number(value, BASE_UNITS[name], lang=lang)
    return f"{number(value, lang=lang)}{words.word('chapters', 'what_if_units', BASE_UNITS[name], lang)}"


def factor_label(name: str, lang: str = "en") -> str:
    """A factor's name as the charts show it: 内容消费时长 · content time / 内容消费时长."""
    return words.word("chapters", "what_if_factors", name, lang)


def factors(base: WhatIf, lang: str = "en") -> list[dict]:
    """Each factor's slider: its change on the base, in percent, with its label in the edition's language (the
    English edition names each factor in both)."""
    values = base.model_dump()
    return [
        {
            "name": f"pct_{name}",
            "label": words.word("chapters", "what_if", "slider", lang).format(
                factor=factor_label(name, lang), base=base_text(name, values[name], lang)
            ),
            "base": 0,
            "min": MIN_PCT,
            "max": MAX_PCT,
            "step": STEP_PCT,
        }
        for name in FACTORS
    ]


def sensitivity(base: WhatIf, lang: str = "en") -> list[dict]:
    """GMV's change on the base when factors move by ±10% and ±25%: one factor at a time, then together. In a product,
    any one factor moves GMV by exactly its own change; factors that move together compound."""
    said = words.of("chapters", "what_if", lang)
    values = base.model_dump()
    first = gmv(values)
    groups = [(factor_label(n, lang), [n]) for n in FACTORS]
    # Content (time, for stickiness) and repurchase (for trust) were put forward as weighing heavily (the article).
    groups += [(said["together"], ["minutes_per_uv", "purchases_per_buyer"]), (said["all"], list(FACTORS))]
    rows = []
    for label, names in groups:
        for step in (-25, -10, 10, 25):
            moved = {k: v * (1 + step / 100) if k in names else v for k, v in values.items()}
            rows.append(
                {
                    "scenario": label,
                    "factor_change_pct": step,
                    "gmv_change_pct": round((gmv(moved) / first - 1) * 100, 2),
                    "gmv_rmb": round(gmv(moved), 2),
                }
            )
    return rows
