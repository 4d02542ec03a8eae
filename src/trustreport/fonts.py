"""Cuts of the CJK fonts holding only the characters wanted: small enough to ship (the site's web font) and quick
to measure text with (the charts' drawing). Each is made once for its characters and kept in the user's cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import files
from .project import notebooks_dir, root, user_cache

# Typography the pages may use whatever the data says: quotes, dashes, arrows, CJK punctuation.
TYPOGRAPHY = "‘’“”–—…←→↑↓·×÷−•°±≈≤≥№，。、；：？！（）【】《》〈〉「」『』～￥％＋－＝"
PRINTABLE_ASCII = "".join(chr(code) for code in range(0x20, 0x7F))


def cut(source: Path, wanted: str, name: str, flavor: str | None = None) -> Path:
    """`source` cut to the `wanted` characters, every layout feature kept (so text shapes and measures as with the
    whole face); in a folder of its own (`name`-key/), since vl-convert registers fonts by folder."""
    key = hashlib.sha256(f"{source.name}\0{source.stat().st_size}\0{flavor}\0{wanted}".encode()).hexdigest()[:16]
    made = user_cache() / f"{name}-{key}" / (source.with_suffix(f".{flavor}").name if flavor else source.name)
    if not made.is_file():
        from fontTools import subset

        options = subset.Options()
        options.layout_features = ["*"]
        if flavor:
            options.flavor = flavor
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        made.parent.mkdir(parents=True, exist_ok=True)
        with files.replacing(made) as partial:  # whole: another build may be reading it
            subset.save_font(font, str(partial), options)
    return made


def project_characters() -> str:
    """The characters of the project's own words and data, sorted: nearly all the text its charts draw."""
    from . import words

    text = [TYPOGRAPHY, PRINTABLE_ASCII]
    for folder, pattern in (
        (Path(words.__file__).parent, "*.yml"),
        (notebooks_dir(), "*.text.yml"),
        (root() / "data" / "raw", "*.csv"),
    ):
        text += [path.read_text(encoding="utf-8", errors="ignore") for path in sorted(folder.glob(pattern))]
    return "".join(sorted({ch for ch in "".join(text) if ch.isprintable()}))
