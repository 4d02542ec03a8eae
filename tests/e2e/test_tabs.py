"""The browser tests' own footing (tests/browsing.py): a tab lent to one test after another, a folder's server kept
for the session. Whatever one test leaves in a tab must not reach the next, and no tab may be shown a file older
than the one on disk."""

from __future__ import annotations

import urllib.request

from browsing import serving, tab

PAGE = (
    "<!doctype html><html lang='en'><head><title>t</title><link rel='stylesheet' href='s.css'></head>"
    "<body>{}</body></html>"
)


def test_a_tab_lent_again_keeps_nothing_of_the_test_before(browser, tmp_path):
    (tmp_path / "index.html").write_text(PAGE.format("<p>text</p>"), encoding="utf-8")
    (tmp_path / "s.css").write_text("p { color: rgb(1, 2, 3); }", encoding="utf-8")
    heard: list[str] = []
    with serving(tmp_path) as address:
        with tab(browser, 390, "dark") as page:
            lent = page
            page.on("request", lambda request: heard.append(request.url))
            page.route("**/*.css", lambda route: route.abort())
            page.goto(f"{address}/index.html")
            page.evaluate("() => { localStorage.x = '1'; sessionStorage.y = '2'; document.cookie = 'z=3'; }")
            page.emulate_media(media="print")
            with page.expect_popup():
                page.evaluate("() => { window.open('about:blank'); }")  # a second tab the test opened and left
        heard.clear()
        with tab(browser, 390, "dark") as page:
            assert page is lent, "the tab is lent again"
            assert page.url == "about:blank" and page.context.pages == [page]
            page.goto(f"{address}/index.html")
            assert heard == [], "a listener of the test before still hears the tab"
            stored = page.evaluate("() => [localStorage.getItem('x'), sessionStorage.getItem('y'), document.cookie]")
            assert stored == [None, None, ""]
            assert page.evaluate("() => matchMedia('print').matches") is False
            assert page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") is True
            assert page.viewport_size == {"width": 390, "height": 844}
            colour = page.evaluate("() => getComputedStyle(document.querySelector('p')).color")
            assert colour == "rgb(1, 2, 3)", "the route of the test before still stops the style sheet"
        with tab(browser, 1280, "light") as page:
            assert page is not lent, "a tab is lent only at the width and scheme it was made with"


def test_a_tab_reads_a_file_changed_on_disk_however_quickly(browser, tmp_path):
    page_file = tmp_path / "index.html"
    with serving(tmp_path) as address, tab(browser) as page:
        for word in ("one", "two", "six"):  # the same size each time, within the same second
            page_file.write_text(PAGE.format(f"<p>{word}</p>"), encoding="utf-8")
            page.goto(f"{address}/index.html")
            assert page.inner_text("p") == word


def test_a_tab_reads_a_style_sheet_changed_on_disk_however_quickly(browser, tmp_path):
    """A style sheet is kept by the tab from page to page, never once it changed on disk: within one test (the same
    size each time, at once) and from one test to the next."""
    (tmp_path / "index.html").write_text(PAGE.format("<p>text</p>"), encoding="utf-8")
    style = tmp_path / "s.css"
    colour = "() => getComputedStyle(document.querySelector('p')).color"
    with serving(tmp_path) as address, tab(browser) as page:
        for rgb in ("rgb(1, 2, 3)", "rgb(4, 5, 6)", "rgb(4, 5, 6)", "rgb(7, 8, 9)"):
            style.write_text(f"p {{ color: {rgb}; }}", encoding="utf-8")
            page.goto(f"{address}/index.html")
            assert page.evaluate(colour) == rgb
    style.write_text("p { color: rgb(9, 9, 9); }", encoding="utf-8")
    with serving(tmp_path) as address, tab(browser) as page:
        page.goto(f"{address}/index.html")
        assert page.evaluate(colour) == "rgb(9, 9, 9)"
        assert page.url == f"{address}/index.html"  # the address the test was given is the folder's


def test_a_kept_file_changed_on_disk_is_never_served_again_from_its_old_address(tmp_path):
    """Whichever tab asks for it next, and however: a changed style sheet comes from the folder's new address, so no
    tab that kept the old one is shown it again there."""
    style = tmp_path / "s.css"
    style.write_text("p { color: rgb(1, 2, 3); }", encoding="utf-8")
    with serving(tmp_path) as address:
        with urllib.request.urlopen(f"{address}/s.css") as response:
            assert response.read() == b"p { color: rgb(1, 2, 3); }"
        style.write_text("p { color: rgb(4, 5, 6); }", encoding="utf-8")
        with urllib.request.urlopen(f"{address}/s.css") as response:  # a redirect is followed
            assert response.read() == b"p { color: rgb(4, 5, 6); }"
            assert not response.url.startswith(f"{address}/"), "the old address served the changed file"
