"""The data dictionary, generated from the schemas: what each column holds, its type, unit and allowed values.

The English page takes its texts from the schemas (column descriptions, table docstrings); the Chinese page takes
them from the tables below (ZH_TABLES, ZH_MEANINGS), kept here in one place for a translator. A column without a
Chinese text stops the Chinese page with an error naming it: it never falls back to English.
"""

from __future__ import annotations

import inspect
from typing import Any

import dataframely as dy

from ..data.csvread import LINE
from ..data.schemas import TABLES, FigureTable
from ..data.units import UNITS
from ..errors import UserError
from ..languages import check
from ..records.ingest import ALIASES, OPEN, RESOLVED

BASE_UNIT_WORDS = {
    "count": "number of items",
    "people": "people",
    "times": "number of times",
    "rmb": "yuan (RMB)",
    "pct": "percent",
    "index": "index points",
    "hours": "hours",
}
BASE_UNIT_WORDS_IN = {
    "en": BASE_UNIT_WORDS,
    "zh": {
        "count": "个数",
        "people": "人数",
        "times": "次数",
        "rmb": "元（人民币）",
        "pct": "百分比",
        "index": "指数点",
        "hours": "小时",
    },
}
TYPE_WORDS = {
    "en": {
        "enum": "one of a list",
        "float": "number",
        "int": "whole number",
        "period": "date or period",
        "text": "text",
        "optional": ", optional",
    },
    "zh": {
        "enum": "限定取值",
        "float": "数字",
        "int": "整数",
        "period": "日期或时期",
        "text": "文本",
        "optional": "，可为空",
    },
}
# The page's own words: headings, table headers, sentences.
WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Data dictionary",
        "intro": [
            "Every raw table in `data/raw/` (or an edition's `data_dir`), generated from the schemas in",
            "`src/trustreport/data/schemas.py`, so it always matches what `make validate` checks.",
        ],
        "columns_header": "| column | type | meaning | allowed values |",
        "see_measures": "see each table's measures",
        "list": ", ",
        "shared_heading": "## Columns every figure table has",
        "shared_intro": [
            "Each figure table below has these columns, then its own. `value` is in the row's `unit`, and is",
            "converted on loading to the base-unit column its `measure` names.",
        ],
        "shared_and": "The shared figure columns, and:",
        "measures_header": "| measure | loaded into (base units) | base unit | units accepted as reported |",
        "records_heading": "## Complaint records (your own files)",
        "records_intro": [
            "One row per complaint, CSV (UTF-8 or GBK) or Parquet, read by `trustreport ingest-complaints`. "
            "Headers may be",
            "English or Chinese, in any order; other columns are ignored.",
        ],
        "records_header": "| column | also accepted as | meaning |",
        "optional": " (optional)",
        "records_aggregate": [
            "The aggregate has one row per month × platform × category: `complaints_count`, `status_known_count`,",
            "`resolved_count`, `resolution_rate` (resolved ÷ status known; empty when no status is known) and "
            "`amount_rmb`.",
        ],
    },
    "zh": {
        "title": "数据字典",
        # A Chinese paragraph stays on one line: a line break inside it would read as a space.
        "intro": [
            "本页列出 `data/raw/`（或某一版次 `data_dir` 所指文件夹）中的每一张原始数据表。内容由 "
            "`src/trustreport/data/schemas.py` 中的表结构自动生成，因此始终与 `make validate` 的检查一致。"
        ],
        "columns_header": "| 列 | 类型 | 含义 | 允许的取值 |",
        "see_measures": "见各表的 `measure` 一览",
        "list": "、",
        "shared_heading": "## 各数值表共有的列",
        "shared_intro": [
            "下面每张数值表（记录公开数字的表）都先有这些列，再有各自的列。`value` 以该行的 `unit` 为单位，"
            "载入时换算成基本单位，存入该行 `measure` 所对应的列。"
        ],
        "shared_and": "除各数值表共有的列外，还有：",
        "measures_header": "| `measure` | 载入后存入的列（基本单位） | 基本单位 | 可用的原始单位 |",
        "records_heading": "## 投诉记录（自备文件）",
        "records_intro": [
            "每行一条投诉，格式为 CSV（UTF-8 或 GBK）或 Parquet，由 `trustreport ingest-complaints` 读取。"
            "表头可用英文或中文，顺序不限；其他列一律忽略。"
        ],
        "records_header": "| 列 | 也可写作 | 含义 |",
        "optional": "（可选）",
        "records_aggregate": [
            "汇总结果按“月份 × 平台 × 问题类型”每组一行，各列为：`complaints_count`、`status_known_count`、"
            "`resolved_count`、`resolution_rate`（已解决数 ÷ 状态已知数；没有任何已知状态时为空）和 `amount_rmb`。"
        ],
    },
}
RECORD_MEANINGS = {
    "en": {
        "id": "the complaint's id on its site; repeats are dropped and counted",
        "created_at": "when it was filed: 2021-06-16, 2021/6/16 or 2021年6月16日, a time may follow",
        "platform": "the platform complained about",
        "category": "what it is about",
        "status": "resolved ({resolved}) or open ({open}); empty means unknown",
        "amount": "money involved, yuan, 0 or more",
        "title": "the complaint's title (not aggregated)",
    },
    "zh": {
        "id": "投诉在其所在网站上的编号；重复的投诉会被剔除并计数",
        "created_at": "投诉时间：2021-06-16、2021/6/16 或 2021年6月16日，后面可带时刻",
        "platform": "被投诉的平台",
        "category": "投诉的问题类型",
        "status": "已解决（{resolved}）或未解决（{open}）；为空表示状态未知",
        "amount": "涉及金额，单位为元，不小于0",
        "title": "投诉标题（不参与汇总）",
    },
}

# ---- Chinese texts for the schemas: every table's one-line description and every column's meaning ----------
# A translator's one place. Keys: the table's file (sources.csv) or, for the columns every figure table shares,
# the schema's name (FigureTable). Column names, file names and allowed values are identifiers: they stay as they are.
SHARED = FigureTable.__name__
ZH_TABLES = {
    "sources.csv": "数据所引用的每一份出版物。",
    "complaints.csv": "监管部门、行业协会和投诉平台公布的投诉数量、占比与增长。",
    "gala.csv": "快手电视晚会的覆盖面与互动数字，包括事后公布的结果和事前宣布的承诺。",
    "festival_gmv.csv": "购物节期间的销售：快手616按品类、场次和单品统计；另列其他平台618的数字作为参照。",
    "platform_gmv.csv": "快手电商各时期的GMV，以及增长率和占比。",
    "governance.csv": "治理与保障成果：处理的账号、拦截的商品、作出的处罚。",
    "tactics.csv": "带日期的信任建设举措，每项归入人际信任或制度信任。",
    "events.csv": "时间线上不属于信任举措、但有日期的事件：购物节本身的日期、一起丑闻、一项处罚。",
}
_SOURCE_ID = "`sources.csv` 中的来源编号"
_STATUS = "`reported`（按来源公布）、`derived`（由公布的数字推算）或 `estimate`（估计）"
ZH_MEANINGS = {
    # the columns every figure table shares
    (SHARED, "figure_id"): "数字的固定编号；推算公式中以 `{figure_id}` 引用它",
    (SHARED, "label_zh"): "简短的中文标签，即图表上显示的文字",
    (SHARED, "measure"): "数字的类别，决定其基本单位",
    (SHARED, "metric"): "该数字衡量的是什么（英文文字说明）",
    (SHARED, "counts"): "数字的一个单位是什么（比例：占什么的比例；增长：什么在增长）：`complaints`（投诉）、"
    "`complaints_and_reports`（投诉举报）、`appeals`（诉求）、`orders`（订单）、`users`（用户）等",
    (SHARED, "scope"): "由哪个渠道统计、是谁的统计：`all_channels`（全渠道）、`platform_12315`（12315平台）、"
    "`association`（消协）、`complaint_site`（投诉平台）、`posts_study`（舆情研究）、`platform_own`（平台自己的统计）等",
    (
        SHARED,
        "sector",
    ): "覆盖的行业范围：`all_sectors`（所有行业）、`online_shopping`（网络购物）、`ecommerce`（电子商务）、"
    "`livestreaming`（直播）、`livestream_selling`（直播带货）、`festival`（购物节）、`gala`（晚会）",
    (SHARED, "period_kind"): "时期的类别：`year`（日历年）、`half_year`（半年）、`quarter`（季度）、`month`（月）、"
    "`months`（数月）、`days`（数日）、`day`（一天）、`event`（一次活动）、`cumulative`（累计）、`as_of`（某一时点的水平）",
    (SHARED, "period"): "数字所覆盖的时期或日期（如 `2020`、`2020-01/2020-09`、`../2024-04`）",
    (SHARED, "value"): "来源公布的数值，单位见 `unit`",
    (SHARED, "unit"): "来源公布时使用的单位",
    (SHARED, "qualifier"): "来源原文带的限定词：`more than`（超过）、`nearly`（近）、`about`（约）",
    (SHARED, "status"): _STATUS,
    (SHARED, "source_id"): _SOURCE_ID,
    (SHARED, "derivation"): "推算数字（以及由数字算出的估计）的公式：以 `{figure_id}` 代表各个数字，按基本单位计算",
    (SHARED, "note"): "注意事项与背景说明（英文）",
    # sources.csv
    ("sources.csv", "id"): "来源的简短编号，各数据表在 `source_id` 中引用它",
    ("sources.csv", "title"): "出版物的标题，照原样录入",
    ("sources.csv", "publisher"): "发布者，并注明所引是否为转载或译本",
    ("sources.csv", "stance"): (
        "其数字由谁负责：`company`（企业谈自己，含其新闻稿的转载）、`regulator`（监管部门）、"
        "`government`（政府统计）、`consumers_association`（消费者协会）、"
        "`third_party`（投诉平台、研究机构、数据公司等独立第三方）或 `press`（媒体）"
    ),
    ("sources.csv", "address"): "可以读到它的网址",
    ("sources.csv", "published"): "发布日期或月份",
    ("sources.csv", "accessed"): "查阅日期（有记录时）",
    ("sources.csv", "note"): "注意事项（英文）：镜像、译本、质量等",
    ("sources.csv", "note_zh"): "`note` 的中文表述，中文版使用；`note` 不为空时必须填写",
    (
        "sources.csv",
        "publisher_zh",
    ): (
        "中文版引用时的出处写法，用于 `publisher` 中除名称外还有英文说明的情况（如 (copy) 写作“转载”）；"
        "为空时照原样使用 `publisher`"
    ),
    # complaints.csv
    (
        "complaints.csv",
        "measure",
    ): "`count`（数量）、`share`（占整体的比例，%）、`growth`（较此前某一时期的变化，%）、`index`（指数）",
    ("complaints.csv", "channel"): "统计这些投诉的一方：监管部门、行业协会或投诉平台",
    ("complaints.csv", "platform"): "数字所涉及的电商平台（如有）",
    # gala.csv
    ("gala.csv", "measure"): (
        "`viewers`（观众人数）、`peak_viewers`（峰值观众人数）、`interactions`（互动次数）、"
        "`trending_topics`（热搜话题数）、`star_acts`（明星节目数）、`star_performers`（明星人数）、`giveaways`（福利发放金额）、"
        "`benefits`（宣布时未说明单位的福利数字）"
    ),
    ("gala.csv", "gala"): "晚会名称：快手一千零一夜、616真心夜",
    ("gala.csv", "year"): "晚会举办的年份",
    ("gala.csv", "announced"): "`outcome`（活动结束后统计的结果）或 `announced`（活动前宣布的承诺）",
    # festival_gmv.csv
    (
        "festival_gmv.csv",
        "measure",
    ): (
        "`gmv`（成交额）、`livestream_hours`（直播时长）、`views`（观看次数）、`interactions`（互动次数）、"
        "`growth`（增长，%）、`count`（数量，如某位主播的自有品牌数）"
    ),
    ("festival_gmv.csv", "event"): "购物节或活动：快手616、618、抖音好物节，或某位主播的专场",
    ("festival_gmv.csv", "platform"): "数字所涉及的平台",
    ("festival_gmv.csv", "covers"): "数字覆盖的对象：整个购物节、某一天、某个品类、某位主播的专场、单个商品或某位主播",
    # platform_gmv.csv
    (
        "platform_gmv.csv",
        "measure",
    ): "`gmv`（成交额）、`growth`（同比增长，%）、`share`（占GMV的比例，%）、`rate`（比率，如复购率，%）",
    ("platform_gmv.csv", "platform"): "平台",
    # governance.csv
    (
        "governance.csv",
        "measure",
    ): (
        "`count`（账号、违规、商品或案件的数量）、`actions`（封禁、拦截等处置，按次或人次计）、"
        "`penalties`（处罚次数）、`people`（人数）、`amount`（金额）、`change`（变化，%）"
    ),
    ("governance.csv", "campaign"): "治理行动或项目：匹诺曹行动、小店信任卡、年度治理",
    ("governance.csv", "platform"): "平台",
    # tactics.csv
    ("tactics.csv", "tactic_id"): "举措的固定编号",
    ("tactics.csv", "date"): "开始的日期（某日或某月）",
    ("tactics.csv", "label_zh"): "简短的中文标签，即时间线上显示的文字",
    ("tactics.csv", "tactic"): "举措的简短描述（英文）",
    (
        "tactics.csv",
        "trust_kind",
    ): "`interpersonal`（人际信任：主播、晚会、私域流量）或 `institutional`（制度信任：供应链、规则、保障）",
    ("tactics.csv", "what"): "举措的具体内容（英文）",
    ("tactics.csv", "what_zh"): "举措具体内容的中文表述，即中文版的说法（为空：中文版不陈述这一项）",
    ("tactics.csv", "status"): _STATUS,
    ("tactics.csv", "source_id"): _SOURCE_ID,
    # events.csv
    ("events.csv", "event_id"): "事件的固定编号",
    ("events.csv", "date"): "发生的日期（某日或某月）",
    ("events.csv", "label_zh"): "简短的中文标签，即时间线上显示的文字",
    ("events.csv", "event"): "事件的简短描述（英文）",
    ("events.csv", "what"): "事件经过（英文）",
    ("events.csv", "what_zh"): "事件经过的中文表述，即中文版的说法（为空：中文版不陈述这一项）",
    ("events.csv", "status"): _STATUS,
    ("events.csv", "source_id"): _SOURCE_ID,
}


def zh_meaning(table: str, column: str) -> str:
    """A column's meaning in Chinese, from ZH_MEANINGS; none: an error naming the table and the column."""
    try:
        return ZH_MEANINGS[(table, column)]
    except KeyError:
        raise UserError(
            f"data dictionary (zh): no Chinese meaning for column '{column}' of {table}: "
            f"add ({table!r}, {column!r}) to ZH_MEANINGS in src/trustreport/render/dictionary.py"
        ) from None


def zh_table(file: str) -> str:
    """A table's one-line description in Chinese, from ZH_TABLES; none: an error naming the table."""
    try:
        return ZH_TABLES[file]
    except KeyError:
        raise UserError(
            f"data dictionary (zh): no Chinese description for table {file}: "
            f"add {file!r} to ZH_TABLES in src/trustreport/render/dictionary.py"
        ) from None


def _type(column: dy.Column, lang: str = "en") -> str:
    words = TYPE_WORDS[lang]
    if isinstance(column, dy.Enum):
        return words["enum"]
    if isinstance(column, dy.Float64):
        return words["float"]
    if isinstance(column, dy.Int64):
        return words["int"]
    if isinstance(column, dy.String) and column.regex and "\\d{4}" in column.regex:
        return words["period"]
    return words["text"]


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _kind(column: dy.Column, lang: str = "en") -> str:
    """Type and whether it may be empty, in one cell: "text", "number, optional" / "文本", "数字，可为空"."""
    return _type(column, lang) + ("" if not column.nullable else TYPE_WORDS[lang]["optional"])


def _columns_table(columns: dict[str, dy.Column], *, unit_column: bool, table: str = "", lang: str = "en") -> list[str]:
    """One row per column: name, type (and optional), what it holds, the values it allows. Four columns, so the
    table fits a page's width (and a phone's) with room for the meaning. `table` keys the Chinese meanings."""
    words = WORDS[lang]
    # The dashes give pandoc the columns' relative widths: the meaning gets the most room.
    lines = [words["columns_header"], "|" + "-" * 18 + "|" + "-" * 15 + "|" + "-" * 42 + "|" + "-" * 25 + "|"]
    for column_name, column in columns.items():
        if column_name == LINE:
            continue
        allowed = words["list"].join(map(str, column.categories)) if isinstance(column, dy.Enum) else ""
        if unit_column and column_name == "unit":
            allowed = words["see_measures"]
        meaning = (column.description or "") if lang == "en" else zh_meaning(table, column_name)
        lines.append(f"| `{column_name}` | {_kind(column, lang)} | {_cell(meaning)} | {_cell(allowed)} |")
    return lines


def shared_section(lang: str = "en") -> str:
    """The columns every table of published figures has, listed once."""
    check(lang)
    words = WORDS[lang]
    lines = [words["shared_heading"], "", *words["shared_intro"], ""]
    return "\n".join(lines + _columns_table(FigureTable.columns(), unit_column=True, table=SHARED, lang=lang)) + "\n"


def table_section(name: str, lang: str = "en") -> str:
    check(lang)
    words = WORDS[lang]
    schema, file = TABLES[name]
    description = (inspect.getdoc(schema) or "").splitlines()[0] if lang == "en" else zh_table(file)
    lines = [f"## `{file}`", "", description, ""]
    columns = schema.columns()
    if issubclass(schema, FigureTable):
        shared = FigureTable.columns()
        columns = {k: v for k, v in columns.items() if k not in shared or k == "measure"}
        lines += [words["shared_and"], ""]
    lines += _columns_table(columns, unit_column=False, table=file, lang=lang)
    if issubclass(schema, FigureTable):
        lines += ["", words["measures_header"], "|" + "-" * 18 + "|" + "-" * 24 + "|" + "-" * 18 + "|" + "-" * 40 + "|"]
        for measure, (base, column) in schema.MEASURES.items():
            accepted = words["list"].join(u for u, spec in UNITS.items() if spec.base == base)
            lines.append(f"| `{measure}` | `{column}` | {BASE_UNIT_WORDS_IN[lang][base]} | {_cell(accepted)} |")
    return "\n".join(lines) + "\n"


def records_section(lang: str = "en") -> str:
    check(lang)
    words = WORDS[lang]
    lines = [
        words["records_heading"],
        "",
        *words["records_intro"],
        "",
        words["records_header"],
        "|" + "-" * 22 + "|" + "-" * 38 + "|" + "-" * 40 + "|",
    ]
    meaning = {
        name: text.format(resolved=words["list"].join(RESOLVED), open=words["list"].join(OPEN))
        for name, text in RECORD_MEANINGS[lang].items()
    }
    for name, aliases in ALIASES.items():
        optional = "" if name in ("id", "created_at", "platform", "category") else words["optional"]
        lines.append(
            f"| `{name}`{optional} | {_cell(words['list'].join(a for a in aliases if a != name))} | "
            f"{_cell(meaning[name])} |"
        )
    lines += ["", *words["records_aggregate"]]
    return "\n".join(lines) + "\n"


def markdown(lang: str = "en") -> str:
    """The whole dictionary as Markdown, in the language: every table, then the complaint-record format."""
    check(lang)
    parts = [*WORDS[lang]["intro"], ""]
    parts.append(shared_section(lang))
    parts += [table_section(name, lang) for name in TABLES]
    parts.append(records_section(lang))
    return "\n".join(parts)


def page(lang: str = "en") -> str:
    """The report's appendix page, in the language (en or zh)."""
    check(lang)
    return f'---\ntitle: "{WORDS[lang]["title"]}"\n---\n\n' + markdown(lang)
