"""A chart as it goes out (charts/bundle.py). What a screen reader speaks for it reads as the page does: each year by
its name, each value as the chart's own label writes it (unit, scale and qualifier), never a drawing's position or a
raw base-unit number; its drawing names nothing in English; in the PDF its labels keep one size."""

from __future__ import annotations

from pathlib import Path

from trustreport.charts.bundle import alt_text

# A yearly series drawn at mid-year (its position, 2022-07-02, is no date of the data), each point labelled.
LINE = {
    "title": "Bans",
    "datasets": {
        "d": [
            {"day": "2021-07-02T00:00:00", "period": "2021", "value_base": 210000.0, "label": "210,000"},
            {"day": "2022-07-02T00:00:00", "period": "2022", "value_base": 276000.0, "label": "more than 276,000"},
        ]
    },
    "layer": [
        {
            "data": {"name": "d"},
            "mark": "line",
            "encoding": {
                "x": {"field": "day", "type": "temporal"},
                "y": {"field": "value_base", "type": "quantitative"},
            },
        }
    ],
}


def test_a_yearly_series_is_read_by_its_years_and_its_labels():
    said = alt_text(LINE)
    assert "2021: 210,000" in said and "2022: more than 276,000" in said
    assert "07-02" not in said and "276000" not in said


def test_in_chinese_too():
    rows = LINE["datasets"]["d"]
    zh = {
        **LINE,
        "datasets": {
            "d": [
                {**rows[0], "period": "2021年", "label": "21万人次"},
                {**rows[1], "period": "2022年", "label": "超过27.6万人次"},
            ]
        },
    }
    said = alt_text(zh, "zh")
    assert "2021年：21万人次" in said and "2022年：超过27.6万人次" in said and "07-02" not in said


def test_rows_without_a_label_keep_their_number():
    plain = {**LINE, "datasets": {"d": [{"day": "2021-07-02T00:00:00", "value_base": 3.5}]}}
    assert "2021-07-02: 3.5" in alt_text(plain)


def test_the_drawing_names_no_title_in_english():
    """Vega labels a title it draws "Title text '…'" for screen readers, in English on a Chinese page too."""
    from trustreport.charts.bundle import svg_of

    spec = {
        "title": "快手电商GMV",
        "data": {"values": [{"a": 1}]},
        "vconcat": [{"title": "复购率", "mark": "bar", "encoding": {"x": {"field": "a", "type": "quantitative"}}}],
    }
    svg = svg_of(spec)
    assert "Title text" not in svg and "复购率" in svg and "快手电商GMV" in svg


def test_a_narrow_chart_is_not_blown_up_in_the_pdf():
    """Every chart's labels at about one size in the PDF: a wide chart fills the text's width, a narrow one keeps
    0.75 pt a pixel (it was stretched to the width, its labels twice a wide chart's), a tall one fits the height."""
    from trustreport.charts.bundle import _pdf_width

    assert _pdf_width('<svg viewBox="0 0 684 254">') == "100%"
    assert _pdf_width('<svg viewBox="0 0 464 197">') == "348pt"
    assert _pdf_width('<svg viewBox="0 0 466 779">') == "275pt"


def test_a_tooltip_names_no_source_for_a_figure_none_found_in_words_not_undefined():
    """A row for a figure none found has no source: its tooltip read "source: undefined" (来源：undefined)."""
    from trustreport.charts.bundle import name_sources

    spec = {
        "datasets": {"d": [{"label": "none found", "source_id": None}, {"label": "1.2", "source_id": "seed"}]},
        "encoding": {"tooltip": [{"field": "source_id", "type": "nominal"}]},
    }
    named = name_sources(spec, {"seed": "创业邦, 2021-06-14"}, "未找到")
    assert [row["source"] for row in named["datasets"]["d"]] == ["未找到", "创业邦, 2021-06-14"]
    assert named["encoding"]["tooltip"][0]["field"] == "source"


BARS = {
    "data": {"values": [{"platform": "淘宝", "n": 3}]},
    "mark": "bar",
    "encoding": {"x": {"field": "n", "type": "quantitative"}, "y": {"field": "platform", "type": "nominal"}},
}


def _counting_renderer(monkeypatch) -> list[dict]:
    """vl-convert's drawing, each spec it is asked for counted."""
    import vl_convert

    drawn: list[dict] = []
    draw = vl_convert.vegalite_to_svg

    def counted(spec, **options):
        drawn.append(spec)
        return draw(spec, **options)

    monkeypatch.setattr(vl_convert, "vegalite_to_svg", counted)
    return drawn


def test_a_chart_drawn_once_is_not_drawn_again_and_a_changed_one_is(monkeypatch, tmp_path):
    """Each drawing is kept in the user's cache by what it is drawn from: drawing the same chart again (another run
    of its chapter, a copy of the project) reads it back, the same SVG; a chart with one word changed is drawn."""
    from trustreport.charts.bundle import svg_of

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    drawn = _counting_renderer(monkeypatch)
    first = svg_of(BARS)
    assert svg_of(BARS) == first and len(drawn) == 1
    assert len(list((tmp_path / "trustreport" / "drawings").glob("*.svg"))) == 1
    changed = {**BARS, "data": {"values": [{"platform": "京东", "n": 3}]}}
    assert "京东" in svg_of(changed) and len(drawn) == 2
    monkeypatch.setenv("TRUSTREPORT_CACHE", "off")  # every chart drawn, as the benchmarks' cold builds want
    assert svg_of(BARS) == first and len(drawn) == 3


def test_a_chart_is_drawn_again_when_its_faces_or_its_renderer_change(monkeypatch, tmp_path):
    import vl_convert

    from trustreport.charts import bundle

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    drawn = _counting_renderer(monkeypatch)
    bundle.svg_of(BARS)
    monkeypatch.setattr(bundle, "_faces", lambda: [("NotoSansSC-Regular.otf", 1)])  # another cut of the face
    bundle.svg_of(BARS)
    monkeypatch.setattr(vl_convert, "__version__", "0.0.1", raising=False)
    bundle.svg_of(BARS)
    assert len(drawn) == 3


def test_the_cache_forgets_the_drawings_used_longest_ago(monkeypatch, tmp_path):
    import os

    from trustreport.charts import bundle

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(bundle, "DRAWINGS_KEPT", 4)
    kept = tmp_path / "trustreport" / "drawings"

    def draw(n: int) -> Path:
        before = set(kept.glob("*.svg"))
        bundle.svg_of({**BARS, "data": {"values": [{"platform": "淘宝", "n": n}]}})
        return (set(kept.glob("*.svg")) - before).pop() if set(kept.glob("*.svg")) - before else Path()

    files = {n: draw(n) for n in range(4)}
    for n, path in files.items():  # drawn in turn, each a second apart
        os.utime(path, (1_000_000 + n, 1_000_000 + n))
    draw(0)  # read back: used now, the newest
    newest = draw(9)  # a fifth drawing: beyond the four kept, the cache goes down to three
    assert set(kept.glob("*.svg")) == {files[0], files[3], newest}
