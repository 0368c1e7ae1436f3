"""The built site as a reader's browser meets it: fixtures for tests/browser/.

`make test` builds the site first (`make book`), from the committed notebooks, and these
tests load it in headless Chromium (Debian's, through Playwright) from a local HTTP server
on 127.0.0.1, with every request to any other origin blocked: the site must work offline.
Each page is loaded once per session (`visit`); the tests then check what was recorded.
A full-page screenshot of every page lands in _build/screenshots/ for humans to look at.

test_engine_js.py (marked without_site) needs no site: it loads the JavaScript engine
into a blank page served the same way (sitecheck.engine_page) and holds it equal to the
Python engine.

Without Chromium the tests skip, with one line saying how to enable them (without a built
site, only those that load it); under CI (CI=true) whatever keeps them from running is a
failure instead.
"""
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
    serve,
    settle,
    why_not_runnable,
)

_skipped_because = []


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "without_site: needs Chromium but not the built site (test_engine_js.py)")


def pytest_collection_modifyitems(config, items):
    if IN_CI:
        return  # under CI the `browser` and `origin` fixtures turn a reason into a failure
    for item in items:
        if HERE not in Path(item.path).parents:
            continue
        reason = why_not_runnable(site=item.get_closest_marker("without_site") is None)
        if reason is not None:
            if reason not in _skipped_because:
                _skipped_because.append(reason)
            item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter):
    for reason in _skipped_because:
        terminalreporter.write_line(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def origin():
    """The built site, served on 127.0.0.1 at a free port from a background thread."""
    reason = why_not_runnable()
    if reason is not None:
        pytest.fail(f"browser tests cannot run under CI: {reason}", pytrace=False)
    with serve(SITE) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    reason = why_not_runnable(site=False)
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
