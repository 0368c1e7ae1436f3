"""What the live-explorer tests share: a page with an explorer, and whether it fits."""
from sitecheck import HEIGHT, Visit, open_page, settle

# The cells of every table in an element, as text: [[[cell, ...], ...], ...].
TABLES_JS = """(el) => [...el.querySelectorAll("table")].map((t) =>
  [...t.rows].map((r) => [...r.cells].map((c) => c.textContent)))"""

# Widths the explorers must fit, in CSS pixels: phones to a desktop.
WIDTHS = (360, 390, 768, 1280)

# Whatever in el reaches past the article's column (its right edge, in CSS pixels), unless
# it scrolls sideways inside a box of its own that fits (a widget box, which scrolls the
# whole explorer, does not count): each as "tag.class: right edge"; [] when el fits.
SPILL_JS = """(el) => {
  const column = document.querySelector("article.bd-article").getBoundingClientRect();
  const spills = (e) => e.getBoundingClientRect().right > column.right + 1;
  const scrolls = (e) => {
    for (let box = e.parentElement; box && box !== el.parentElement; box = box.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(box).overflowX)
          && !box.classList.contains("jupyter-widgets")) return !spills(box);
    }
    return false;
  };
  return [el, ...el.querySelectorAll("*")]
    .filter((e) => e.getClientRects().length && spills(e) && !scrolls(e))
    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}: ` +
                `${e.getBoundingClientRect().right.toFixed(0)} > ${column.right.toFixed(0)}`);
}"""


def open_explorer(browser, origin, path, ready, width, dark=False):
    """(context, page, console errors, blocked requests), path loaded at width, once
    the selector `ready` is on the page."""
    blocked, errors = [], []
    context, page = open_page(browser, origin, blocked,
                              viewport={"width": width, "height": HEIGHT},
                              color_scheme="dark" if dark else "light")
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.goto(f"{origin}/{path}", wait_until="load")
    settle(page, Visit(path))
    page.wait_for_selector(ready, timeout=30_000)
    return context, page, errors, blocked


def page_tables(page, html):
    """The cells of the tables in an HTML string, read by the page as it reads its own."""
    return page.evaluate(
        "(html) => { const d = document.createElement('div'); d.innerHTML = html;"
        f" return ({TABLES_JS})(d); }}", html)


def arrow_right(page, handle):
    """A reader's move of a slider: its handle focused and ArrowRight pressed."""
    def press():
        handle.focus()
        page.keyboard.press("ArrowRight")
    return press


def changed_controls(old, new):
    """The names whose values differ between two states {params, eta, updates, ...}."""
    changed = {k for k in ("eta", "updates") if new[k] != old[k]}
    return changed | {k for k, v in new["params"].items() if v != old["params"][k]}
