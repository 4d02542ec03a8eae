"""The site as a reader opens it: served over HTTP from a local folder, in headless Chromium (Debian's own, driven by
Playwright), offline. Waits are for what a reader waits for (a page loaded, every chart live), never a fixed time, and
generous: on a busy machine Chromium may take many seconds to start or draw."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# How long a page may take to load, a chart to come alive, Chromium to start: long, since a machine running builds
# beside the tests is slow; a page that never gets there still fails.
PATIENCE_MS = 60_000
# A phone's screen is 390 x 844; a desktop's window 1280 x 900.
HEIGHT = {390: 844, 1280: 900}
# Every chart on a page drawn live (charts.js marks a figure tr-live once Vega has drawn it).
ALL_CHARTS_LIVE = "document.querySelectorAll('figure.tr-chart:not(.tr-live)').length === 0"
# For a page function: rgb() reads a computed colour as numbers, lum() gives its relative luminance (WCAG 2.1).
LUMINANCE = r"""
    const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = c => {
        const linear = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        const [r, g, b] = c.slice(0, 3).map(linear);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
"""


# What a page is dressed in (its styles, scripts, fonts and images), which a tab keeps from page to page without asking
# again; every other file (a page, its data, the PDF) is asked for again each time it is read.
KEPT_SUFFIXES = (".css", ".js", ".woff", ".woff2", ".ttf", ".otf", ".svg", ".png", ".jpg", ".ico")
# A file written this recently may be rewritten within the file system's clock tick, its size and time unchanged: it is
# hashed again rather than judged by its stat.
_RECENT_S = 2.0


def _digest(path: str, known: dict[str, tuple[tuple, str]]) -> str:
    """A hash of the file's bytes, read again unless its stat is as it was when last hashed and it is not recent."""
    st = os.stat(path)
    key = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    seen = known.get(path)
    if seen is not None and seen[0] == key and st.st_mtime_ns < (time.time() - _RECENT_S) * 1e9:
        return seen[1]
    with open(path, "rb") as file:
        digest = '"' + hashlib.blake2b(file.read(), digest_size=16).hexdigest() + '"'
    known[path] = (key, digest)
    return digest


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A file of the folder, over one kept connection (HTTP/1.1) rather than one a file. A page, its data and the PDF
    are asked for again on every load ("no-cache") and come back as "not modified" while their bytes are the same:
    the ETag is a hash of them. No Last-Modified: a file rewritten within the same second (or the file system's clock
    tick) keeps its modification time, and a browser asking "modified since?" would be shown the old one. Styles,
    scripts, fonts and images (KEPT_SUFFIXES) are kept by the tab for the session without asking: a tab going from page
    to page reads them as a reader's browser does, from its cache. So that a kept file is never older than the one on
    disk, every request first checks the kept files served so far: when one changed, the request is sent on to the
    same path on a new server (a new address, so nothing any tab kept applies), which serves the folder from then
    on."""

    protocol_version = "HTTP/1.1"

    def send_head(self):
        self._etag = self._kept = None
        del self.headers["If-Modified-Since"]
        server: QuietServer = self.server  # type: ignore[assignment]
        path = self.translate_path(self.path)
        kept = path.endswith(KEPT_SUFFIXES)
        moved = server.moved_to()
        if moved is not None:
            self.send_response(http.HTTPStatus.TEMPORARY_REDIRECT)
            self.send_header("Location", f"http://127.0.0.1:{moved.server_port}{self.path}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if os.path.isfile(path):
            with server.lock:
                self._etag = _digest(path, server.digests)
                if kept:  # what the tabs may keep is the first one served: a change since moves the folder
                    server.kept.setdefault(path, self._etag)
            self._kept = kept
            if self.headers.get("If-None-Match") == self._etag:
                self.send_response(http.HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                return None
        return super().send_head()

    def send_header(self, keyword, value):
        if keyword != "Last-Modified":
            super().send_header(keyword, value)

    def end_headers(self):
        self.send_header("Cache-Control", "max-age=86400" if getattr(self, "_kept", None) else "no-cache")
        if getattr(self, "_etag", None):
            self.send_header("ETag", self._etag)
        super().end_headers()

    def log_message(self, *args):  # the test output is for failures, not access logs
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path):
        super().__init__(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
        self.folder = folder
        self.lock = threading.Lock()
        self.digests: dict[str, tuple[tuple, str]] = {}  # path -> (its stat, its hash), as last read
        self.kept: dict[str, str] = {}  # the kept files served, path -> the hash first served
        self.successor: QuietServer | None = None
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def moved_to(self) -> QuietServer | None:
        """The server this folder is served by from now on, if a kept file served here has changed on disk (made
        now, the first time a change is seen), else None."""
        with self.lock:
            if self.successor is None:
                for path, served in self.kept.items():
                    if not os.path.isfile(path) or _digest(path, self.digests) != served:
                        self.successor = _SERVERS[self.folder] = QuietServer(self.folder)
                        break
            return self.successor

    def handle_error(self, request, client_address):
        """A page closed while a file was still on its way (the test had read what it needed) is not an error."""
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


# Each folder's server, started once a process and kept: a page's address stays the same from test to test, so a
# tab that read it before reads it again from what it kept (a page's scripts, styles and fonts are cached by address).
# A server whose kept files changed hands the folder on to a new one (QuietHandler).
_SERVERS: dict[Path, QuietServer] = {}


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` served over HTTP on a port of 127.0.0.1 of its own (the same one each time in this process, unless a
    kept file changed since): the address to open."""
    folder = Path(folder).resolve()
    httpd = _SERVERS.get(folder)
    if httpd is None:
        httpd = _SERVERS[folder] = QuietServer(folder)
    while (moved := httpd.moved_to()) is not None:  # a kept file changed since the last test: the folder's new address
        httpd = moved
    yield f"http://127.0.0.1:{httpd.server_port}"


@contextmanager
def chromium() -> Iterator:
    """A headless Chromium, closed on leaving: Debian's headless shell where it is installed (the same Blink without
    the browser's window machinery: a tenth less CPU a page, measured on the sweeps), else Debian's chromium."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium-headless-shell") or shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "Debian's chromium-headless-shell (or chromium) is needed (.ci/run installs the first)"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, timeout=PATIENCE_MS * 2)
        try:
            yield browser
        finally:
            browser.close()


# Tabs no test is using, by browser and (width, height, scheme); `tab` lends them out. A tab that has read a site
# reads its pages again for about half the CPU a new tab takes: a new tab is a new renderer, which parses and compiles
# every script, style and font of its first page afresh. Measured (2026-12-06, interleaved): a test reading one page,
# 0.46-0.67 CPU-seconds in a lent tab against 0.92-1.19 in a new tab with a server of its own; three pages, 0.67
# against 0.81 a page.
_IDLE_TABS: dict[tuple, list] = {}
# The page events a test may listen to; what listens to them is removed when its tab is given back.
_PAGE_EVENTS = (
    "console",
    "pageerror",
    "request",
    "requestfinished",
    "requestfailed",
    "response",
    "dialog",
    "popup",
    "load",
    "domcontentloaded",
    "framenavigated",
    "frameattached",
    "framedetached",
    "download",
    "websocket",
)


@contextmanager
def tab(browser, width: int = 1280, scheme: str = "light", height: int | None = None) -> Iterator:
    """A tab at `width` px (a phone's or a desktop's height, unless given) in `scheme`, patient as PATIENCE_MS says,
    given back on leaving however the test ends, as a reader would leave it for the next one: on a blank page, with
    nothing listening to it, no route, no cookie and no stored item of the page it was on, its screen and media as
    they were made (else closed). A test reads its pages in it one after the other, as a reader goes from page to
    page: a new tab a page cost twice the CPU (0.92 against 0.45 CPU-seconds a page, measured)."""
    size = {"width": width, "height": height or HEIGHT.get(width, 900)}
    key = (id(browser), size["width"], size["height"], scheme)
    idle = _IDLE_TABS.setdefault(key, [])
    page = None
    while idle and page is None:
        candidate = idle.pop()
        page = None if candidate.is_closed() else candidate
    if page is None:
        page = browser.new_page(viewport=size, color_scheme=scheme)
    page.set_default_timeout(PATIENCE_MS)
    try:
        yield page
    finally:
        if _leave(page, size, scheme):
            idle.append(page)


def _leave(page, size: dict, scheme: str) -> bool:
    """`page` made ready for the next test that asks for a tab like it; False (the page closed) where it cannot be."""
    if page.is_closed():
        return False
    try:
        impl = page._impl_obj  # Playwright's own listeners (on close and crash) stay
        for event in _PAGE_EVENTS:
            for listener in impl.listeners(event):
                impl.remove_listener(event, listener)
        page.unroute_all(behavior="ignoreErrors")
        for other in page.context.pages:
            if other != page:
                other.close()
        page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
        page.context.clear_cookies()
        page.emulate_media(media="null", color_scheme=scheme)
        page.goto("about:blank")
        _IN_FLIGHT.pop(id(page), None)
        if page.viewport_size == size:
            return True
    except Exception:  # a page that will not come back to a blank state is not lent again
        pass
    page.close()
    return False


def watch(page) -> tuple[list[str], list[str]]:
    """What goes wrong on `page` from now on (console errors, uncaught exceptions, failed requests) and the addresses it
    asks another host for, each list filled as it happens; `settle` reads the requests still in flight."""
    errors: list[str] = []
    foreign: list[str] = []
    in_flight: dict = {}
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith("data:")
            else None
        ),
    )
    page.on("request", lambda r: in_flight.__setitem__(id(r), r.url))
    page.on("requestfinished", lambda r: in_flight.pop(id(r), None))
    page.on("requestfailed", lambda r: in_flight.pop(id(r), None))
    page.on("response", lambda r: errors.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
    _IN_FLIGHT[id(page)] = in_flight
    if id(page) not in _NOTED_ON_CLOSE:  # once a page: a tab lent again is watched again
        _NOTED_ON_CLOSE.add(id(page))
        page.on("close", lambda: (_IN_FLIGHT.pop(id(page), None), _NOTED_ON_CLOSE.discard(id(page))))
    return errors, foreign


# The requests each watched page has in flight (by the page's id), for `settle`.
_IN_FLIGHT: dict[int, dict] = {}
_NOTED_ON_CLOSE: set[int] = set()


def settle(page) -> None:
    """Wait until `page` has loaded, its fonts are ready and (if `watch`ed) no request of its is in flight: what a
    reader's page has fetched by the time they read it. Not Playwright's "networkidle", which also waits for half a
    second without a request and, when it times out, does not say what it was waiting for; this names the requests
    still open after PATIENCE_MS."""
    page.wait_for_load_state("load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    in_flight = _IN_FLIGHT.get(id(page), {})
    waited = 0
    while in_flight and waited < PATIENCE_MS:
        page.wait_for_timeout(25)  # lets Playwright deliver the page's events
        waited += 25
    assert not in_flight, f"still loading after {PATIENCE_MS // 1000} s: {sorted(set(in_flight.values()))}"


@contextmanager
def open_page(browser, url: str, width: int = 1280) -> Iterator[tuple]:
    """A tab at `url`, loaded: the page, what went wrong on it and the addresses it asked another host for (`watch`)."""
    with tab(browser, width) as page:
        errors, foreign = watch(page)
        page.goto(url)
        settle(page)
        yield page, errors, foreign


def axe_violations(page, options: dict, context: dict | None = None) -> list[dict]:
    """What axe-core (the copy axe-playwright-python bundles) finds on the page as it stands: its violations, asked
    with `options` of the part `context` names (default: the whole document). The script is read by the page from a
    kept address, as a page reads its own scripts: fetched, parsed and compiled once a session, not sent and compiled
    again for each page (0.25 against 0.12 CPU-seconds a page, measured)."""
    import axe_playwright_python

    with serving(Path(axe_playwright_python.__file__).parent) as address:
        page.add_script_tag(url=f"{address}/axe.min.js")
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options).then(result => result.violations)",
        [context, options],
    )


def search(page, term: str) -> list[str]:
    """Type a term into the site's search box, as a reader would, and return where the results lead."""
    if page.locator("#tr-search").count():  # the embedded engine's search
        page.fill("#tr-search", term)
        page.wait_for_selector("#tr-search-results a")
        return page.locator("#tr-search-results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    page.locator("#quarto-search input").first.click()  # Quarto's own search
    page.keyboard.type(term)
    page.wait_for_selector(".aa-Panel a.search-result-link")
    return page.locator(".aa-Panel a.search-result-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
