"""`trustreport`: the command line the Makefile drives; usable on its own too.

Exit codes: 0 success, 1 invalid input (data, params, a failing chapter), 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import InvalidInput, UsageError, UserError
from .startup import leave_out_unused_imports


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own usage errors: exit 2, as ours
        self.print_usage(sys.stderr)
        _usage_exit(message)


def _usage_exit(message: str):
    print(f"trustreport: error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="trustreport", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("check-params", help="check an edition's parameters (params/<edition>.yml)")
    p.add_argument("edition", help="edition name, or a path to a params file")

    p = sub.add_parser("validate", help="validate the raw data tables")
    p.add_argument("--data", type=Path, default=None, help="folder of raw tables (default: data/raw)")

    p = sub.add_parser(
        "tables", help="validate editions' tables and complaint records, and refresh each edition's table store"
    )
    p.add_argument("editions", nargs="+", metavar="edition")

    p = sub.add_parser(
        "ingest-complaints", help="aggregate complaint records (CSV/Parquet, globs) to month × platform × category"
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="files or globs (quote globs: 'exports/*.csv')")
    p.add_argument("--out", type=Path, required=True, help="the aggregate to write (.parquet)")
    p.add_argument("--skip-invalid", action="store_true", help="leave invalid rows out (counted) instead of stopping")

    p = sub.add_parser("synth-complaints", help="write synthetic complaint records, for tests and benchmarks only")
    p.add_argument("--rows", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", type=Path, required=True, help=".csv or .parquet")
    p.add_argument("--dirty", type=float, default=0.0, help="fraction of rows to break the ways real exports break")
    p.add_argument(
        "--effect",
        default=None,
        metavar="PLATFORM:DATE:CHANGE",
        help=(
            "plant a known drop for the event study, e.g. 快手:2021-06-01:-0.3 "
            "(three in ten of its later complaints never happen)"
        ),
    )

    p = sub.add_parser("data-dictionary", help="print the data dictionary (Markdown), generated from the schemas")

    p = sub.add_parser(
        "publish", help="publish the built editions as a version of the static site (site/), the first as its front"
    )
    p.add_argument(
        "editions",
        nargs="*",
        metavar="edition",
        help="default: the default edition, then every other in params/ but the demonstrations",
    )
    p.add_argument("--demo", action="store_true", help="with no edition named: the demonstration editions too")
    p.add_argument("--site", type=Path, default=None, help="the site folder (default: site/)")
    p.add_argument("--version", default=None, help="default: report/release.yml")
    p.add_argument("--force", action="store_true", help="replace a published version whose content differs")
    p.add_argument(
        "--build", type=Path, default=None, help="the first edition's build folder (default: build/<edition>/)"
    )

    p = sub.add_parser("plan", help="check editions' parameters and write each build plan (build/<edition>/plan.mk)")
    p.add_argument("editions", nargs="+", metavar="edition")

    sub.add_parser("project-plan", help="write the project's editions and languages for make (build/project.mk)")

    p = sub.add_parser(
        "run-chapter", help="execute chapter notebooks with an edition's parameters (several: in turn, in one kernel)"
    )
    p.add_argument("edition")
    p.add_argument("chapters", nargs="+", metavar="chapter", help="chapter name, e.g. 10_complaints")
    p.add_argument("--kernels", type=int, default=1, help="run the chapters in this many kernels at once (default: 1)")
    p.add_argument(
        "--also",
        nargs="+",
        action="append",
        default=[],
        metavar="EDITION CHAPTER",
        help=(
            "the same edition in another language and its chapters to run (repeatable): a chapter asked for in "
            "several languages runs once for all of them"
        ),
    )
    p.add_argument(
        "--tables",
        nargs="+",
        default=[],
        metavar="EDITION",
        help="validate these editions' tables first, while the kernels start (what `trustreport tables` does)",
    )
    p.add_argument(
        "--progress", action="store_true", help="say which chapters run, once the tables are valid, not what they wrote"
    )

    for name, text in (
        ("assemble", "make the HTML site and PDF from executed chapters"),
        ("build", "check, validate, run every chapter, assemble"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("edition")
        p.add_argument(
            "--engine",
            choices=("quarto", "embedded"),
            default=os.environ.get("REPORT_ENGINE") or None,
            help="default: $REPORT_ENGINE, else quarto when on PATH, else embedded",
        )
        if name == "assemble":
            p.add_argument(
                "--out", type=Path, default=None, help="folder for the site and PDF (default: build/<edition>/)"
            )
    return parser


def _check_params(args: argparse.Namespace) -> None:
    from . import params

    edition = params.load_edition(args.edition)
    print(
        f"params ok: edition {edition.edition} ({edition.focus_year} against {edition.baseline_year}), data in "
        f"{edition.data_dir}"
    )


def _validate(args: argparse.Namespace) -> None:
    from .data import tables
    from .project import root

    data_dir = args.data or root() / "data" / "raw"
    if not Path(data_dir).is_dir():
        raise UsageError(f"--data {data_dir}: no such folder")
    for line in tables.validate(Path(data_dir)):
        print(f"valid: {line}")


def _tables(args: argparse.Namespace) -> None:
    # several editions in one process (make report asks for an edition's languages at once): one start, one import
    for name in args.editions:
        print(_prepare_tables(name))


def _prepare_tables(name: str) -> str:
    from . import params
    from .pipeline import build
    from .project import shown_path

    changed = build.prepare_tables(params.load_edition(name), shown_path(params.edition_file(name)))
    return f"{name}: tables valid; updated: {', '.join(changed) if changed else 'none'}"


def _ingest_complaints(args: argparse.Namespace) -> None:
    from .records import ingest

    if args.out.suffix.lower() != ".parquet":
        raise UsageError(f"--out {args.out}: the aggregate is written as .parquet")
    report = ingest.ingest(args.inputs, args.out, skip_invalid=args.skip_invalid)
    print(f"{report.summary()}\nwrote {args.out}")


def _synth_complaints(args: argparse.Namespace) -> None:
    from .records.synth import Effect, synthesize

    effect = Effect.parse(args.effect) if args.effect else None
    print(
        f"wrote {synthesize(args.rows, args.seed, args.out, args.dirty, effect)} ({args.rows:,} synthetic rows, "
        f"seed {args.seed}" + (f", {effect.platform} {effect.change:+.0%} from {effect.day}" if effect else "") + ")"
    )


def _data_dictionary(args: argparse.Namespace) -> None:
    from .render.dictionary import markdown

    print(markdown(), end="")


def _publish(args: argparse.Namespace) -> None:
    from .params import published_editions
    from .site.publish import publish

    editions = args.editions or published_editions(demo=args.demo)
    print(publish(editions, site=args.site, version=args.version, force=args.force, build=args.build))


def _plan(args: argparse.Namespace) -> None:
    from . import params
    from .pipeline import plan
    from .project import shown_path

    for name in args.editions:
        print(f"plan ok: {shown_path(plan.write(params.load_edition(name)))}")


def _project_plan(args: argparse.Namespace) -> None:
    from .pipeline import plan
    from .project import shown_path

    print(f"project plan ok: {shown_path(plan.write_project())}")


def _run_chapter(args: argparse.Namespace) -> None:
    # not pipeline.build: its imports (the charts, the renderers) would delay the kernels' start by half a second;
    # the tables stage imports what it needs while they start
    from .pipeline import execute
    from .project import shown_path

    plans = [(args.edition, args.chapters)] + [(also[0], also[1:]) for also in args.also]
    for edition, stems in plans:
        if not stems:
            _usage_exit(f"--also {edition}: name the chapters to run for it")

    def first() -> None:
        for name in args.tables:
            said = _prepare_tables(name)
            if not args.progress:
                print(said)
        if args.progress:
            _say_running(plans)

    ran = execute.run_languages(plans, args.kernels, first if args.tables or args.progress else None)
    if not args.progress:
        for (edition, stem), out in zip([(e, s) for e, stems in plans for s in stems], ran, strict=True):
            print(f"ran {stem} for edition {edition} -> {shown_path(out)}")


def _say_running(plans: list[tuple[str, list[str]]]) -> None:
    """One line a chapter about to run, its editions together (`make report`'s progress)."""
    editions_of: dict[str, list[str]] = {}
    for edition, stems in plans:
        for stem in stems:
            editions_of.setdefault(stem, []).append(edition)
    for stem in sorted(editions_of):
        print(f"Running chapter {stem} ({', '.join(editions_of[stem])})", flush=True)


def _assemble(args: argparse.Namespace) -> None:
    from .pipeline import build

    outputs = build.assemble(args.edition, args.engine, args.out)
    print(f"assembled edition {args.edition} with the {outputs.engine} engine")


def _build(args: argparse.Namespace) -> None:
    from .pipeline import build

    for outputs in build.build(args.edition, args.engine):
        print(f"built edition {outputs.site.parent.name}:\n{build.where(outputs)}")


# Each subcommand's work; its imports are its own, so `trustreport validate` does not load the renderers.
COMMANDS = {
    "check-params": _check_params,
    "validate": _validate,
    "tables": _tables,
    "ingest-complaints": _ingest_complaints,
    "synth-complaints": _synth_complaints,
    "data-dictionary": _data_dictionary,
    "publish": _publish,
    "plan": _plan,
    "project-plan": _project_plan,
    "run-chapter": _run_chapter,
    "assemble": _assemble,
    "build": _build,
}


def run(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    COMMANDS[args.command](args)  # the parser requires one of them
    return 0


def main(argv: list[str] | None = None) -> int:
    leave_out_unused_imports()
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except InvalidInput as exc:
        count = len(exc.problems)
        print(f"trustreport: invalid input ({count} problem{'s' if count != 1 else ''}):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return exc.exit_code
    except UserError as exc:
        print(f"trustreport: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("trustreport: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a reader that stopped early (| head): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:  # a read-only or full disk, a missing folder: the system's words, and the file
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"trustreport: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
