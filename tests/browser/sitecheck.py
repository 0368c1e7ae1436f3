"""Helpers the browser tests share: where the site is, its pages, and page loading."""
import functools
import importlib.resources
import json
import os
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
# The site `make book` built; BOOK_SITE=path/to/html checks another build of it.
SITE = Path(os.environ.get("BOOK_SITE", ROOT / "_build" / "html")).resolve()
SCREENSHOTS = SITE.parent / "screenshots"
HERE = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"
WIDTH, HEIGHT = 1280, 900
NARROW = 360  # a phone's width, in CSS pixels
PHONE = 390  # a common phone's width (the explorers are checked at both)

# Widget views on a page: embed-amd.js renders each into a div.widget-subarea just before it.
WIDGET_VIEWS = 'script[type="application/vnd.jupyter.widget-view+json"]'


def toc_pages():
    """The pages _toc.yml lists, as paths in the built site: ["book/index.html", ...]."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf8"))
    files = [toc["root"]]

    def walk(node):
        if isinstance(node, dict):
            if "file" in node:
                files.append(node["file"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: v for k, v in toc.items() if k != "root"})
    return [f"{Path(f).with_suffix('')}.html" for f in files]


def notebook_pages():
    """The pages made from notebooks."""
    return [p for p in toc_pages() if (ROOT / p).with_suffix(".ipynb").is_file()]


def explorer_pages():
    """The pages whose notebook saved widget state (the explorers)."""
    return [p for p in notebook_pages()
            if json.loads((ROOT / p).with_suffix(".ipynb").read_text(encoding="utf8"))
            .get("metadata", {}).get("widgets")]


def why_not_runnable(site=True):
    """Why the browser tests cannot run here, or None when they can.

    site=False: for the tests that need only Chromium (the JavaScript engine's), not the
    built site.
    """
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (`make test` installs requirements.txt)"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM}; enable them with `apt-get install chromium`"
    if not site:
        return None
    if not (SITE / "index.html").is_file():
        return "no built site in _build/html; `make test` builds it (`make book`)"
    if not (SITE / "_static" / "mathjax" / "tex-mml-chtml.js").is_file():
        return (
            "the site in _build/html loads MathJax and the widget manager from CDNs "
            "(npm was missing when it was built); install npm and run `make book`"
        )
    return None


class Visit:
    """One page load, with all that the tests look at."""

    def __init__(self, path):
        self.path = path
        self.console_errors = []
        self.failed_requests = []
        self.blocked_requests = []
        self.widgets_rendered = True
        self.facts = {}
        self.violations = []
        self.narrow = None
        self.screenshot = None


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def serve(directory, handler=_QuietHandler):
    """The origin ("http://127.0.0.1:port") of directory, served from a background thread."""
    handler = functools.partial(handler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


# The JavaScript engine, from the installed package (so its package data is checked too).
ENGINE_JS = importlib.resources.files("backprop.explorers") / "static" / "engine.js"
BLANK_PAGE = b"<!doctype html><html lang='en'><title>engine.js</title></html>"


class _BlankPageHandler(_QuietHandler):
    """A blank page at /, the directory's files (engine.js) at their names."""

    def do_GET(self):
        if self.path != "/":
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(BLANK_PAGE)))
        self.end_headers()
        self.wfile.write(BLANK_PAGE)


@contextmanager
def engine_page(browser):
    """A blank page on 127.0.0.1, other origins blocked, with engine.js as window.engine."""
    with serve(ENGINE_JS.parent, _BlankPageHandler) as origin:
        blocked = []
        context, page = open_page(browser, origin, blocked)
        try:
            page.goto(f"{origin}/")
            page.evaluate("async () => { window.engine = await import('/engine.js'); }")
            yield page
            assert not blocked, f"the engine's page asked for other origins: {blocked}"
        finally:
            context.close()


def open_page(browser, origin, blocked, **context_options):
    """A new page whose context lets through only requests to `origin`."""
    context = browser.new_context(**context_options)

    def route(route):
        url = route.request.url
        if url == origin or url.startswith(origin + "/"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    return context, context.new_page()


def settle(page, visit):
    """Wait until MathJax has typeset, widgets have rendered and fonts have loaded."""
    page.evaluate(
        "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
        " ? MathJax.startup.promise.then(() => true) : true"
    )
    if page.locator(WIDGET_VIEWS).count():
        try:
            page.wait_for_function(
                """(selector) => [...document.querySelectorAll(selector)].every((view) => {
                     const area = view.previousElementSibling;
                     return area && area.classList.contains("widget-subarea")
                       && area.querySelector(".jupyter-widgets");
                   })""",
                arg=WIDGET_VIEWS,
                timeout=30_000,
            )
        except Exception:  # noqa: BLE001 - recorded, and reported by the widget test
            visit.widgets_rendered = False
        # Widget labels are typeset through MathJax's queue after they render.
        page.evaluate(
            "() => window.MathJax && MathJax.startup && MathJax.startup.promise"
            " ? MathJax.startup.promise.then(() => true) : true"
        )
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")


# What the tests read off a loaded page, in one pass.
FACTS_JS = r"""
() => {
  const article = document.querySelector("article.bd-article") || document.body;
  // Visible prose: the article without code, scripts and typeset math.
  const prose = article.cloneNode(true);
  prose.querySelectorAll("pre, code, script, style, mjx-container, .highlight, textarea")
    .forEach((el) => el.remove());
  const math = [...article.querySelectorAll(".math, .output.text_latex")];
  const views = [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')];
  const saved = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
  const state = saved ? JSON.parse(saved.textContent).state : {};
  const SLIDER = /SliderModel$/;
  const CONTROL = /(Slider|Dropdown|Button|Buttons|Checkbox|Text|Textarea|Select|Multiple|Play|Picker|Combobox)Model$/;
  // The model names of a widget and of every widget it refers to (children, links...).
  const modelNames = (id, seen) => {
    const model = state[id];
    if (!model || seen.has(id)) return [];
    seen.add(id);
    const refs = JSON.stringify(model.state).match(/IPY_MODEL_[0-9a-f]+/g) || [];
    return [model.model_name, ...refs.flatMap((ref) => modelNames(ref.slice(10), seen))];
  };
  return {
    theme: document.documentElement.dataset.theme,
    prose: prose.textContent,
    math_elements: math.length,
    math_untypeset: math.filter((el) => !el.querySelector("mjx-container"))
      .map((el) => el.outerHTML.slice(0, 200)),
    mjx_containers: article.querySelectorAll("mjx-container").length,
    mjx_errors: [...article.querySelectorAll("mjx-merror")].map((el) => el.getAttribute("data-mjx-error")),
    images: [...document.images].map((img) => ({
      src: img.currentSrc.slice(0, 120),
      complete: img.complete,
      naturalWidth: img.naturalWidth,
      alt: img.getAttribute("alt"),
      background: getComputedStyle(img).backgroundColor,
      filter: getComputedStyle(img).filter,
      inArticle: article.contains(img),
    })),
    widget_views: views.length,
    widgets: views.map((view) => {
      // What the saved state says the view holds, and what the page shows of it.
      const models = modelNames(JSON.parse(view.textContent).model_id, new Set());
      const area = view.previousElementSibling;
      const ok = area && area.classList.contains("widget-subarea");
      return {
        models: [...new Set(models)].join(" "),
        sliders_saved: models.filter((name) => SLIDER.test(name)).length,
        controls_saved: models.filter((name) => CONTROL.test(name)).length,
        rendered: Boolean(ok && area.querySelector(".jupyter-widgets")),
        classes: ok && area.firstElementChild ? [...area.firstElementChild.classList] : [],
        sliders: ok ? area.querySelectorAll(".widget-slider").length : 0,
        controls: ok ? area.querySelectorAll("input, select, button, textarea, .noUi-handle").length : 0,
      };
    }),
    downloads: [...document.querySelectorAll(".dropdown-download-buttons a")]
      .map((a) => ({href: a.getAttribute("href"), text: a.textContent.trim()})),
  };
}
"""


# At a phone's width: display equations wider than the article column, and whether each
# scrolls inside it (an ancestor within the column with overflow-x auto/scroll) or spills.
NARROW_JS = r"""
async () => {
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const article = document.querySelector("article.bd-article");
  if (!article) return {wide: 0, spilling: []};
  const column = article.getBoundingClientRect();
  const wide = [...article.querySelectorAll('mjx-container[display="true"]')].filter(
    (m) => (m.firstElementChild || m).getBoundingClientRect().width > column.width + 1);
  const scrolls = (m) => {
    for (let el = m; el && el !== article; el = el.parentElement) {
      const overflow = getComputedStyle(el).overflowX;
      if (overflow === "auto" || overflow === "scroll") {
        return el.getBoundingClientRect().right <= column.right + 1;
      }
    }
    return false;
  };
  return {
    wide: wide.length,
    spilling: wide.filter((m) => !scrolls(m)).map((m) => (m.getAttribute("aria-label")
      || m.textContent).slice(0, 80)),
  };
}
"""


def run_axe(page):
    """axe-core's violations on the page (RequireJS pages would swallow axe's UMD define)."""
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate("() => { window.__amd_define = window.define; window.define = undefined; }")
    page.evaluate(Axe().axe_script)
    page.evaluate("() => { window.define = window.__amd_define; }")
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return results["violations"]


def screenshot_name(path, suffix=""):
    return path.removesuffix(".html").replace("/", "-") + suffix + ".png"


