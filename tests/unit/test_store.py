"""The store of complaint aggregates (trustreport.records.store), in process: an aggregate says whether its
records are synthetic, and is checked before an edition uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from trustreport.errors import InvalidInput
from trustreport.records import store
from trustreport.records.ingest import ingest

HEADER = "id,created_at,platform,category,status,amount\n"


def write(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_synthetic_records_are_marked_and_checked(tmp_path):
    src = write(tmp_path / "r.csv", ["SYN-1,2021-06-16,快手,质量,,"])
    report = ingest([str(src)], tmp_path / "agg.parquet")
    assert report.synthetic and report.summary().endswith("[synthetic data]")
    with pytest.raises(InvalidInput, match="holds synthetic records"):
        store.check(tmp_path / "agg.parquet", allow_synthetic=False, named_in="e.yml")
    store.check(tmp_path / "agg.parquet", allow_synthetic=True, named_in="e.yml")  # allowed: no error
    real = write(tmp_path / "real.csv", ["x1,2021-06-16,快手,质量,,"])
    ingest([str(real)], tmp_path / "real.parquet")
    store.check(tmp_path / "real.parquet", allow_synthetic=False, named_in="e.yml")
    assert store.read_meta(tmp_path / "real.parquet")["synthetic"] is False
    with pytest.raises(InvalidInput, match="not an aggregate"):
        store.check(src, allow_synthetic=True, named_in="e.yml")


def test_a_synthetic_csv_says_so_beside_it(tmp_path):
    path = write(tmp_path / "s.csv", ["x,2021-06-16,快手,质量,,"])
    assert store.is_synthetic_file(path) is False
    store.mark_csv(path, store.records_meta(True, rows=1))
    assert store.is_synthetic_file(path) is True
    (tmp_path / "s.csv.meta.json").write_text("not json", encoding="utf-8")
    assert store.is_synthetic_file(path) is False


def test_an_aggregate_is_checked_before_use(tmp_path):
    import polars as pl

    plain = tmp_path / "plain.parquet"
    pl.DataFrame({"x": [1]}).write_parquet(plain)
    with pytest.raises(InvalidInput) as caught:
        store.read_meta(plain)
    assert str(caught.value) == f"{plain}: not a complaint aggregate made by `trustreport ingest-complaints`"
    with pytest.raises(InvalidInput) as caught:
        store.check(plain, allow_synthetic=True, named_in="params/e.yml")
    assert (
        str(caught.value) == f"params/e.yml, key 'complaint_records': value '{plain}': "
        "not an aggregate made by `trustreport ingest-complaints`"
    )
    synthetic = write(tmp_path / "s.csv", ["SYN-1,2021-06-16,快手,质量,,"])
    ingest([str(synthetic)], tmp_path / "agg.parquet")
    with pytest.raises(InvalidInput) as caught:
        store.check(tmp_path / "agg.parquet", allow_synthetic=False, named_in="params/e.yml")
    assert str(caught.value) == (
        f"params/e.yml, key 'complaint_records': value '{tmp_path / 'agg.parquet'}': holds synthetic records "
        "(for tests and benchmarks); only an edition with allow_synthetic: true takes them"
    )
    for name in ("records.parquet", "records.PQ"):
        records = tmp_path / name
        pl.DataFrame({"id": ["x"]}).write_parquet(
            records, metadata={"trustreport": json.dumps(store.records_meta(True, rows=1))}
        )
        assert store.is_synthetic_file(records) is True
    assert store.is_synthetic_file(plain) is False
    assert store.records_meta(False, rows=2) == {"kind": "complaint-records", "synthetic": False, "rows": 2}
    store.mark_csv(synthetic, store.records_meta(True, rows=1))
    assert (tmp_path / "s.csv.meta.json").read_text(
        encoding="utf-8"
    ) == '{\n "kind": "complaint-records",\n "synthetic": true,\n "rows": 1\n}\n'
