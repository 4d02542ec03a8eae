"""Text from data, parameters or file names, made safe for each format it reaches: one function per format.

Nothing that comes from outside the code (a source title, a gala name, a file name, a complaint's platform) is
pasted into markup as it is; it goes through the function for the format it lands in:

    HTML           html()            element content and quoted attribute values
    Markdown       markdown()        pandoc's reader (Quarto's too) gives the same plain text back
    Typst          typst_string()    a string literal
    CSV downloads  csv_cell()        a spreadsheet never runs a cell as a formula
    make           make_path()       a path make can take as a word, or an error
"""

from __future__ import annotations

import html as _html
import re

_TYPST_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def html(text: object) -> str:
    """Text for HTML element content or a quoted attribute value."""
    return _html.escape(str(text), quote=True)


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_RUN = re.compile(f"[{_CJK}](?:[{_CJK}\\d\u2014 ]*[{_CJK}])?")


def html_text(text: object) -> str:
    """Text for HTML element content, with its Chinese runs marked <span lang="zh"> (for screen readers' voice and
    the browser's choice of font and line breaking)."""
    return _CJK_RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', html(text))


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


# Characters pandoc's Markdown (and Quarto's, with its cross-references) reads as markup anywhere in a line:
# emphasis, code, links and images, raw HTML and entities, attributes, math, citations and cross-references, sub-
# and superscript, tables, fenced divs. All of them may be backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~^$@&:=])")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-.])")  # an ordered-list number, a bullet or a rule at the start
WORD_JOINER = "\u2060"  # invisible; keeps two characters from being read as one token


def markdown(text: object) -> str:
    """Text that pandoc's Markdown reader gives back as the same plain text: no links, HTML, emphasis or code.

    Quarto finds shortcodes ({{< … >}}) in the text itself, after Markdown is read, so backslashes cannot hide
    them: an invisible word joiner goes between the two braces instead."""
    flat = " ".join(str(text).split())  # a newline could start a block (a heading, a list, a fence)
    flat = "".join(ch for ch in flat if ord(ch) >= 0x20 and ord(ch) != 0x7F)
    flat = flat.replace("{{", "{" + WORD_JOINER + "{").replace("}}", "}" + WORD_JOINER + "}")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    return _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else f"\\{m.group(3)}", escaped)


_WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$", re.IGNORECASE)


def web_address(text: object) -> str | None:
    """An http(s) address fit to link to, percent-encoded so no character of it can end the link or start markup;
    None for anything else (a javascript: or data: address, a note such as "(no address kept)")."""
    from urllib.parse import quote

    text = str(text or "").strip()
    if not _WEB_ADDRESS.match(text):
        return None
    return quote(text, safe="/:?#[]@!$&'*+,;=%-._~")


def markdown_link(text: str, address: object) -> str:
    """Markdown for `text` (already escaped) linked to an http(s) address, or `text` alone if there is none."""
    url = web_address(address)
    return f"[{text}](<{url}>)" if url else text


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def csv_cell(value: object) -> object:
    """A value for a CSV a reader downloads: text that a spreadsheet would run as a formula (=, +, -, @, tab, CR,
    the OWASP list) gets a leading apostrophe, which spreadsheets show as text; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


_MAKE_SAFE = re.compile(r"^[\w./-]+$")


def make_path(path: object) -> str:
    """A path as make takes it. make has no quoting, so a path with anything but letters, digits (any script),
    '.', '_', '-' and '/' is refused, never passed on: `$`, spaces, `#`, `:`, `%`, parentheses and wildcards all
    mean something to make or to the shell it runs."""
    text = str(path)
    if not _MAKE_SAFE.match(text) or text.startswith("-"):
        raise ValueError(f"{text!r}: a path the build uses may hold only letters, digits, '.', '_', '-' and '/'")
    return text
