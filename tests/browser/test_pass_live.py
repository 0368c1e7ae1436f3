"""Chapters 2 to 5's pass explorers on the built site compute in the page, with no kernel.

On each chapter's page every control is moved as a reader moves it (a slider's handle
focused and ArrowRight pressed, the reset button clicked), and after each move the page
must show exactly what the Python explorer of that part shows for the sliders' new values:
E_total's line, the diagram's labels (element for element, positions included) and its
alt text, the bar chart (element for element) and the tables; and no move may put a
<style> element into the page. And the explorer must fit the page's column from a phone's
width to a desktop's, in both themes.
"""
import json

import pytest

from backprop.explorers.controls import GIVENS
from backprop.explorers.pass_explorer import PassExplorer
from backprop.tutorial.network import Example, Params

from sitecheck import HEIGHT, WIDTH, Visit, open_page, settle

PAGES = {"book/02_forward_pass.html": "forward", "book/03_total_error.html": "error",
         "book/04_output_layer.html": "output-layer", "book/05_hidden_layer.html": "hidden-layer"}
LIVE = ".backprop-pass-live"
WIDTHS = (360, 390, 768, 1280)

# What the display shows, read off an element: the tables' cells and titles, E_total's
# line, the diagram's labels and alt text, and the chart's SVG as the page serialises it.
SHOWN_JS = """(el) => {
  const svg = el.querySelector(".backprop-pass-diagram svg");
  const chart = el.querySelector(".backprop-live-chart svg");
  return {
    tables: [...el.querySelectorAll("table")].map((t) =>
      [...t.rows].map((r) => [...r.cells].map((c) => c.textContent))),
    titles: [...el.querySelectorAll(".backprop-pass strong")].map((s) => s.textContent),
    total: el.querySelector(".backprop-pass-total").innerHTML,
    labels: svg.lastElementChild.innerHTML,
    alt: svg.getAttribute("aria-label"),
    chart: chart ? chart.outerHTML : "",
  };
}"""

# The same, from the Python explorer's renderings put into a detached element.
PYTHON_JS = """([diagram, chart, tables, total]) => {
  const el = document.createElement("div");
  el.innerHTML = `<p class="backprop-pass-total">${total}</p>` +
    `<div class="backprop-pass-diagram">${diagram}</div>` +
    `<div class="backprop-live-chart">${chart}</div>${tables}`;
  return (""" + SHOWN_JS + """)(el);
}"""

# Whether anything of the explorer reaches past the article's column, or is hidden by an
# overflow inside it; and the chart's width against the column's.
FIT_JS = """(live) => {
  const root = live.closest(".widget-subarea");
  const column = document.querySelector("article.bd-article").getBoundingClientRect();
  const parts = root.querySelectorAll(
    "svg, table, .widget-slider, .widget-readout, button, .widget-hbox, .widget-vbox, p");
  const out = [...parts].filter((e) => {
    const r = e.getBoundingClientRect();
    return r.width && (r.right > column.right + 1 || r.left < column.left - 1);
  }).map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""}`);
  const clipped = [root, ...root.querySelectorAll("*")].filter(
    (e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible")
    .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""}`);
  const chart = live.querySelector(".backprop-live-chart svg");
  return {out, clipped, column: column.width, live: live.getBoundingClientRect().width,
          chart: chart ? chart.getBoundingClientRect().width : null,
          diagram: live.querySelector(".backprop-pass-diagram svg").getBoundingClientRect().width};
}"""


# From now on, count the <style> elements put into the page: a move must add none (each
# makes Chromium re-style the whole page; in JupyterLab that was half a move's wait).
COUNT_STYLES_JS = """() => { window.__styles = 0; new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) {
    if (n.nodeName.toLowerCase() === "style" || (n.querySelector && n.querySelector("style"))) {
      window.__styles += 1;
    }
  }
}).observe(document, { childList: true, subtree: true }); }"""


def load(browser, origin, path, width, dark=False):
    """(context, page, root locator, console errors, blocked requests) for a page."""
    blocked, errors = [], []
    context, page = open_page(browser, origin, blocked, viewport={"width": width, "height": HEIGHT},
                              color_scheme="dark" if dark else "light")
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.goto(f"{origin}/{path}", wait_until="load")
    settle(page, Visit(path))
    page.wait_for_selector(f"{LIVE}[data-draws]", timeout=30_000)
    page.evaluate(COUNT_STYLES_JS)
    root = page.locator(".widget-subarea").filter(has=page.locator(LIVE))
    return context, page, root, errors, blocked


@pytest.fixture(scope="module", params=list(PAGES))
def explorer(request, browser, origin):
    """(page, the explorer's root locator, its part, console errors, blocked requests)."""
    context, page, root, errors, blocked = load(browser, origin, request.param, WIDTH)
    yield page, root, PAGES[request.param], errors, blocked
    context.close()


def draws(root):
    return int(root.locator(LIVE).get_attribute("data-draws"))


def shown(root):
    live = root.locator(LIVE)
    return {"state": json.loads(live.get_attribute("data-state")), **live.evaluate(SHOWN_JS)}


def python_explorer(part, state):
    params = Params.layered(*(state[n] for n in ("w1", "w2", "w3", "w4", "w5", "w6", "w7",
                                                 "w8", "b1", "b2")))
    return PassExplorer(part, params, Example(*(state[n] for n in ("i1", "i2", "t1", "t2"))))


def check_against_python(page, part, now):
    expected = python_explorer(part, now["state"])
    want = page.evaluate(PYTHON_JS, [expected.diagram.value, expected.chart.value,
                                     expected.table.value, expected.total.value])
    for key in ("tables", "titles", "total", "labels", "alt", "chart"):
        assert now[key] == want[key], key
    # And the Python explorer's own numbers, as shown: each table value is its .9f.
    cells = {row[i]: row[i + 1] for t in now["tables"] for row in t[1:] for i in (0, 2)}
    assert cells == {n: f"{expected.values[n]:.9f}" for n in cells}


def move(page, root, action):
    """Do action(), wait for the display to redraw, and return (before, now)."""
    before = draws(root), shown(root)
    action()
    page.wait_for_function(f"(n) => +document.querySelector('{LIVE}').dataset.draws > n",
                           arg=before[0], timeout=10_000)
    return before[1], shown(root)


def test_the_starting_state_is_the_tutorials(explorer):
    page, root, part, errors, blocked = explorer
    now = shown(root)
    assert now["state"] == {n: s.value for n, s in PassExplorer(part).sliders.items()}
    check_against_python(page, part, now)
    assert page.evaluate("() => window.__styles") == 0
    assert not errors and not blocked


@pytest.mark.parametrize("name", GIVENS)
def test_every_slider_recomputes_in_the_page(explorer, name):
    page, root, part, errors, blocked = explorer
    handle = root.get_by_role("slider", name=name, exact=True)

    def press():
        handle.focus()
        page.keyboard.press("ArrowRight" if handle.get_attribute("aria-valuenow")
                            != handle.get_attribute("aria-valuemax") else "ArrowLeft")

    before, now = move(page, root, press)
    assert {k for k in now["state"] if now["state"][k] != before["state"][k]} == {name}
    assert now["labels"] != before["labels"], "the diagram was not redrawn"
    check_against_python(page, part, now)
    assert page.evaluate("() => window.__styles") == 0
    assert not errors and not blocked


def test_reset_returns_to_the_tutorial_in_the_page(explorer):
    page, root, part, errors, blocked = explorer
    button = root.get_by_role("button", name="Reset to the tutorial")
    _, now = move(page, root, button.click)
    assert now["state"] == {n: s.value for n, s in PassExplorer(part).sliders.items()}
    check_against_python(page, part, now)
    assert page.evaluate("() => window.__styles") == 0
    assert not errors and not blocked


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_the_explorer_fits_the_column(browser, origin, path, width):
    context, page, root, errors, blocked = load(browser, origin, path, width, dark=width < 400)
    try:
        root.scroll_into_view_if_needed()
        fit = root.locator(LIVE).evaluate(FIT_JS)
        assert fit["out"] == [] and fit["clipped"] == []
        # The pictures scale down with the column, and never past their drawn size.
        assert fit["diagram"] <= fit["column"] + 1
        if fit["chart"] is not None:
            assert fit["chart"] == pytest.approx(min(640, fit["live"]), abs=1)
        assert not errors and not blocked
    finally:
        context.close()
