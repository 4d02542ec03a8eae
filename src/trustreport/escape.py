"""Text from data, parameters or file names, made safe for each format it reaches: one function per format.

Nothing that comes from outside the code (a source title, a gala name, a file name) is ever pasted into
markup as it is; it goes through the function for the format it lands in.
"""

from __future__ import annotations

import html as _html
import re

_TYPST_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def html(text: object) -> str:
    """Text for HTML element content or a quoted attribute value."""
    return _html.escape(str(text), quote=True)


def typst_string(text: object) -> str:
    """A Typst string literal, quotes included: "…"."""
    out = []
    for ch in str(text):
        if ch in _TYPST_ESCAPES:
            out.append(_TYPST_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


# Characters Markdown (pandoc's reader, which Quarto uses too) may read as markup anywhere in a line.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~^$@:=&\"'])")


def markdown(text: object) -> str:
    """Text that pandoc's Markdown reader gives back as the same plain text: no links, HTML, emphasis or code."""
    flat = " ".join(str(text).split())  # a newline could start a block (a heading, a list, a fence)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
