"""Cuts of the CJK fonts holding only the characters wanted: small enough to ship (the site's web font) and quick
to measure text with (the charts' drawing). Each is made once for its characters and kept in the user's cache."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from .project import notebooks_dir, root, user_cache

# Typography the pages may use whatever the data says: quotes, dashes, arrows, CJK punctuation.
TYPOGRAPHY = "‘’“”–—…←→↑↓·×÷−•°±≈≤≥№，。、；：？！（）【】《》〈〉「」『』～￥％＋－＝"
PRINTABLE_ASCII = "".join(chr(code) for code in range(0x20, 0x7F))


def cut(source: Path, wanted: str, name: str, flavor: str | None = None, all_but_ideographs: bool = False) -> Path:
    """`source` cut to the `wanted` characters (with `all_but_ideographs`, also every character of the face that is
    not an ideograph), every layout feature kept, so text shapes and measures as with the whole face; in a folder of
    its own (`name`-key/), since vl-convert registers fonts by folder."""
    inputs = f"{source.name}\0{source.stat().st_size}\0{flavor}\0{all_but_ideographs}\0{wanted}"
    key = hashlib.sha256(inputs.encode()).hexdigest()[:16]
    folder = user_cache() / f"{name}-{key}"
    made = folder / (source.with_suffix(f".{flavor}").name if flavor else source.name)
    if not made.is_file():
        from fontTools import subset

        options = subset.Options()
        options.layout_features = ["*"]
        if flavor:
            options.flavor = flavor
        font = subset.load_font(str(source), options)
        if all_but_ideographs:
            wanted += "".join(chr(code) for code in font.getBestCmap() if not _ideograph(code))
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=wanted)
        subsetter.subset(font)
        # made in a folder of its own, then renamed into place whole: a process registering the folder (two
        # kernels start at once) never finds half a font in it
        user_cache().mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=user_cache()))
        try:
            subset.save_font(font, str(work / made.name), options)
            try:
                os.rename(work, folder)
            except OSError:  # another process made it first; or a folder without the font, replaced
                if not made.is_file():
                    shutil.rmtree(folder, ignore_errors=True)
                    os.rename(work, folder)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return made


def _ideograph(code: int) -> bool:
    """A Han ideograph or Hangul syllable: the characters a CJK face holds tens of thousands of, each a full em."""
    return (
        0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xAC00 <= code <= 0xD7AF
        or code >= 0x20000
    )


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
