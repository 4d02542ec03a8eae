"""A chart's downloadable data as the staging writes it (render/stage.py `write_rows`): headed in the page's
language, yes-or-no in words, a day without a time of day, nothing a spreadsheet would run; a column nobody named
stops the build, naming its chart."""

from __future__ import annotations

import pytest

from trustreport.errors import UserError
from trustreport.render.stage import write_rows

ROWS = [
    {"figure_id": "c-1", "label": "2130.32万件", "comparable": True, "end": "2020-12-31T00:00:00", "value_base": 1.0},
    {"figure_id": "c-2", "label": "=1+1", "comparable": False, "end": None, "value_base": 21303200.0},
]


def test_the_data_is_headed_and_worded_in_the_pages_language(tmp_path):
    zh, en = tmp_path / "grid.csv", tmp_path / "grid-en.csv"
    write_rows(ROWS, zh, "zh")
    write_rows(ROWS, en, "en")
    assert zh.read_text(encoding="utf-8").splitlines() == [
        "数字编号,图中写法,两年可比,时期结束,数值（基本单位）",
        "c-1,2130.32万件,是,2020-12-31,1",
        "c-2,'=1+1,否,,21303200",
    ]
    assert (
        en.read_text(encoding="utf-8").splitlines()[0]
        == "Figure ID,As shown,Comparable across the two years,Period ends,Value (base units)"
    )
    assert en.read_text(encoding="utf-8").splitlines()[1] == "c-1,2130.32万件,yes,2020-12-31,1"


def test_a_column_nobody_named_stops_the_build_naming_the_chart(tmp_path):
    with pytest.raises(UserError) as raised:
        write_rows([{"figure_id": "c-1", "x_px": 12}], tmp_path / "gala-comparison.csv", "en")
    assert "chart gala-comparison" in str(raised.value) and "'x_px'" in str(raised.value)
    assert "data_columns" in str(raised.value) and not (tmp_path / "gala-comparison.csv").exists()
