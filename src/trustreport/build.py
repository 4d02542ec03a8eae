"""The build, stage by stage: check parameters, validate data, run chapters, assemble the site and PDF."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date, datetime, timezone
from pathlib import Path

from . import data, engines
from .chapters import chapter, notebook_chapters
from .engines import BuildInfo, Outputs
from .params import Edition, load_edition
from .paths import build_dir, project_root
from .tables import shown_path


def build_date() -> str:
    """The build date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
    return date.today().isoformat()


def write_params(edition: Edition, out: Path) -> None:
    """Write the checked parameters, the record of what the chapters ran with."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(edition.notebook_parameters(), ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def plan(edition: Edition) -> str:
    """A Makefile fragment: each chapter's executed notebook and the raw tables it reads."""
    data_dir = Path(edition.data_dir)
    lines = [
        f"DATA_DIR := {data_dir}",
        f"DATA_FILES := {' '.join(str(data_dir / p.name) for p in sorted(edition.data_path().glob('*.csv')))}",
        f"CHAPTER_OUTPUTS := {' '.join(str(c.executed(edition.edition).relative_to(project_root())) for c in notebook_chapters())}",
    ]
    for c in notebook_chapters():
        reads = " ".join(_input_path(edition, name) for name in c.reads())
        lines.append(f"{c.executed(edition.edition).relative_to(project_root())}: {reads}")
    return "\n".join(lines) + "\n"


def _input_path(edition: Edition, name: str) -> str:
    """A chapter's declared input as a path make can watch: a raw table, or a file-valued parameter."""
    if name.startswith("param:"):
        value = getattr(edition, name.removeprefix("param:"))
        return str(value) if value else ""
    return str(Path(edition.data_dir) / name)


def run(edition_name: str, chapter_stem: str) -> Path:
    from .execute import run_chapter

    edition = load_edition(edition_name)
    return run_chapter(chapter(chapter_stem), edition)


def assemble(edition_name: str, engine: str | None = None) -> Outputs:
    """Stage, render with one engine, then swap the new site and PDF in whole."""
    from .stage import stage

    edition = load_edition(edition_name)
    engine = engines.choose(engine)
    out_dir = build_dir(edition.edition)
    staged = stage(edition)
    work = out_dir / ".assemble.partial"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    from . import manifest

    built = build_date()
    fingerprint = data.fingerprint(edition.data_path())
    record = manifest.make(edition, engine, built, fingerprint)
    info = BuildInfo(edition.edition, fingerprint, built, record["report_version"], record["git_commit"])
    outputs = engines.render(engine, staged, work, info)
    manifest.write(record, outputs.site / "manifest.json")
    write_published_data(edition, outputs.site)

    site, pdf = out_dir / "site", out_dir / f"trustreport-{edition.edition}.pdf"
    shutil.copy2(outputs.pdf, pdf.with_suffix(".pdf.partial"))
    old = out_dir / ".site.old"
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    outputs.site.rename(site)
    os.replace(pdf.with_suffix(".pdf.partial"), pdf)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)
    return Outputs(site=site, pdf=pdf, engine=outputs.engine)


def write_published_data(edition: Edition, site: Path) -> None:
    """figures.json (every figure, as used) and ledger.json (every number the prose states), for readers and
    for the what-changed page of the next published version."""
    from .figures import Figures

    rows = Figures.load(edition.data_path()).published()
    (site / "figures.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    ledger = {}
    for path in sorted((build_dir(edition.edition) / "ledger").glob("*.json")):
        ledger[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    (site / "ledger.json").write_text(json.dumps(ledger, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def build(edition_name: str, engine: str | None = None) -> Outputs:
    """Everything, in order, for users without make: nothing runs unless the stage before it passed."""
    edition = load_edition(edition_name)
    engines.choose(engine)
    data.validate(edition.data_path())
    from .execute import run_chapter

    for c in notebook_chapters():
        run_chapter(c, edition)
    return assemble(edition_name, engine)


def where(outputs: Outputs) -> str:
    return f"  HTML site: {shown_path(outputs.site / 'index.html')}\n  PDF:       {shown_path(outputs.pdf)}"
