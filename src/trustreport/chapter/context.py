"""A chapter as a unit. The one call at the top of a notebook,

    from trustreport.chapter import start
    ch = start(globals())

finds which chapter is running, checks its edition, and hands it exactly the tables and parameters its notebook
declares (asking for anything else is an error). `ch.end()`, the notebook's last cell, states what the chapter was
built with and hands its ledger (every number its prose stated) to the build inside the output itself.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from .. import __version__, escape, ledger, numbers, project, words
from ..chapters import Declared, chapters, check_language, declared
from ..charts import bundle
from ..data import tables as table_store
from ..data.schemas import TABLES, FigureTable
from ..errors import UserError
from ..params import Edition, load_edition
from ..project import default_edition, notebooks_dir
from ..records import store
from . import text
from .charting import Charts
from .complaint_records import Records
from .each import Each
from .figures import Figures
from .sources import Sources, linked_title


def notebook_path(namespace: dict) -> Path:
    """The notebook being run, found the way each runner tells it."""
    candidates = [
        str(c)
        for c in (
            namespace.get("PAPERMILL_INPUT_PATH"),  # trustreport's runner, or `papermill --inject-paths`
            namespace.get("__session__") or os.environ.get("JPY_SESSION_NAME"),  # JupyterLab, Jupyter Server 2
            namespace.get("__vsc_ipynb_file__"),  # VS Code
            # plain `papermill in.ipynb out.ipynb`, `jupyter nbconvert --execute in.ipynb`
            *_parent_notebook_arguments(),
        )
        if c
    ]
    if "TRUSTREPORT_ROOT" not in os.environ and project.find(Path.cwd().resolve()) is None:
        # Run from outside the project (papermill /path/to/project/notebooks/x.ipynb): the notebook's own folder tells.
        found = next(
            (project.find(Path(c).resolve().parent) for c in candidates if project.find(Path(c).resolve().parent)), None
        )
        if found:
            os.environ["TRUSTREPORT_ROOT"] = str(found)
    for candidate in candidates:
        path = notebooks_dir() / Path(candidate).name
        if path.is_file():
            return path
    raise UserError(
        "cannot tell which chapter this notebook is: open it from notebooks/ in JupyterLab, run it with the "
        "papermill command or `trustreport run-chapter`, or give papermill's Python API the parameter "
        "PAPERMILL_INPUT_PATH='notebooks/<chapter>.ipynb'"
    )


def _parent_notebook_arguments() -> list[str]:
    # The kernel's parent is the process that started it; its first .ipynb argument is the notebook it runs.
    try:
        args = Path(f"/proc/{os.getppid()}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []
    return [a.decode(errors="replace") for a in args if a.endswith(b".ipynb")][:1]


class Parameters:
    """An edition's parameters as a chapter sees them: the ones it declared, and no other."""

    def __init__(self, edition: Edition, allowed: tuple[str, ...], chapter: str):
        self._edition, self._allowed, self._chapter = edition, allowed, chapter

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        if key in self._allowed:
            return getattr(self._edition, key)
        if key in Edition.model_fields:
            raise UserError(
                f"chapter {self._chapter} uses the parameter '{key}' without declaring it: add it to "
                "trustreport.params in the notebook's metadata, so the build reruns the chapter when it changes"
            )
        raise AttributeError(f"no edition parameter '{key}'")

    def as_dict(self) -> dict[str, Any]:
        values = self._edition.as_dict()
        return {key: values[key] for key in self._allowed}


@dataclass
class Context:
    """What a running chapter has: its name, its checked parameters, its tables and figures (stated in its
    language), the sources they cite, and the chart kinds it draws with."""

    chapter: str
    params: Parameters
    figures: Figures
    declared: Declared
    inputs: dict[str, str] = field(default_factory=dict)  # input name -> sha256 of what was read
    figure_numbers: dict[str, str] = field(default_factory=dict)  # chart name -> "2.1", in order of first mention
    sources: Sources = field(init=False)
    charts: Charts = field(init=False)

    def __post_init__(self) -> None:
        self.sources = Sources(self.figures.sources, self.figures.lang)
        self.charts = Charts(self.figures)

    @property
    def lang(self) -> str:
        """The edition's language, which every word the chapter states is in."""
        return self.figures.lang

    def table(self, name: str):
        """A declared table (a polars DataFrame in base units)."""
        if name not in self.declared.reads:
            raise UserError(
                f"chapter {self.chapter} reads the table '{name}' without declaring it: add it to trustreport.reads "
                f"in the notebook's metadata (declared: {', '.join(self.declared.reads)})"
            )
        return self.figures.tables[name]

    def records(self) -> Records | None:
        """The edition's complaint-record aggregate and its metadata, or None when the edition names none."""
        if self.params.complaint_records is None:  # raises if the chapter did not declare the parameter
            return None
        path = self.params._edition.records_path()
        assert path is not None  # complaint_records is set
        store.check(path, self.params._edition.allow_synthetic, f"edition {self.params.edition}")
        digest = table_store.file_digest(path)
        self.inputs[f"records:{path.name}"] = digest
        table, meta = _read_records(path, digest)
        return Records(table, meta, self.lang)

    def cite(self, figure_ids) -> list[str]:
        """Source lines for the given figures, each source once, in order of first use."""
        return self.sources.cite(self.figures.source_ids(figure_ids))

    def title(self, source_id: str) -> str:
        """A source's title as the page cites it (Markdown): quoted as the language quotes titles, linked to its
        address, with what it says in the page's language where it is in another."""
        return linked_title(self.sources.row(source_id), self.lang)

    def date(self, text: str) -> str:
        """A date as a table writes it (2021-06-15), in words in the edition's language."""
        return numbers.date_text(text, self.lang)

    def release_date(self) -> str:
        """The report's release date (report/release.yml) in words; the chapter must declare `release: true`."""
        if not self.declared.release:
            raise UserError(
                f'chapter {self.chapter} states the release date without declaring it: add "release": true to '
                "trustreport in the notebook's metadata"
            )
        return numbers.date_text(project.release()["date"], self.lang)

    def sentences(self, parts: list[str]) -> str:
        """Sentences one after another, as the edition's language sets them."""
        return numbers.sentences(parts, self.lang)

    def join(self, separator: str, parts: list[str]) -> str:
        """Texts joined by `separator` ("\\n": paragraphs), as `separator.join(parts)`: called on the chapter, it
        joins each language's texts in a run for several."""
        return separator.join(parts)

    def frame(self, rows: list[dict[str, Any]]) -> pl.DataFrame:
        """A table of rows the chapter made (words among them) for a chart, in each language of a run for several."""
        return pl.DataFrame(rows)

    def chart(
        self,
        chart,
        *,
        name: str,
        sources: list[str],
        alt: str | None = None,
        html_only: bool = False,
        full_page: bool = False,
        source_names: dict[str, str] | None = None,
    ) -> None:
        """Show a chart: live on the site, a vector image in the PDF, under its numbered caption, with its source
        line and data. `full_page`: a page of its own in the PDF (a tall chart whose labels must stay readable).
        `source_names`: how its tooltips name some sources (numbered notes' names, `Sources.notes`), over their
        plain names."""
        bundle.show(
            chart,
            name=name,
            sources=sources,
            alt=alt,
            html_only=html_only,
            full_page=full_page,
            number=self.figure_number(name),
            source_names={**self.sources.names(), **(source_names or {})},
            lang=self.lang,
        )

    def figure_number(self, name: str) -> str:
        """A chart's number, "<chapter>.<n>": figures are numbered in the order the chapter first mentions them."""
        if name not in self.figure_numbers:
            stems = [c.stem for c in chapters()]
            place = stems.index(self.chapter) if self.chapter in stems else 0
            n = len(self.figure_numbers) + 1
            self.figure_numbers[name] = f"{place}.{n}" if place else str(n)
        return self.figure_numbers[name]

    def ref(self, name: str) -> str:
        """A link to a chart of this chapter, for prose: "[Figure 2.1](#fig-gala-grid)" in Markdown."""
        figure = words.word("charts", "figure", "figure", self.lang)
        return f"[{figure} {self.figure_number(name)}](#fig-{name}){{.tr-fig-ref}}"

    def heading(self, text: str) -> str:
        """The chapter's level-one heading in Markdown. Where the navigation names the chapter otherwise
        (words/frame.yml `nav`: the summary's heading states the finding), the PDF's running heads name it so too
        (a Typst marker the book frame reads; web pages drop it)."""
        short = words.of("frame", "nav", self.lang).get(self.chapter)
        marker = f"\n```{{=typst}}\n#metadata({escape.typst_string(short)}) <tr-running-head>\n```\n" if short else ""
        return f"# {text}\n{marker}"

    def t(self, key: str, **values) -> str:
        """The chapter's text `key` (notebooks/<chapter>.text.yml) in the edition's language, its places filled."""
        return text.say(self.chapter, self.lang, key, values)

    def fingerprint(self) -> str:
        """A short hash of everything this chapter read."""
        return table_store.fingerprint(self.inputs)

    def end(self) -> None:
        """The chapter's closing box: what it was built with. Its output carries the chapter's ledger to the build."""
        from IPython.display import display

        said = words.of("frame", "built_with", self.lang)
        reads = said["files"].join(sorted(self.inputs))
        names = words.of("frame", "built_with_params", self.lang)
        params = said["separator"].join(
            names[k] + ("" if isinstance(v, dict) else said["name_value"]) + _value(k, v, names, said, self.lang)
            for k, v in self.params.as_dict().items()
            if k != "edition"
        )
        line = said["line"].format(
            edition=self.params.edition, reads=reads, fingerprint=self.fingerprint(), version=__version__
        )
        box = f"::: {{.tr-built}}\n{line}  \n{said['params']}{params}\n:::\n"
        display(
            {"text/markdown": box, "text/plain": f"built with {self.params.edition}"},
            raw=True,
            metadata=ledger.output_metadata(
                self.chapter, self.inputs, self.figures.ledger.entries, list(self.figures.absent)
            ),
        )


@functools.lru_cache(maxsize=1)
def _read_records(path: Path, digest: str) -> tuple[pl.DataFrame, dict]:
    """A complaint-record aggregate as its file now is (`digest`), read once for every language of a run."""
    return store.read(path)


def _value(key: str, value: Any, names: dict[str, str], said: dict[str, str], lang: str) -> str:
    """A parameter's value as the closing box shows it: a path in code, the language by its name, what-if factors
    named in the page's language (`said`: the box's words, frame.yml `built_with`)."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        inner = said["separator"].join(
            f"{names[k]}{said['name_value']}{_value(k, v, names, said, lang)}" for k, v in value.items()
        )
        # its bracket brings its own space where the language sets one (English " (", Chinese "（")
        return str(words.word("frame", "built_with", "bracket", lang)).format(text=inner)
    if key == "lang":
        return str(words.language_name(str(value)))
    if isinstance(value, bool):
        return str(words.word("frame", "yes_no", "yes" if value else "no", lang))
    if isinstance(value, float) and value.is_integer():
        return numbers.plain(value, 0, lang)
    if isinstance(value, str) and key in {"data_dir", "complaint_records"}:
        return f"`{value}`"
    return str(value)


def start(namespace: dict) -> Context | Each:
    """Set a chapter up from its notebook's globals: the edition (parameter `edition`, None for the project's
    default), any other edition parameter given to this run, and the tables and parameters the notebook declares.
    Given `editions`, the same edition in several languages (the build's run for all of them), a context in each
    (`Each`), on tables read once; the notebook shows the first."""
    notebook = notebook_path(namespace)
    chapter = notebook.stem
    wanted = declared(notebook)
    name = namespace.get("edition")
    name = default_edition() if name is None else str(name)  # `papermill -p edition 2020` gives the number 2020
    overrides = {key: namespace[key] for key in Edition.model_fields if key != "edition" and key in namespace}
    editions = [load_edition(n, overrides) for n in [name, *namespace.get("editions", [name])[1:]]]
    _one_edition(editions)
    for edition in editions:
        check_language({chapter: wanted}, edition.lang)
    text.check(chapter, notebook, wanted.languages)
    first = editions[0]
    tables, digests = table_store.load(first.edition, first.data_path(), list(wanted.reads))
    inputs = {f"{name}.csv": digest for name, digest in digests.items()}
    figures = Figures(tables, first.lang, _table_of(first))
    contexts = {
        edition.lang: Context(
            chapter,
            Parameters(edition, wanted.params, chapter),
            figures if edition is first else figures.in_language(edition.lang),
            wanted,
            dict(inputs),
        )
        for edition in editions
    }
    return contexts[first.lang] if len(contexts) == 1 else Each(contexts)


# What may differ between the editions one run serves: their names, languages and words (every other parameter,
# the data included, is the same in each).
_OWN = ("edition", "lang", "title", "subtitle")


def _one_edition(editions: list[Edition]) -> None:
    """Editions run together are one edition in several languages: the same data and parameters, each language
    once."""
    first = editions[0]
    for other in editions[1:]:
        differ = [key for key in Edition.model_fields if key not in _OWN and getattr(first, key) != getattr(other, key)]
        if differ:
            raise UserError(
                f"editions {first.edition} and {other.edition} cannot share a chapter's run: they differ in "
                + ", ".join(differ)
            )
    if len({edition.lang for edition in editions}) < len(editions):
        raise UserError(
            f"editions {', '.join(e.edition for e in editions)} cannot share a chapter's run: a language comes twice"
        )


def _table_of(edition: Edition):
    """Which of the edition's figure tables holds a figure id (None: none does), for `Figures` to tell a figure of a
    table the chapter did not declare from one the data does not hold. Asked only of ids the chapter's own tables
    lack, so the other tables are read only then."""

    held: dict[str, str] = {}  # every figure id of the edition -> its table, read at the first id asked about

    def table_of(figure_id: str) -> str | None:
        if not held:
            names = [name for name, (schema, _) in TABLES.items() if issubclass(schema, FigureTable)]
            every, _ = table_store.load(edition.edition, edition.data_path(), names)
            held.update((fid, name) for name in names for fid in every[name]["figure_id"].to_list())
        return held.get(figure_id)

    return table_of
