"""JupyterLab reads like the site: chapters opened as `make lab` opens them, then Run All.

JupyterLab runs as `make lab` runs it, on a trusted copy of book/ (labserver.lab_server).
For each chapter: before
Run All the stored numbers show and each paragraph reads as on the built site; after it
there is no error output, no raw MyST and no number still waiting (prose.Pending) in the
rendered Markdown, the paragraphs read as before, and in chapter 6 a slider move redraws
the training explorer. Screenshots land in _build/screenshots/.

jupyterlab-myst 2.7.0 in JupyterLab 4.6.6 does not re-evaluate the expressions on Run All
(jupyter-book/jupyterlab-myst#289), so after Run All the prose shows the stored numbers;
nbval (book/conftest.py) is what holds those equal to what the code computes.
"""
import json
import re

import pytest

from labserver import lab_server, lab_slider, open_notebook, run_all
from sitecheck import HEIGHT, SCREENSHOTS, WIDTH, Visit, open_page, settle

pytestmark = pytest.mark.slow  # a JupyterLab server and two chapters run: about a minute

# Chapter 6 has the training explorer; chapter 9 is the one with the most numbers.
CHAPTERS = ["06_training", "09_published_numbers"]
LIVE = ".backprop-training-live"
# A role or directive written out instead of rendered: {eval}, {glue:text}, {math}...
RAW_MYST = re.compile(r"\{[a-z][\w:-]*\}|`")

# The rendered Markdown's paragraphs, math left out (KaTeX in JupyterLab, MathJax on the
# site), whitespace and typographic quotes made plain.
PARAGRAPHS_JS = r"""(selector) => [...document.querySelectorAll(selector)].map((p) => {
  const copy = p.cloneNode(true);
  copy.querySelectorAll(".katex, mjx-container, .math, script, style").forEach((m) => m.remove());
  return copy.textContent.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ").trim();
}).filter((text) => text)"""
LAB_PARAGRAPHS = ".jp-MarkdownCell .myst p"
SITE_PARAGRAPHS = "article.bd-article p"

# Every output of every code cell, as saved in the notebook.
OUTPUTS_JS = """() => [...window.jupyterapp.shell.currentWidget.content.model.cells]
  .filter((c) => c.type === "code").flatMap((c) => c.outputs.toJSON())"""


@pytest.fixture(scope="module")
def lab():
    """The URL of a JupyterLab serving a trusted copy of book/."""
    with lab_server() as url:
        yield url


def site_paragraphs(browser, origin, chapter):
    blocked = []
    context, page = open_page(browser, origin, blocked, viewport={"width": WIDTH, "height": HEIGHT})
    try:
        page.goto(f"{origin}/book/{chapter}.html", wait_until="load")
        settle(page, Visit(f"book/{chapter}.html"))
        return page.evaluate(PARAGRAPHS_JS, SITE_PARAGRAPHS)
    finally:
        context.close()


def render_all(page):
    """Bring every Markdown cell into view once, so that each has rendered, and wait for them."""
    page.evaluate("""async () => {
      const notebook = window.jupyterapp.shell.currentWidget.content;
      for (let i = 0; i < notebook.widgets.length; i++) {
        await notebook.scrollToItem(i, "start");
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)));
      }
    }""")
    page.wait_for_function("""() => window.jupyterapp.shell.currentWidget.content.widgets
      .filter((cell) => cell.model.type === "markdown")
      .every((cell) => cell.node.isConnected && cell.node.querySelector(".myst")?.textContent.trim())""",
                           timeout=60_000)


def raw_myst(page):
    """Rendered Markdown that still shows MyST source, an unevaluated expression or an error."""
    found = page.evaluate("""() => [...document.querySelectorAll(".jp-MarkdownCell .myst")].flatMap((m) => {
      const copy = m.cloneNode(true);
      copy.querySelectorAll(".katex, code, pre").forEach((c) => c.remove());
      const bad = [...m.querySelectorAll("code")].filter((c) => /^glue\\[/.test(c.textContent))
        .map((c) => `unevaluated ${c.textContent}`);
      m.querySelectorAll(".myst-RenderedExpressionError, [data-mime-type='application/vnd.jupyter.stderr']")
        .forEach((e) => bad.push(`error ${e.textContent}`));
      m.querySelectorAll(".jupyter-widgets").forEach((w) => w.textContent.includes("…")
        && bad.push(`label still waiting: ${w.textContent}`));
      return [...bad, copy.textContent];
    })""")
    return [text for text in found if text.startswith(("unevaluated", "error", "label"))
            or RAW_MYST.search(text)]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_chapter_reads_as_on_the_site_before_and_after_run_all(browser, origin, lab, chapter):
    site = site_paragraphs(browser, origin, chapter)
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    page = context.new_page()
    try:
        open_notebook(page, lab, chapter)
        page.wait_for_selector(".jp-MarkdownCell .myst p", timeout=60_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"lab-{chapter}-before.png"))
        render_all(page)
        before = page.evaluate(PARAGRAPHS_JS, LAB_PARAGRAPHS)
        assert raw_myst(page) == []
        assert [p for p in before if p not in site] == []

        run_all(page)
        render_all(page)
        page.screenshot(path=str(SCREENSHOTS / f"lab-{chapter}-after.png"))
        outputs = page.evaluate(OUTPUTS_JS)
        assert [o for o in outputs if o["output_type"] == "error" or o.get("name") == "stderr"] == []
        assert raw_myst(page) == []
        after = page.evaluate(PARAGRAPHS_JS, LAB_PARAGRAPHS)
        assert after == before
        if chapter == "06_training":
            slider_move_redraws(page)
    finally:
        context.close()


def slider_move_redraws(page):
    live = page.locator(LIVE)
    live.scroll_into_view_if_needed()
    draws, state = int(live.get_attribute("data-draws")), live.get_attribute("data-state")
    run = live.locator("svg polyline").nth(1).get_attribute("points")
    root = page.locator(".jp-OutputArea-output").filter(has=live)
    lab_slider(page, root, "w1").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(n) => +document.querySelector('{LIVE}').dataset.draws > n",
                           arg=draws, timeout=30_000)
    old, new = json.loads(state), json.loads(live.get_attribute("data-state"))
    assert new["params"]["w1"] > old["params"]["w1"]
    assert live.locator("svg polyline").nth(1).get_attribute("points") != run
