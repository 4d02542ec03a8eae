"""Every edition on the published site, in a real browser: the default edition (2021) at the front, the 2020 edition
beside it, each in English and 中文, and on every page of both engines an edition switcher that leads to the same
page in the other edition."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest

from browsing import axe_violations, serving, tab
from conftest import DEFAULT_EDITION, ENGINES, PUBLISHED_PAGES, ROOT, engine_of, need_engine, renderings
from sweeps import WCAG_21_AA

PAGES = PUBLISHED_PAGES
# Where each edition sits in a version, and its name in the switcher in each language (folder "" is English).
EDITIONS = {"2021": "", "2020": "editions/2020/"}
LABELS = {"": ["2021 against 2020", "2020 against 2019"], "zh/": ["2021年对比2020年", "2020年对比2019年"]}
SWITCHER_NAME = {"": "Edition", "zh/": "版次"}


def in_engine(shared, edition: str, engine: str, scratch: Path) -> Path:
    """build/<edition> (its site with zh/) rendered by `engine`: the build itself when it was, else the renderings
    the other site tests read (assembled once a session), copied, with zh/ the Chinese one's."""
    build, build_zh = ROOT / "build" / edition, ROOT / "build" / f"{edition}-zh"
    if engine_of(build) == engine and engine_of(build_zh) == engine:
        return build
    rendered, rendered_zh = renderings(shared, [build, build_zh], engine)
    shutil.copytree(rendered, scratch / edition, symlinks=True)
    zh = scratch / edition / "site" / "zh"
    zh.unlink()  # a link to build/<edition>-zh/site, rendered by the other engine
    shutil.copytree(rendered_zh / "site", zh)
    return scratch / edition


@pytest.fixture(scope="module", params=ENGINES)
def site(request, shared, built, built_2020, tmp_path_factory) -> Path:
    """Version 1.0.0 of both editions, rendered by one engine, published as `make publish` publishes them."""
    engine = request.param
    need_engine(engine)
    scratch = tmp_path_factory.mktemp(f"editions-{engine}")
    from trustreport.site.publish import publish

    builds = {edition: in_engine(shared, edition, engine, scratch) for edition in EDITIONS}
    publish([DEFAULT_EDITION, "2020"], site=scratch / "site", version="1.0.0", builds=builds)
    return scratch / "site"


@pytest.fixture(scope="module")
def server(site):
    with serving(site) as address:
        yield address


def test_the_default_edition_is_the_front_of_the_site(site, server, browser):
    with tab(browser) as page:
        page.goto(f"{server}/index.html")
        page.wait_for_url("**/latest/index.html")
        assert json.loads((site / "latest" / "manifest.json").read_text(encoding="utf-8"))["edition"] == "2021"
        page.wait_for_selector(".tr-edition-pick select")
        assert page.locator(".tr-edition-pick select option:checked").inner_text() == "2021 against 2020"


@pytest.mark.parametrize("folder", ["", "zh/"])
def test_every_edition_is_reachable_from_the_front_in_each_language(server, browser, folder):
    with tab(browser) as page:
        for edition, label in zip(EDITIONS, LABELS[folder], strict=True):
            page.goto(f"{server}/latest/{folder}index.html")
            page.wait_for_selector(".tr-edition-pick select")
            page.get_by_label(SWITCHER_NAME[folder], exact=False).select_option(label=label)
            page.wait_for_url(f"**/latest/{EDITIONS[edition]}{folder}index.html")
            page.wait_for_load_state("load")  # the page the switcher opened, not the one it left
            assert page.locator(".tr-edition-pick select option:checked").inner_text() == label
            lang = page.locator("html").get_attribute("lang") or ""
            assert lang.startswith("zh" if folder else "en"), (edition, lang)


def _note_missing(missing: list[str], response) -> None:
    if response.status >= 400:
        missing.append(response.url)


@pytest.mark.parametrize("folder", ["", "zh/"])
def test_the_edition_switcher_on_every_page_leads_to_the_same_page_in_the_other_edition(server, browser, folder):
    """On every page, in each language: the switcher names both editions, is reached and used with the keyboard, and
    leads from the 2021 edition's page to the same page of the 2020 edition, and from there back (one round trip a
    page: the 2020 page is opened by its switcher, as a reader opens it)."""
    missing: list[str] = []
    with tab(browser) as page:  # one tab, going from page to page
        page.on("response", functools.partial(_note_missing, missing))
        for name in PAGES:
            missing.clear()
            page.goto(f"{server}/v/1.0.0/{EDITIONS['2021']}{folder}{name}")
            for edition, other, key in (("2021", "2020", "ArrowDown"), ("2020", "2021", "ArrowUp")):
                page.wait_for_selector(".tr-edition-pick select", timeout=10000)
                switcher = page.locator(".tr-edition-pick select")
                assert switcher.locator("option").all_inner_texts() == LABELS[folder], (edition, name)
                assert page.locator(".tr-edition-pick > span").inner_text() == SWITCHER_NAME[folder], (edition, name)
                switcher.focus()  # reached and used with the keyboard
                page.keyboard.press(key)
                page.wait_for_url(f"**/v/1.0.0/{EDITIONS[other]}{folder}{name}")
            page.wait_for_selector(".tr-edition-pick select", timeout=10000)
            assert not missing, (folder, name, missing)


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (1280, "dark"), (390, "light")])
def test_the_switchers_pass_axe(server, browser, width, scheme):
    found = {}
    with tab(browser, width, scheme, height=900) as page:  # one tab, page to page
        for where in ("", "zh/", "editions/2020/", "editions/2020/zh/"):
            page.goto(f"{server}/v/1.0.0/{where}20_gala.html")
            page.wait_for_selector(".tr-versions select", state="attached", timeout=10000)
            violations = axe_violations(
                page, {"runOnly": {"type": "tag", "values": WCAG_21_AA}}, context={"include": [[".tr-versions"]]}
            )
            nodes = [f"{v['id']}: {n['target']}" for v in violations for n in v["nodes"]]
            if nodes:
                found[where] = nodes
    assert not found, found
