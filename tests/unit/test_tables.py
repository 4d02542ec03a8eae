"""The rules, checked against values written out here, never against the code that applies them: the data
fingerprint (trustreport.data.tables)."""

from __future__ import annotations

from trustreport.data.tables import fingerprint


def test_fingerprint_is_sha256_of_named_digests():
    import hashlib

    digests = {"gala": "ab" * 32, "sources": "cd" * 32}
    expected = hashlib.sha256(f"gala {'ab' * 32}\nsources {'cd' * 32}".encode()).hexdigest()[:12]
    assert fingerprint(digests) == expected == fingerprint(dict(reversed(list(digests.items()))))


def test_a_source_read_after_the_release_date_is_refused_where_it_stands(tmp_path):
    """report/release.yml dates the report; a source read later than that (sources.csv `accessed`) would make the
    report claim to be published before it could have been written."""
    import csv
    import io
    import shutil

    import pytest

    from trustreport.data.tables import load_all
    from trustreport.errors import InvalidInput
    from trustreport.project import release, root

    shutil.copytree(root() / "data" / "raw", tmp_path / "raw")
    sources = tmp_path / "raw" / "sources.csv"
    rows = list(csv.reader(io.StringIO(sources.read_text(encoding="utf-8"))))
    released = release()["date"]
    a_year_later = f"{int(released[:4]) + 1}{released[4:]}"
    rows[3][rows[0].index("accessed")] = a_year_later  # line 4 of the file: the third source
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    sources.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(InvalidInput) as caught:
        load_all(tmp_path / "raw")
    (problem,) = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (4, "accessed", a_year_later)
    assert "release date" in problem.rule and "report/release.yml" in problem.rule
