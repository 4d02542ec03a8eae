"""Every fact of the article the report starts from (the numbers, dates, names and promises in it) stays in the
report, in both languages, on the site and in the PDF.

Each fact is listed with the article's own words (checked to be in the article, so the list cannot claim what it
does not say) and the words that carry it on the English and on the Chinese pages. A fact that leaves the prose, or
survives only in a tooltip, fails here.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from conftest import DEFAULT_EDITION, ROOT, pdftotext

# The article the report starts from (sources.csv `seed`), kept with the tests so a clone anywhere can run them.
ARTICLE = (ROOT / "tests" / "data" / "seed-article-zh.txt").read_text(encoding="utf-8")

# (what the article says, in its words; what the English report says; what the Chinese report says)
FACTS = [
    (
        "实收商品与实物不符;承诺的赠品未收到;食品类商品出现腐坏变质",
        ["黑猫投诉", "promised gifts", "spoiled"],
        ["黑猫投诉", "赠品", "变质"],
    ),
    ("特价商品明显在日期/质量上存在劣势", ["bargains that turn out old or shoddy"], ["特价商品"]),
    ("被冠以“割韭菜”的称号", ["盲盒", "割韭菜"], ["盲盒", "割韭菜"]),
    ("费孝通曾在《乡土中国》中描述乡土社会的信任关系", ["费孝通", "乡土中国"], ["费孝通", "《乡土中国》"]),
    (
        "各家头部平台纷纷选择品牌化、自营化、强监督的机制尝试降低高风险的个人商家占比",
        ["品牌化、自营化、强监督", "high-risk individual sellers"],
        ["品牌化、自营化、强监督", "高风险个人商家"],
    ),
    ("快手电商品牌名也正式升级为快手小店", ["renamed its e-commerce brand 快手小店"], ["电商品牌名升级为快手小店"]),
    ("这使小店模式更接近居民社区门口的小店", ["shop at the gate of a housing estate"], ["居民社区门口的小店"]),
    (
        "互联网平台使违约成本降低,违约收益放大",
        ["breaking a promise costs a seller little and can pay well"],
        ["违约的成本低、收益大"],
    ),
    (
        "去年5月,快手与京东签署合作协议,快手小店主播将获取京东零售的优势商品进入直播间,并打通京东的配送及售后体系",
        ["signed in May", "JD Retail's strongest goods", "after-sales"],
        ["当年5月签署的合作协议", "京东零售的优势商品", "售后体系"],
    ),
    (
        "从去年11月至今年1月,快手小店的“匹诺曹”行动处理了19098个违规账号,26984条违规行为",
        ["November 2020 to January 2021", "匹诺曹", "19,098", "26,984"],
        ["2020年11月至2021年1月", "匹诺曹", "19098个", "26984条"],
    ),
    (
        "仅被处理的千万以上粉丝大V就达到103个",
        ["103 of them accounts with more than ten million followers"],
        ["千万粉丝以上的大V有103个"],
    ),
    ("人际信任+制度信任", ["Interpersonal trust", "Institutional trust"], ["人际信任", "制度信任"]),
    ("6月1日,快手小店上线了“小店信任卡”", ["1 June 2021", "小店信任卡"], ["2021年6月1日", "小店信任卡"]),
    (
        "退款不退货、退货补运费、假一赔十、七天无理由退货、极速退款、极速发货",
        [
            "refund without returning the goods",
            "return shipping paid",
            "假一赔十",
            "seven-day returns",
            "fast refunds",
            "fast shipping",
        ],
        ["退款不退货", "退货补运费", "假一赔十", "七天无理由退货", "极速退款", "极速发货"],
    ),
    (
        "罗琼表示,有商家在使用“小店信任卡”权益后订单量环比增长50%",
        ["罗琼", "rose 50% month on month"],
        ["罗琼", "环比增长50%"],
    ),
    (
        "UV(私域确定UV+公域投放UV)*内容消费时长*单位时长订单转化率*客单价*复购频次",
        ["笑古", "私域确定UV", "公域投放UV", "内容消费时长", "单位时长订单转化率", "客单价", "复购频次"],
        ["笑古", "私域确定UV", "公域投放UV", "内容消费时长", "单位时长订单转化率", "客单价", "复购频次"],
    ),
    (
        "品质好物发现官华少用4个小时1.74亿成交额的战绩打响第一枪",
        ["华少", "RMB 174 million in four hours"],
        ["品质好物发现官华少", "4个小时卖出1.74亿元"],
    ),
    (
        "高客单价的3C品类使快手在一天之内斩获14.2亿实际销售金额",
        ["RMB 1.42 billion in actual sales in a single day", "3C"],
        ["一天之内实际销售额14.2亿元", "3C"],
    ),
    (
        "核心单品美的变频冷暖空调成交额突破5588万元",
        ["Midea (美的) inverter air conditioner", "more than RMB 55.88 million"],
        ["美的变频冷暖空调成交超过5588万元"],
    ),
    (
        "5月18日的快手616品质购物节启动发布会上,快手电商产品负责人六郎介绍",
        ["18 May 2021", "六郎"],
        ["2021年5月18日", "六郎"],
    ),
    ("晚会将跨越零点时分", ["cross midnight"], ["跨越零点"]),
    (
        "在6月16日-6月20日进入品质购物大狂欢阶段,天降上亿红包雨",
        ["16 to 20 June", "red packets"],
        ["6月16日至20日", "红包雨"],
    ),
    (
        "联合制作方江苏卫视曾推动晚会拿下全网超200个热搜",
        ["江苏卫视", "more than 200 trending topics"],
        ["江苏卫视", "热搜话题超过200个"],
    ),
    (
        "共计9008万用户在快手官方直播间观看了晚会内容,总互动量达到1.34亿次,同时在线人数峰值达到315万人",
        ["90.08 million viewers", "134 million interactions", "3.15 million watching at its peak"],
        ["9008万人", "1.34亿次", "315万人"],
    ),
    (
        "晚会将于6月15日晚20点21分,在快手APP、快手极速版APP,以及江苏卫视和浙江卫视同步直播",
        ["15 June 2021", "20:21", "快手极速版", "浙江卫视"],
        ["2021年6月15日", "20:21", "快手极速版", "浙江卫视"],
    ),
    ("此次快手616真心夜将提供10亿福利", ["1 billion, with no unit"], ["10亿福利（宣布时未说明单位）"]),
    ("万元钻戒、眼霜等一元购商品礼盒", ["diamond ring", "eye cream", "一元购"], ["钻戒", "眼霜", "一元购"]),
    (
        "苹果手机、MAC口红、黄金项链、SKII神仙水等一分秒杀活动",
        ["一分秒杀", "iPhones", "MAC lipstick", "gold necklaces", "SK-II"],
        ["一分秒杀", "苹果手机", "MAC口红", "黄金项链", "SK-II神仙水"],
    ),
    (
        "将获得1公斤“真金信任卡”,以及12万元快手小店购 物基金",
        ["one-kilogram gold", "真金信任卡", "RMB 120,000"],
        ["1公斤", "真金信任卡", "12万元"],
    ),
    (
        "包括黄子韬、李宇春、INTO1、任嘉伦、薛之谦、萧敬腾、TF家族等在内的30多位一线明星",
        ["黄子韬", "李宇春", "INTO1", "任嘉伦", "薛之谦", "萧敬腾", "TF家族"],
        ["黄子韬", "李宇春", "INTO1", "任嘉伦", "薛之谦", "萧敬腾", "TF家族", "30多位"],
    ),
    ("快手从直播电商1.0时代迈入2.0时代", ["1.0 to 2.0", "从货向人"], ["1.0时代迈入2.0时代", "从货向人"]),
    (
        "在公域流量停止增长时,私域流量将成为存量竞争市场的主阵地",
        ["private traffic becomes the main field of competition"],
        ["私域流量将成为存量竞争的主阵地"],
    ),
    (
        "她曾是工作三天便被辞退的油漆店销售员",
        ["徐小米", "paint shop", "after three days"],
        ["徐小米", "油漆店销售员", "工作三天便被辞退"],
    ),
    (
        "旗下孵化了6个自营品牌及一批新人主播,曾创下9小时1亿元销售额的成绩",
        ["6 brands of her own", "new anchors", "RMB 100 million in a nine-hour session"],
        ["6个自营品牌", "新人主播", "9小时卖出1亿元"],
    ),
    ("将评选出快手小店年度真心主播", ["年度真心主播"], ["年度真心主播"]),
    ("作者马戎", ["马戎", "14 June 2021", "创业邦", "新熵"], ["马戎", "2021年6月14日", "创业邦", "新熵"]),
]


def _visible_text(page: Path) -> str:
    """What a reader sees of a page: its text, without scripts, styles or attributes (tooltips are not prose)."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


# The text area of an A4 page in points (72 an inch): below the running head, above the footer.
TEXT_AREA = ["-x", "0", "-y", "68", "-W", "595", "-H", "708"]


def _pdf_pages(pdf: Path) -> list[str]:
    """Each page's text area, squeezed, in page order."""
    text = pdftotext(pdf, *TEXT_AREA)
    return [_squeezed(page) for page in text.split("\f")]


# Where a chart's caption starts, in the squeezed text: its number ("图3.1", "Figure3.1")
CAPTION = re.compile(r"(?:图|Figure)\d+(?:\.\d+)?")


class PdfText:
    """A PDF's text as a reader follows it: a phrase may run from the foot of one page's text on to the next page,
    with a chart standing between its two halves (placed below the text on the first page, or floated to the top
    of the next)."""

    def __init__(self, pdf: Path):
        self.pages = _pdf_pages(pdf)

    def __contains__(self, phrase: str) -> bool:
        if any(phrase in page for page in self.pages):
            return True
        return any(
            text.endswith(phrase[:cut]) and phrase[cut:] in following
            for page, following in zip(self.pages, self.pages[1:], strict=False)
            for text in [page, *CAPTION.split(page)[:-1]]  # the page, and its text before each chart it holds
            for cut in range(1, len(phrase))
        )


def _squeezed(text: str) -> str:
    """Text to search in: line breaks, spaces and hyphens at line ends are layout, not words; a typographic
    apostrophe is the apostrophe the list writes."""
    return re.sub(r"[\s\u00ad-]+", "", text.replace("\u2019", "'"))


@pytest.fixture(scope="module")
def report(built) -> dict[str, dict[str, str | PdfText]]:
    """Each language's site text (every page) and PDF text, squeezed."""
    zh = built.parent / f"{DEFAULT_EDITION}-zh"
    return {
        "en": {
            "site": _squeezed(" ".join(_visible_text(p) for p in sorted((built / "site").glob("*.html")))),
            "pdf": PdfText(built / f"trustreport-{DEFAULT_EDITION}.pdf"),
        },
        "zh": {
            "site": _squeezed(" ".join(_visible_text(p) for p in sorted((zh / "site").glob("*.html")))),
            "pdf": PdfText(zh / f"trustreport-{DEFAULT_EDITION}-zh.pdf"),
        },
    }


def test_every_fact_listed_is_in_the_article():
    article = ARTICLE.replace("\n", "")
    for said, _, _ in FACTS:
        assert said in article, said


@pytest.mark.parametrize("said, english, chinese", FACTS, ids=[f[0][:24] for f in FACTS])
def test_the_article_fact_is_in_the_report_in_both_languages(report, said, english, chinese):
    for lang, words in (("en", english), ("zh", chinese)):
        for where in ("site", "pdf"):
            missing = [w for w in words if _squeezed(w) not in report[lang][where]]
            assert not missing, f"{lang} {where} lacks {missing} (the article: {said})"
