"""The Quarto engine: `quarto render` of the staged book project, HTML and Typst PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

from ..errors import UserError
from ..project import pdf_name
from .engines import BuildInfo, Outputs


def render(staged: Path, work: Path, info: BuildInfo) -> Outputs:
    # The staged copy of _quarto.yml carries this build's line (version, commit, data, date) as the page footer.
    config_path = staged / "_quarto.yml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config.setdefault("book", {})["page-footer"] = info.line("quarto")
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run(["quarto", "render", str(staged)], capture_output=True, text=True)
    if result.returncode != 0:
        raise UserError(f"quarto render failed:\n{result.stderr[-4000:]}")
    output_dir = staged / (yaml.safe_load((staged / "_quarto.yml").read_text(encoding="utf-8"))["project"].get("output-dir", "_book"))
    shutil.copytree(output_dir, work / "site")
    pdf = work / "site" / pdf_name(info.edition)
    if not pdf.is_file():
        raise UserError(f"quarto render made no PDF at {pdf.name}")
    return Outputs(site=work / "site", pdf=pdf, engine="quarto")
