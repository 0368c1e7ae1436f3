"""JupyterLab reads like the site: chapters opened as `make lab` opens them, then Run All.

JupyterLab (with jupyterlab-myst, from requirements.txt) runs on 127.0.0.1 at a free port,
as `make lab` runs it: tools/lab/overrides.json as its settings, the notebooks trusted, as
root with --allow-root. It serves a copy of book/ (Lab saves what it runs) and keeps its
state (signatures, settings, workspaces) in a temporary folder. For each chapter: before
Run All the stored numbers show and each paragraph reads as on the built site; after it
there is no error output, no raw MyST and no number still waiting (prose.Pending) in the
rendered Markdown, the paragraphs read as before, and in chapter 6 a slider move redraws
the training explorer. Screenshots land in _build/screenshots/.

jupyterlab-myst 2.7.0 in JupyterLab 4.6.6 does not re-evaluate the expressions on Run All
(jupyter-book/jupyterlab-myst#289), so after Run All the prose shows the stored numbers;
nbval (book/conftest.py) is what holds those equal to what the code computes.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from sitecheck import HEIGHT, ROOT, SCREENSHOTS, WIDTH, Visit, open_page, settle

pytestmark = pytest.mark.slow  # a JupyterLab server and two chapters run: about a minute

# Chapter 6 has the training explorer; chapter 9 is the one with the most numbers.
CHAPTERS = ["06_training", "09_published_numbers"]
START_SECONDS = 120  # a ceiling for JupyterLab to start, not a timed assertion
RUN_MS = 300_000  # a ceiling for Run All
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

# The notebook is open and its kernel started.
OPEN_JS = "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel?.status === 'idle'"
# Run All is done when every code cell has run and the kernel is idle again.
DONE_JS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const kernel = panel.sessionContext.session?.kernel;
  const cells = [...panel.content.model.cells];
  return kernel?.status === "idle" && cells.every((c) => c.type !== "code"
    || (c.executionCount !== null && c.executionState !== "running"));
}"""
# Every output of every code cell, as saved in the notebook.
OUTPUTS_JS = """() => [...window.jupyterapp.shell.currentWidget.content.model.cells]
  .filter((c) => c.type === "code").flatMap((c) => c.outputs.toJSON())"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab():
    """The URL of a JupyterLab serving a trusted copy of book/."""
    with tempfile.TemporaryDirectory(prefix="backprop-lab-") as home:
        home = Path(home)
        book = home / "book"
        shutil.copytree(ROOT / "book", book, ignore=shutil.ignore_patterns("conftest.py", ".*"))
        (home / "settings").mkdir()
        shutil.copy(ROOT / "tools" / "lab" / "overrides.json", home / "settings")
        env = {**os.environ, "JUPYTER_DATA_DIR": str(home / "data"),
               "JUPYTER_RUNTIME_DIR": str(home / "runtime"), "JUPYTER_CONFIG_DIR": str(home / "config")}
        jupyter = str(Path(sys.executable).with_name("jupyter"))
        subprocess.run([jupyter, "trust", *map(str, book.glob("*.ipynb"))], env=env, check=True,
                       capture_output=True)
        port = free_port()
        log = (home / "lab.log").open("w")
        server = subprocess.Popen(
            [jupyter, "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
             "--ServerApp.token=", "--ServerApp.password=", f"--ServerApp.root_dir={book}",
             f"--LabApp.app_settings_dir={home / 'settings'}",
             f"--LabApp.user_settings_dir={home / 'user'}",
             f"--LabApp.workspaces_dir={home / 'workspaces'}",
             "--LabApp.expose_app_in_browser=True",  # window.jupyterapp: Run All, the model
             *(["--allow-root"] if os.geteuid() == 0 else [])],
            env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + START_SECONDS
            while True:
                try:
                    urllib.request.urlopen(f"{url}/api/status", timeout=5)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"JupyterLab did not start:\n{(home / 'lab.log').read_text()[-3000:]}")
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


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
        page.goto(f"{lab}/lab/tree/{chapter}.ipynb?reset")  # only this notebook open
        page.wait_for_function(OPEN_JS, timeout=60_000)
        page.wait_for_selector(".jp-MarkdownCell .myst p", timeout=60_000)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"lab-{chapter}-before.png"))
        render_all(page)
        before = page.evaluate(PARAGRAPHS_JS, LAB_PARAGRAPHS)
        assert raw_myst(page) == []
        assert [p for p in before if p not in site] == []

        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(DONE_JS, timeout=RUN_MS)
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
    # ipywidgets' sliders in JupyterLab have no accessible name: found by their label.
    w1 = root.locator(".widget-slider").filter(has=page.locator(".widget-label", has_text=re.compile("^w1$")))
    w1.get_by_role("slider").focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"(n) => +document.querySelector('{LIVE}').dataset.draws > n",
                           arg=draws, timeout=30_000)
    old, new = json.loads(state), json.loads(live.get_attribute("data-state"))
    assert new["params"]["w1"] > old["params"]["w1"]
    assert live.locator("svg polyline").nth(1).get_attribute("points") != run
