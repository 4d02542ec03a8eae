"""The build plan for make: each chapter's inputs, written so that a chapter reruns when, and only when, one of
its own inputs changed.

`write(edition)` checks nothing itself (the edition is already checked) and writes, under build/<edition>/:
  - params.json: every parameter (what assembly and the manifest use);
  - inputs/<chapter>.json: the parameters the chapter uses, the files it reads and a digest of its words in the
    edition's language, rewritten only when they change, so its modification time tells make whether the chapter's
    inputs did;
  - plan.mk: the make rules (read by the Makefile).
"""

from __future__ import annotations

import json
from pathlib import Path

from .. import escape, files
from ..chapter import text
from ..chapters import check_language, notebook_chapters
from ..data.table_files import TABLE_FILES
from ..errors import UserError
from ..languages import edition_in, project_languages, site_language
from ..params import Edition, edition_file, edition_language, editions, is_path, published_editions
from ..project import build_dir, default_edition, pdf_name, report_dir, root, shown_path
from ..render.frame import translations


def chapter_inputs(edition: Edition) -> dict[str, dict]:
    """For each notebook chapter: the parameters it uses and the files it reads."""
    plans = {}
    values = edition.as_dict()
    check_language({c.stem: c.declared() for c in notebook_chapters()}, edition.lang)
    for chapter in notebook_chapters():
        wanted = chapter.declared()
        text.check(chapter.stem, chapter.source, wanted.languages)
        files = [_make_word(edition.data_path() / TABLE_FILES[name]) for name in wanted.reads]
        if wanted.release:  # a new release date reruns the chapter that states it
            files.append(_make_word(report_dir() / "release.yml"))
        records = edition.records_path()
        if "complaint_records" in wanted.params and records:
            files.append(_make_word(records))
        plans[chapter.stem] = {
            "params": {k: values[k] for k in wanted.params},
            "files": files,
            # its words in the edition's language (notebooks/<chapter>.text.yml): a new translation reruns the
            # chapter in that language, and an edit of the 中文 words leaves the English run as it is
            "words": text.words_digest(chapter.stem, edition.lang),
        }
    return plans


def _make_word(path: Path) -> str:
    """A path as plan.mk holds it: relative to the project, and one make takes as a plain word (or an error)."""
    try:
        return escape.make_path(shown_path(path))
    except ValueError as exc:
        raise UserError(f"cannot build with this path: {exc}") from None


def report_editions(edition_arg: str) -> list[str]:
    """The editions `make report` builds for an edition argument: itself, then, for an edition in the site's
    language named by its name, the same edition in each other language of the project ('2021', '2021-zh')."""
    if is_path(edition_arg) or edition_language(edition_arg) != site_language():
        return [edition_arg]
    return [edition_arg] + [edition_in(edition_arg, t["lang"]) for t in translations(edition_arg, site_language())]


def write_project() -> Path:
    """build/project.mk: what the Makefile needs before it knows an edition's plan. The default edition, the
    languages, the editions `make publish` publishes (the demonstrations only with DEMO=1), and for each edition
    name (each params file's, and each of those in the project's other languages) the editions `make report` builds
    for it (`report_editions`), its language and the params file it is read from."""
    lines = [
        f"DEFAULT_EDITION := {_make_word(Path(default_edition()))}",
        f"LANGUAGES := {' '.join(project_languages())}",
    ]
    try:
        published = published_editions()
    except UserError:  # an edition file that does not read: `trustreport publish` reports it, by name
        published = [default_edition()] + [n for n in editions() if n != default_edition()]
    demonstrations = [n for n in editions() if n not in published]
    lines.append(f"PUBLISHED_EDITIONS := {' '.join(_make_word(Path(n)) for n in published)}")
    lines.append(f"DEMO_EDITIONS := {' '.join(_make_word(Path(n)) for n in demonstrations)}")
    names = editions() + [edition_in(name, lang) for name in editions() for lang in project_languages()[1:]]
    for name in dict.fromkeys(names):
        try:
            builds, lang = report_editions(name), edition_language(name)
        except UserError:  # an edition that does not load is reported by its own plan, when it is built
            builds, lang = [name], ""
        lines.append(f"BUILDS_{name} := {' '.join(builds)}")
        lines.append(f"LANGUAGE_{name} := {lang}")
        lines.append(f"EDITION_FILE_{name} := {_make_word(edition_file(name))}")
    out = root() / "build" / "project.mk"
    files.write_text(out, "# Written by `trustreport project-plan`; the Makefile reads it.\n" + "\n".join(lines) + "\n")
    return out


def write(edition: Edition) -> Path:
    """Write params.json, each chapter's inputs file and plan.mk; return plan.mk's path."""
    out = build_dir(edition.edition)
    files.write_text_if_changed(
        out / "params.json", json.dumps(edition.as_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )
    lines = [
        f"SITE := {_make_word(out / 'site' / 'index.html')}",
        f"PDF := {_make_word(out / pdf_name(edition.edition))}",
        "OUTPUTS := $(SITE) $(PDF)",
        f"DATA_FILES := {' '.join(_make_word(edition.data_path() / file) for file in TABLE_FILES.values())}",
        f"CHAPTER_OUTPUTS := {' '.join(_make_word(c.executed(edition.edition)) for c in notebook_chapters())}",
    ]
    for stem, plan in chapter_inputs(edition).items():
        stamp = out / "inputs" / f"{stem}.json"
        files.write_text_if_changed(stamp, json.dumps(plan, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
        lines.append(f"{_make_word(out / 'chapters' / f'{stem}.ipynb')}: {_make_word(stamp)} {' '.join(plan['files'])}")
    plan_mk = out / "plan.mk"
    files.write_text(plan_mk, "\n".join(lines) + "\n")  # always: its modification time says the plan was checked
    return plan_mk
