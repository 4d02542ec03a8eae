"""The build, stage by stage: check parameters, validate the tables, run the chapters, assemble the site and PDF.

make drives these steps one by one (see the Makefile and plan.py); `build()` runs them all in order for users
without make.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import ExitStack
from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl

from .. import files, ledger
from ..chapter.figure_rows import FigureRows
from ..chapter.sources import publisher
from ..chapters import notebook_chapters
from ..data import tables
from ..data.schemas import TABLES
from ..languages import base_edition, edition_in, folder_of, site_language
from ..params import Edition, edition_file, load_edition
from ..project import build_dir, locked, pdf_name, shown_path
from ..records import store
from ..render import engines
from ..render.frame import translations
from ..render.outputs import BuildInfo, Outputs
from ..render.stage import stage
from ..site import manifest
from . import execute
from .plan import report_editions


def build_date() -> str:
    """The build date: SOURCE_DATE_EPOCH when set (reproducible builds), else today (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return date.today().isoformat()


def prepare_tables(edition: Edition, params_file: str) -> list[str]:
    """The tables stage: validate every raw table (and the complaint records the edition names, which
    `params_file` is blamed for) and bring the edition's store up to date; the names of the tables rewritten."""
    changed = tables.refresh(edition.edition, edition.data_path())
    records = edition.records_path()
    if records:
        store.check(records, edition.allow_synthetic, params_file)
    return changed


def run(edition_arg: str, chapter_stems: list[str], kernels: int = 1) -> list[Path]:
    """Run the named chapters, in turn in one kernel or shared among `kernels`."""
    return execute.run_languages([(edition_arg, chapter_stems)], kernels)


def assemble(edition_arg: str, engine: str | None = None, out_dir: Path | None = None) -> Outputs:
    """Stage, render with one engine, then swap the new site and PDF in whole into `out_dir` (default:
    build/<edition>/; another folder keeps a second rendering, e.g. with the other engine, beside it)."""
    edition = load_edition(edition_arg)
    engine = engines.choose(engine)
    out_dir = Path(out_dir) if out_dir else build_dir(edition.edition)
    out_dir.mkdir(parents=True, exist_ok=True)
    snapshot = tables.load(edition.edition, edition.data_path(), list(TABLES))  # every table and digest, read once
    record = manifest.make(edition, engine, build_date(), data_fingerprint(snapshot.digests), snapshot.digests)
    info = BuildInfo(
        edition.edition,
        record["data_fingerprint"],
        record["built"],
        record["report_version"],
        record["git_commit"],
        edition.title,
        edition.subtitle,
        edition.lang,
        (edition.baseline_year, edition.focus_year),
        record["release_date"],
    )
    staged = stage(edition, out_dir / "report", snapshot.tables, info.line(engine))
    work = out_dir / ".assemble.partial"  # the engines' scratch folder, gone when assembly ends, whole or not
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        return _render_and_swap(edition, engine, snapshot, staged, work, out_dir, info, record)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _render_and_swap(
    edition: Edition,
    engine: str,
    snapshot: tables.Snapshot,
    staged: Path,
    work: Path,
    out_dir: Path,
    info: BuildInfo,
    record: dict,
) -> Outputs:
    """Render the staged report in `work` and swap the site and the PDF into `out_dir`."""
    outputs = engines.render(engine, staged, work, info)
    link_translations(edition, outputs.site, out_dir == build_dir(edition.edition))
    manifest.write(record, outputs.site / "manifest.json")
    write_published_data(edition, snapshot.tables, outputs.site)

    site, pdf = out_dir / "site", out_dir / pdf_name(edition.edition)
    with files.replacing(pdf) as partial_pdf:
        shutil.copy2(outputs.pdf, partial_pdf)  # copied before the swap, moved into place after it
        files.swap_in(outputs.site, site, fault="assemble.swap")
    return Outputs(site=site, pdf=pdf, engine=outputs.engine)


def link_translations(edition: Edition, site: Path, in_build: bool) -> None:
    """In build/<edition>/site, each other language's site as a folder (zh/ → build/<edition>-zh/site), where the
    published site has it: every page's language link works in the build as it will when published."""
    if edition.lang != site_language():
        return
    base = base_edition(edition.edition, edition.lang)
    for other in translations(edition.edition, edition.lang):
        link = site / folder_of(other["lang"]).rstrip("/")
        target = build_dir(edition_in(base, other["lang"])) / "site"
        # relative in build/ (the folder can move); elsewhere (assemble --out) the build of record's, by its path
        link.symlink_to(
            Path("..") / ".." / target.parent.name / "site" if in_build else target, target_is_directory=True
        )


def data_fingerprint(digests: dict[str, str]) -> str:
    """The fingerprint of every table the edition reads (their raw files' digests, by table), named by file as each
    chapter's box names its inputs."""
    return tables.fingerprint({TABLES[name][1]: digest for name, digest in digests.items()})


def write_published_data(edition: Edition, every: dict[str, pl.DataFrame], site: Path) -> None:
    """figures.json (every figure, as used) and ledger.json (every number the prose states), for readers and
    for the what-changed page of the next published version."""
    rows = FigureRows(every).published()
    sources = {row["id"]: row for row in every["sources"].iter_rows(named=True)}
    for row in rows.values():  # who published it, as this language's References page names them
        row["source"] = publisher(sources[row["source_id"]], edition.lang)
    files.write_text(site / "figures.json", json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    chapters = {
        c.stem: ledger.read(build_dir(edition.edition) / "ledger" / f"{c.stem}.json") for c in notebook_chapters()
    }
    ledger.write_site(site / "ledger.json", chapters)


def build(edition_arg: str, engine: str | None = None) -> list[Outputs]:
    """Everything, in order, for users without make, in each language the edition is built in (as `make report`):
    nothing runs unless the stage before it passed. Each chapter runs once for all the languages, in one kernel."""
    engines.choose(engine)
    with ExitStack() as held:
        editions = []
        for name in report_editions(edition_arg):
            edition = load_edition(name)
            lock = build_dir(edition.edition).parent / ".locks" / edition.edition  # the Makefile's lock
            held.enter_context(locked(lock, f"build of edition {edition.edition}"))
            prepare_tables(edition, shown_path(edition_file(name)))
            editions.append((name, edition))
        execute.run_editions(
            [(name, edition, notebook_chapters()) for name, edition in editions], min(2, os.cpu_count() or 1)
        )
        return [assemble(name, engine) for name, _ in editions]


def where(outputs: Outputs) -> str:
    return f"  HTML site: {shown_path(outputs.site / 'index.html')}\n  PDF:       {shown_path(outputs.pdf)}"
