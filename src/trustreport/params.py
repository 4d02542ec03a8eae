"""Edition parameters: one typed schema, checked before any notebook runs.

An edition is `params/base.yml` overlaid with `params/<edition>.yml`. Values are data, never code: YAML is read
with a strict safe loader (no tags, no anchors or aliases, no repeated keys) and every value is checked against the
schema below. Paths stay inside the project; every path the build hands to make is one make can take.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import escape, files, languages
from .errors import InvalidInput, Problem, UsageError
from .project import default_edition, params_dir, root, shown_path

MAX_FILE_BYTES = 100_000  # an edition file is a few hundred bytes; anything near this is not one
FACTOR_LIMIT = 1e12  # no what-if factor is near this; the product of five stays a finite number
PLAIN_TEXT = r"^[^\x00-\x1f\x7f]*$"  # one line of text, no control characters

BASE_FILE = "base.yml"
# What every chapter depends on; a chapter declares any other parameter it uses (notebook metadata
# `trustreport.params`), so changing one reruns only the chapters that use it.
EVERY_CHAPTER = ("edition", "focus_year", "baseline_year", "data_dir", "lang")


class WhatIf(BaseModel):
    """The base of the GMV formula's what-if. Illustrative: Kuaishou never published these factors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    uv: float = Field(
        gt=0,
        le=FACTOR_LIMIT,
        allow_inf_nan=False,
        description="users reached (unique visitors: private + public traffic), people",
    )
    minutes_per_uv: float = Field(
        gt=0, le=FACTOR_LIMIT, allow_inf_nan=False, description="content watched per user reached, minutes"
    )
    orders_per_minute: float = Field(
        gt=0, le=FACTOR_LIMIT, allow_inf_nan=False, description="orders per minute of content watched"
    )
    order_value_rmb: float = Field(gt=0, le=FACTOR_LIMIT, allow_inf_nan=False, description="average order value, yuan")
    purchases_per_buyer: float = Field(
        gt=0, le=FACTOR_LIMIT, allow_inf_nan=False, description="repurchase frequency over the period"
    )


EDITION_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")  # it reaches paths, make and the shell as it is


class Edition(BaseModel):
    """The parameters of one edition of the report."""

    # extra="forbid": a misspelt key is an error, never a silently ignored default.
    # strict: "2021" (a string) is not accepted where a year (an integer) is expected.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    edition: str = Field(pattern=EDITION_NAME.pattern, description="edition name, as in params/<edition>.yml")
    title: str = Field(min_length=1, max_length=200, pattern=PLAIN_TEXT, description="report title")
    subtitle: str = Field(default="", max_length=300, pattern=PLAIN_TEXT, description="report subtitle")
    focus_year: int = Field(ge=2019, le=2030, description="the festival year the edition is about")
    baseline_year: int = Field(ge=2019, le=2030, description="the year it is compared against")
    lang: str = Field(default="en", description="the language of every word a reader sees (words/languages.yml)")
    data_dir: str = Field(
        default="data/raw", min_length=1, description="folder of the raw tables, relative to the project"
    )
    complaint_records: str | None = Field(
        default=None,
        description="an aggregate made by `trustreport ingest-complaints` (.parquet) for the complaints chapter",
    )
    allow_synthetic: bool = Field(
        default=False, description="accept synthetic complaint records (tests and benchmarks only)"
    )
    what_if: WhatIf = Field(description="illustrative base of the GMV formula's what-if")

    @field_validator("data_dir", "complaint_records")
    @classmethod
    def _inside_the_project(cls, value: str | None) -> str | None:
        if value is None:
            return value
        try:
            escape.make_path(value)
        except ValueError:
            raise ValueError("a path the build uses may hold only letters, digits, '.', '_', '-' and '/'") from None
        path = Path(value)
        if path.is_absolute() or ".." in path.parts:
            raise ValueError("must be a path inside the project, relative to it (not absolute, no '..')")
        return value

    @field_validator("lang")
    @classmethod
    def _a_language(cls, value: str) -> str:
        return languages.check(value)

    @model_validator(mode="after")
    def _years_in_order(self) -> Edition:
        product = math.prod(self.what_if.model_dump().values())
        if not math.isfinite(product):
            raise ValueError("what_if: the product of the factors is not a finite number")
        if self.baseline_year >= self.focus_year:
            raise ValueError(
                f"baseline_year ({self.baseline_year}) must be earlier than focus_year ({self.focus_year})"
            )
        return self

    def data_path(self) -> Path:
        return (root() / self.data_dir).resolve()

    def records_path(self) -> Path | None:
        return (root() / self.complaint_records).resolve() if self.complaint_records else None

    def as_dict(self) -> dict[str, Any]:
        """The parameters as plain JSON values."""
        return self.model_dump(mode="json")


def editions() -> list[str]:
    """Names of the editions shipped in params/."""
    return sorted(p.stem for p in params_dir().glob("*.yml") if p.name != BASE_FILE)


def is_demonstration(name: str) -> bool:
    """Whether an edition is a demonstration (its files set `allow_synthetic: true`): read without checking the rest
    of it, so an edition whose synthetic records are not made yet is still known as one."""
    merged, _ = _merge(_layers(name, edition_file(name), None, ""))
    return merged.get("allow_synthetic") is True


def published_editions(demo: bool = False) -> list[str]:
    """The editions `make publish` publishes, the site's front first: the default edition, then every other edition
    in params/, demonstrations only when asked."""
    front = default_edition()
    return [front] + [name for name in editions() if name != front and (demo or not is_demonstration(name))]


def language_variant(name: str) -> tuple[str, str] | None:
    """('2021', 'zh') for '2021-zh' when there is no params/2021-zh.yml of its own: an edition in another language
    is the same edition file with `lang` set, so the two languages never hold two copies of the parameters."""
    split = languages.split_edition(name)
    if split and not (params_dir() / f"{name}.yml").is_file() and (params_dir() / f"{split[0]}.yml").is_file():
        return split
    return None


def is_path(name_or_path: str) -> bool:
    """Whether an edition argument names a params file by its path (ends in .yml or holds a '/'), not an edition."""
    return name_or_path.endswith((".yml", ".yaml")) or "/" in name_or_path


def edition_file(name_or_path: str) -> Path:
    """params/<name>.yml for a name (params/<edition>.yml for '<edition>-<lang>'); the file itself for a path."""
    if is_path(name_or_path):
        path = Path(name_or_path)
        if not path.is_file():
            raise UsageError(f"{name_or_path}: no such params file")
        return path
    variant = language_variant(name_or_path)
    if variant:
        return params_dir() / f"{variant[0]}.yml"
    path = params_dir() / f"{name_or_path}.yml"
    if name_or_path == Path(BASE_FILE).stem or not path.is_file():
        raise UsageError(
            f"no edition '{name_or_path}': {shown_path(path)} does not exist "
            f"(editions: {', '.join(editions()) or 'none'})"
        )
    return path


def _read_yaml(path: Path) -> dict[str, Any]:
    shown = shown_path(path)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput([Problem(shown, f"is {path.stat().st_size:,} bytes: an edition file is a few hundred")])
    try:
        text = files.read_text(path)
    except UnicodeDecodeError as exc:
        raise InvalidInput([Problem(shown, f"not UTF-8 text ({exc.reason} at byte {exc.start})")]) from None
    try:
        loaded = yaml.load(text, Loader=files.StrictLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None:
            row = mark.line + 1
        elif isinstance(exc, yaml.reader.ReaderError):  # a character YAML refuses: its line, counted in the text
            row = text[: exc.position].count("\n") + 1
        else:
            row = None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InvalidInput([Problem(shown, f"YAML does not parse: {reason}", line=row)]) from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise InvalidInput([Problem(shown, f"must be a mapping of keys to values, not a {type(loaded).__name__}")])
    return loaded


def _layers(
    name_or_path: str, path: Path, overrides: dict[str, Any] | None, overrides_from: str
) -> list[tuple[str, dict]]:
    """Where each layer of values comes from, and the values, in the order they apply: params/base.yml, the edition
    file, the language an edition name asks for ('2021-zh'), then the overrides."""
    layers = (
        [(shown_path(params_dir() / BASE_FILE), _read_yaml(params_dir() / BASE_FILE))]
        if (params_dir() / BASE_FILE).is_file()
        else []
    )
    layers.append((shown_path(path), _read_yaml(path)))
    variant = None if is_path(name_or_path) else language_variant(name_or_path)
    if variant:
        layers.append((f"the edition name '{name_or_path}'", {"edition": name_or_path, "lang": variant[1]}))
    if overrides:
        layers.append((overrides_from, overrides))
    return layers


def _merge(layers: list[tuple[str, dict]]) -> tuple[dict[str, Any], dict[str, str]]:
    """The layers' values merged, later ones winning, and the file that set each key; unknown keys refused."""
    problems: list[Problem] = []
    allowed = set(Edition.model_fields)
    merged: dict[str, Any] = {}
    set_by: dict[str, str] = {}
    for file, values in layers:
        for key, value in values.items():
            if key not in allowed:
                problems.append(
                    Problem(file, f"unknown parameter (allowed: {', '.join(sorted(allowed))})", key=str(key))
                )
                continue
            merged[key] = value
            set_by[key] = file
    if problems:
        raise InvalidInput(problems)
    return merged, set_by


def _validation_problems(exc: ValidationError, set_by: dict[str, str], shown: str) -> list[Problem]:
    """Pydantic's errors as problems, each placed in the file that set its key."""
    problems = []
    for err in exc.errors():
        top = str(err["loc"][0]) if err["loc"] else None
        where = ".".join(str(part) for part in err["loc"]) or None
        file = set_by.get(top, shown) if top else shown  # a missing key, or a rule over several keys: the edition file
        problems.append(
            Problem(
                file,
                err["msg"].removeprefix("Value error, "),
                key=where,
                value=None if err["type"] == "missing" or not top else err["input"],
            )
        )
    return problems


def _place_problems(edition: Edition, set_by: dict[str, str], shown: str) -> list[Problem]:
    """The data folder and complaint records the edition names: they exist, and lie inside the project."""
    problems = []
    if not edition.data_path().is_dir():
        problems.append(
            Problem(set_by.get("data_dir", shown), "folder does not exist", key="data_dir", value=edition.data_dir)
        )
    for key in ("data_dir", "complaint_records"):
        value = getattr(edition, key)
        if value and not _resolves_inside(root() / value):
            problems.append(
                Problem(
                    set_by.get(key, shown), "leads outside the project (through a symbolic link)", key=key, value=value
                )
            )
    return problems


def edition_language(name_or_path: str) -> str:
    """The language an edition is written in, as its files and name say, read without checking the rest of it (an
    edition whose records are not made yet still has a language)."""
    merged, _ = _merge(_layers(name_or_path, edition_file(name_or_path), None, ""))
    return str(merged.get("lang", Edition.model_fields["lang"].default))


def load_edition(
    name_or_path: str, overrides: dict[str, Any] | None = None, overrides_from: str = "the notebook's parameters"
) -> Edition:
    """Read, merge and check an edition; every problem is reported with its file and key.

    `overrides` (values a notebook run was given, e.g. `papermill -p focus_year 2020`) go on top of the files and
    are checked the same way; problems with them are reported as coming from `overrides_from`.
    """
    path = edition_file(name_or_path)
    merged, set_by = _merge(_layers(name_or_path, path, overrides, overrides_from))
    shown = shown_path(path)
    problems = _in_language(merged, set_by)
    if problems:
        raise InvalidInput(problems)
    try:
        edition = Edition(**merged)
    except ValidationError as exc:
        raise InvalidInput(_validation_problems(exc, set_by, shown)) from None

    problems = _identity_problems(edition, name_or_path, path, set_by["edition"])  # required, so set by some layer
    problems += _place_problems(edition, set_by, shown)
    problems += _records_problems(edition, set_by)
    if problems:
        raise InvalidInput(problems)
    return edition


IN_EACH_LANGUAGE = ("title", "subtitle")  # a text, or a text per language: {en: ..., zh: ...}


def _in_language(merged: dict[str, Any], set_by: dict[str, str]) -> list[Problem]:
    """Replace a text given per language by the edition's; a language without one is named, never left blank."""
    lang = merged.get("lang", "en")
    if lang not in languages.languages():  # the `lang` key itself is reported (Edition.lang), not every text in it
        for key in IN_EACH_LANGUAGE:
            if isinstance(merged.get(key), dict) and merged[key]:
                merged[key] = str(next(iter(merged[key].values())))
        return []
    problems = []
    for key in IN_EACH_LANGUAGE:
        value = merged.get(key)
        if not isinstance(value, dict):
            continue
        unknown = sorted(str(k) for k in value if k not in languages.languages())
        if unknown:
            problems.append(
                Problem(set_by[key], f"languages are {', '.join(languages.languages())}", key=f"{key}.{unknown[0]}")
            )
        elif lang not in value:
            problems.append(Problem(set_by[key], f"has no text in {lang}, the edition's language", key=f"{key}.{lang}"))
        else:
            merged[key] = value[lang]
    return problems


def _resolves_inside(path: Path) -> bool:
    try:
        path.resolve().relative_to(root())
        return True
    except ValueError:
        return False


def _identity_problems(edition: Edition, name_or_path: str, path: Path, shown: str) -> list[Problem]:
    """An edition's name names its build folder: params/<name>.yml must call itself <name>, and an edition file
    elsewhere must not take the name of one in params/ (its build would overwrite that edition's)."""
    named = params_dir() / f"{edition.edition}.yml"
    if not is_path(name_or_path):
        if edition.edition != name_or_path:
            return [
                Problem(
                    shown,
                    f"must be the file's own name, '{name_or_path}' (it names the edition's build folder)",
                    key="edition",
                    value=edition.edition,
                )
            ]
    elif named.is_file() and named.resolve() != path.resolve():
        return [
            Problem(
                shown,
                f"is the name of {shown_path(named)}; this edition's build would overwrite that edition's",
                key="edition",
                value=edition.edition,
            )
        ]
    return []


def _records_problems(edition: Edition, set_by: dict[str, str]) -> list[Problem]:
    """The default edition never takes synthetic data; a named complaint-record aggregate must exist. What the file
    holds (an aggregate, synthetic or not) is checked with the data, by the records store, before any chapter runs."""
    if edition.allow_synthetic and edition.edition == default_edition():
        return [
            Problem(
                set_by["allow_synthetic"],
                f"the default edition ({default_edition()}) never takes synthetic data",
                key="allow_synthetic",
                value=True,
            )
        ]
    path = edition.records_path()
    if path is not None and not path.is_file():
        return [
            Problem(
                set_by["complaint_records"],
                "file does not exist (make it with `trustreport ingest-complaints`; "
                "the demonstration edition's with `make demo`)",
                key="complaint_records",
                value=edition.complaint_records,
            )
        ]
    return []
