"""Every page of the built site, loaded offline in Chromium (fixtures in conftest.py)."""
import json
import re
import urllib.request

import pytest

from sitecheck import SITE, explorer_pages, notebook_pages, open_page, toc_pages

PAGES = toc_pages()
NOTEBOOK_PAGES = notebook_pages()
EXPLORER_PAGES = explorer_pages()

# TeX that MathJax should have replaced: a command, \( \) \[ \] delimiters, or a dollar.
RAW_TEX = re.compile(r"\\[A-Za-z]+|\\[()\[\]]|\$")

# Axe impacts that fail the build; "moderate" and "minor" are reported by axe but not here.
BLOCKING = {"serious", "critical"}


def describe_violations(violations):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} element(s)]")
        for node in v["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"       {summary[:240]}")
    return "\n".join(lines)


def test_the_toc_lists_pages_that_were_built():
    assert "book/index.html" in PAGES
    missing = [p for p in PAGES if not (SITE / p).is_file()]
    assert not missing, f"pages in _toc.yml not in _build/html: {missing}"


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_without_errors(visit, path):
    page = visit(path)
    assert not page.blocked_requests, (
        "requests outside the local site (the site must work offline):\n"
        + "\n".join(page.blocked_requests)
    )
    assert not page.failed_requests, "failed requests:\n" + "\n".join(page.failed_requests)
    assert not page.console_errors, "console errors:\n" + "\n".join(page.console_errors)


@pytest.mark.parametrize("path", PAGES)
def test_math_is_typeset(visit, path):
    page = visit(path)
    facts = page.facts
    source = (SITE / path).read_text(encoding="utf8")
    if 'class="math' in source or "text_latex" in source:
        assert facts["mjx_containers"] > 0, "the page has math but MathJax typeset none of it"
    assert not facts["math_untypeset"], "math left untypeset:\n" + "\n".join(facts["math_untypeset"])
    assert not facts["mjx_errors"], f"TeX errors: {facts['mjx_errors']}"
    raw = sorted({m.group() for m in RAW_TEX.finditer(facts["prose"])})
    if raw:
        where = [facts["prose"][max(0, m.start() - 60) : m.end() + 60] for m in RAW_TEX.finditer(facts["prose"])]
        pytest.fail(f"raw TeX left in the text: {raw}, e.g. ...{where[0]!r}...")


@pytest.mark.parametrize("path", PAGES)
def test_images_load_and_have_alt_text(visit, path):
    images = visit(path).facts["images"]
    broken = [img["src"] for img in images if not (img["complete"] and img["naturalWidth"] > 0)]
    assert not broken, f"images that did not load: {broken}"
    no_alt = [img["src"] for img in images if not (img["alt"] or "").strip()]
    assert not no_alt, f"images without alt text: {no_alt}"


def test_the_explorer_pages_are_found():
    assert len(EXPLORER_PAGES) >= 3, EXPLORER_PAGES


@pytest.mark.parametrize("path", EXPLORER_PAGES)
def test_explorers_show_their_controls(visit, path):
    page = visit(path)
    widgets = page.facts["widgets"]
    assert widgets, "the notebook saved widget state, but the page has no widget views"
    assert page.widgets_rendered, f"widgets did not render: {widgets}"
    for number, widget in enumerate(widgets, 1):
        assert widget["rendered"], f"widget view {number} did not render: {widget}"
        # An explorer shows the sliders and other controls its saved state holds.
        assert widget["sliders"] >= widget["sliders_saved"], f"widget view {number}: {widget}"
        if widget["controls_saved"]:
            assert widget["controls"] > 0, f"widget view {number} shows no controls: {widget}"


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(visit, path):
    violations = visit(path).violations
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, "axe-core:\n" + describe_violations(blocking)


@pytest.mark.parametrize("path", PAGES)
def test_screenshot_written(visit, path):
    shot = visit(path).screenshot
    assert shot is not None and shot.is_file() and shot.stat().st_size > 0


@pytest.mark.parametrize("path", NOTEBOOK_PAGES)
def test_notebook_pages_offer_the_ipynb(visit, origin, path):
    links = [d for d in visit(path).facts["downloads"] if d["text"] == ".ipynb"]
    assert links, "no .ipynb in the page's download menu"
    href = links[0]["href"]
    url = f"{origin}/{path.rsplit('/', 1)[0]}/{href}"
    with urllib.request.urlopen(url) as response:
        notebook = json.load(response)
    assert notebook["nbformat"] == 4
    assert any(cell.get("outputs") for cell in notebook["cells"]), "the download has no outputs"


def test_search_finds_delta(browser, origin):
    blocked, errors = [], []
    context, page = open_page(browser, origin, blocked)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{origin}/search.html?q=delta", wait_until="load")
        page.wait_for_selector("#search-results ul.search li", timeout=15_000)
        results = page.locator("#search-results ul.search li").all_inner_texts()
    finally:
        context.close()
    assert results, "search for 'delta' found nothing"
    assert not blocked and not errors, f"blocked: {blocked}, console errors: {errors}"


def test_root_index_leads_to_the_preface(browser, origin):
    context, page = open_page(browser, origin, [])
    try:
        page.goto(f"{origin}/index.html", wait_until="load")
        page.wait_for_url("**/book/index.html", timeout=10_000)
    finally:
        context.close()


def test_figures_stay_on_white_in_the_dark_theme(visit):
    page = visit("book/01_network.html", dark=True)
    assert page.facts["theme"] == "dark"
    figures = [img for img in page.facts["images"] if img["inArticle"]]
    assert figures, "no figure on the page"
    for img in figures:
        assert img["background"] == "rgb(255, 255, 255)", img
        assert img["filter"] == "none", img


@pytest.mark.parametrize("path", PAGES)
def test_wide_equations_scroll_on_a_narrow_screen(visit, path):
    narrow = visit(path).narrow
    assert not narrow["spilling"], f"display math spills out of the column: {narrow['spilling']}"
