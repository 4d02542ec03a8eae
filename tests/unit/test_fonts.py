"""The charts are measured with a cut of Noto Sans SC (fonts.py): a chart drawn with it is the chart drawn with the
whole face, byte for byte, for the project's own characters and for characters the cut does not hold."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

# Latin with kerning pairs (AV, To, Wa), Chinese the project uses, and Chinese it does not (鑫淼焱垚, 龘).
LABELS = ["AVATAR To Wa", "快手 616 投诉量（万件）", "鑫淼焱垚龘 Yo", "淘宝 · 京东：下降21.84%"]

DRAW = """
import json, sys
import vl_convert as vlc
from trustreport.project import font_dir
spec = json.loads(sys.argv[2])
if sys.argv[1] == "cut":
    from trustreport.charts.bundle import svg_of
    print(svg_of(spec))
else:  # with the whole face; the titles' English labels hidden as svg_of hides them
    from trustreport.charts.bundle import VEGA_TITLE_LABEL
    vlc.register_font_directory(str(font_dir()))
    print(VEGA_TITLE_LABEL.sub('aria-hidden="true"', vlc.vegalite_to_svg(spec, vl_version="6.4")))
"""


def _spec() -> dict:
    rows = [{"label": label, "value": i + 1} for i, label in enumerate(LABELS)]
    return {
        "config": {"font": "Noto Sans SC"},
        "data": {"values": rows},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "title": "平台 Platform"},
            "x": {"field": "value", "type": "quantitative", "title": "Complaints 投诉"},
        },
        "title": "AVATAR 快手 To Wa",
    }


def _draw(how: str, cache) -> str:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache), "TRUSTREPORT_ROOT": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", DRAW, how, json.dumps(_spec(), ensure_ascii=False)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout


def test_a_chart_measured_with_the_cut_is_the_chart_measured_with_the_whole_face(tmp_path):
    whole = _draw("whole", tmp_path / "none")
    cut = _draw("cut", tmp_path / "cache")
    assert "快手" in whole and "鑫淼焱垚龘" in whole
    assert cut == whole
    # the cut was made, in a folder of its own that holds nothing else (vl-convert registers fonts by folder)
    made = list((tmp_path / "cache" / "trustreport").glob("chart-font-*/*"))
    assert [path.name for path in made] == ["NotoSansSC-Regular.otf"]
    assert made[0].stat().st_size < 2_000_000  # a cut, not the 8 MB face
    # made once: a second drawing finds it and draws the same
    assert _draw("cut", tmp_path / "cache") == whole


def test_the_web_font_takes_quartos_own_words_where_quarto_on_path_is_a_wrapper(tmp_path, monkeypatch):
    """conda's `quarto`, or a user's, can be a script that runs Quarto from elsewhere: the Chinese site's font still
    holds the words of Quarto's search panel, found where Quarto says its files are (`quarto --paths`)."""
    from trustreport.render.stage import _engine_words

    share = tmp_path / "elsewhere" / "share"
    (share / "language").mkdir(parents=True)
    (share / "language" / "_language-zh.yml").write_text(
        "search-hide-matches-text: 隐藏其它匹配结果\n", encoding="utf-8"
    )
    wrapper = tmp_path / "bin" / "quarto"
    wrapper.parent.mkdir()
    wrapper.write_text(f'#!/bin/sh\n[ "$1" = --paths ] && printf "%s\\n%s\\n" /nowhere "{share}"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{wrapper.parent}{os.pathsep}{os.environ['PATH']}")
    assert "隐藏其它匹配结果" in _engine_words("zh")
    assert _engine_words("en") == ""
