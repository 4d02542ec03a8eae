"""The GMV formula from the 2021 电商引力大会 as a what-if: sliders in the HTML, a scenario table in the PDF.

GMV = UV × content minutes per UV × orders per minute × order value × purchases per buyer. The factors were
never published; the base comes from the edition (`what_if`) and is labelled illustrative wherever it shows.
"""

from __future__ import annotations

from ..params import WhatIf

LABELS = {
    "uv": "UV (私域+公域)",
    "minutes_per_uv": "内容消费时长 (分钟)",
    "orders_per_minute": "单位时长订单转化率",
    "order_value_rmb": "客单价 (元)",
    "purchases_per_buyer": "复购频次",
}
ENGLISH = {
    "uv": "buyers reached",
    "minutes_per_uv": "content time",
    "orders_per_minute": "conversion per minute",
    "order_value_rmb": "order value",
    "purchases_per_buyer": "repurchase frequency",
}


def gmv(values: dict[str, float]) -> float:
    product = 1.0
    for name in LABELS:
        product *= values[name]
    return product


def factors(base: WhatIf) -> list[dict]:
    """Each factor's slider: from a quarter of the base to three times it, in a hundred steps."""
    values = base.model_dump()
    return [
        {"name": name, "label": LABELS[name], "base": values[name], "min": values[name] / 4, "max": values[name] * 3, "step": values[name] * 2.75 / 100}
        for name in LABELS
    ]


def scenarios(base: WhatIf) -> list[tuple[str, float]]:
    values = base.model_dump()
    rows = [("base (illustrative)", gmv(values))]
    for name in LABELS:
        rows.append((f"{ENGLISH[name]} +10%", gmv({**values, name: values[name] * 1.1})))
    rows.append(("repurchase frequency +50% (a trusted anchor's regulars)", gmv({**values, "purchases_per_buyer": values["purchases_per_buyer"] * 1.5})))
    rows.append(("every factor +10%", gmv({k: v * 1.1 for k, v in values.items()})))
    return rows


def scenario_table(base: WhatIf) -> str:
    """The PDF's stand-in for the sliders (the HTML shows the live calculator instead)."""
    rows = scenarios(base)
    first = rows[0][1]
    lines = [
        '::: {.content-visible when-format="typst" .tr-scenarios}',
        "Scenarios of the GMV formula, from the edition's illustrative base (the HTML edition has sliders):",
        "",
        "| scenario | GMV (亿元) | change on base |",
        "|---|---:|---:|",
    ]
    for name, value in rows:
        lines.append(f"| {name} | {value / 1e8:,.2f} | {value / first - 1:+.1%} |")
    lines.append(":::")
    return "\n".join(lines) + "\n"
