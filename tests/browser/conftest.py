"""The built site as a reader's browser meets it: fixtures for tests/browser/.

`make test` builds the site first (`make book`), from the committed notebooks, and these
tests load it in headless Chromium (Debian's, through Playwright) from a local HTTP server
on 127.0.0.1, with every request to any other origin blocked: the site must work offline.
Each page is loaded once per session (`visit`); the tests then check what was recorded.
A full-page screenshot of every page lands in _build/screenshots/ for humans to look at.

Without Chromium the tests skip, with one line saying how to enable them; under CI
(CI=true) whatever keeps them from running is a failure instead.
"""
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitecheck import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FACTS_JS,
    HEIGHT,
    HERE,
    IN_CI,
    NARROW,
    NARROW_JS,
    SCREENSHOTS,
    SITE,
    WIDTH,
    Visit,
    open_page,
    run_axe,
    screenshot_name,
    settle,
    why_not_runnable,
)

_skipped_because = []


def pytest_collection_modifyitems(config, items):
    mine = [item for item in items if HERE in Path(item.path).parents]
    reason = why_not_runnable() if mine else None
    if reason is None or IN_CI:
        return  # under CI the `browser` fixture turns the reason into a failure
    _skipped_because.append(reason)
    for item in mine:
        item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    if _skipped_because:
        terminalreporter.write_line(f"browser tests skipped: {_skipped_because[0]}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def origin():
    """The built site, served on 127.0.0.1 at a free port from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    reason = why_not_runnable()
    if reason is not None:
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def visit(browser, origin):
    """visit(path, dark=False) loads a page of the site once and returns its Visit."""
    cache = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def load(path, dark=False):
        key = (path, dark)
        if key in cache:
            return cache[key]
        result = Visit(path)
        context, page = open_page(
            browser,
            origin,
            result.blocked_requests,
            viewport={"width": WIDTH, "height": HEIGHT},
            color_scheme="dark" if dark else "light",
        )
        # Recording stops before axe runs: axe-core fetches stylesheets itself and resolves
        # their @imports against the page rather than the stylesheet, a 404 of its own.
        recording = [True]

        def record(bucket, text):
            if recording[0]:
                bucket.append(text)

        page.on("console", lambda m: m.type == "error" and record(result.console_errors, m.text))
        page.on("pageerror", lambda e: record(result.console_errors, f"uncaught: {e}"))
        page.on("requestfailed", lambda r: record(result.failed_requests, f"{r.url} ({r.failure})"))
        page.on(
            "response",
            lambda r: r.status >= 400 and record(result.failed_requests, f"{r.url} (HTTP {r.status})"),
        )
        try:
            page.goto(f"{origin}/{path}", wait_until="load")
            settle(page, result)
            result.facts = page.evaluate(FACTS_JS)
            result.screenshot = SCREENSHOTS / screenshot_name(path, "-dark" if dark else "")
            page.screenshot(path=str(result.screenshot), full_page=True)
            recording[0] = False
            if not dark:
                result.violations = run_axe(page)
                page.set_viewport_size({"width": NARROW, "height": HEIGHT})
                result.narrow = page.evaluate(NARROW_JS)
        finally:
            context.close()
        cache[key] = result
        return result

    return load
