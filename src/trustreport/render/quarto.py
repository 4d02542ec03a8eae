"""The Quarto engine: `quarto render` of the staged book project, to HTML and to a Typst PDF in our book frame.

Quarto renders the executed notebooks as they are (it executes nothing). Charts reach it as `text/markdown`
outputs (see charts/bundle.py), so no page gets RequireJS or jQuery from a CDN; the PDF uses the trustbook
format (report/_extensions/trustbook), the frame the embedded engine uses too.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from ..errors import UserError
from ..project import pdf_name
from .engines import BuildInfo, Outputs


def configure(staged: Path, info: BuildInfo) -> Path:
    """The staged _quarto.yml gets this build's line (page footer, PDF colophon) and edition; the output folder."""
    config_path = staged / "_quarto.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config.setdefault("book", {})["page-footer"] = info.line("quarto")
    config["build-line"] = info.line("quarto")
    config["edition"] = info.edition
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return staged / config["project"].get("output-dir", "_book")


def render(staged: Path, work: Path, info: BuildInfo) -> Outputs:
    output_dir = configure(staged, info)
    shutil.rmtree(output_dir, ignore_errors=True)
    try:
        result = subprocess.run(["quarto", "render", str(staged)], capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UserError(f"quarto render could not run: {exc}") from None
    if result.returncode != 0:
        raise UserError(f"quarto render failed:\n{result.stderr[-4000:]}")
    pdf = output_dir / pdf_name(info.edition)
    if not pdf.is_file():
        raise UserError(f"quarto render made no PDF named {pdf.name} in {output_dir}")
    shutil.copytree(output_dir, work / "site")
    return Outputs(site=work / "site", pdf=work / "site" / pdf.name, engine="quarto")
