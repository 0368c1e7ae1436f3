"""Every explorer fits its column, from a phone's width to a desktop's, and works by touch.

An explorer is found by its marker, the class controls.EXPLORER_CLASS on its root widget
(every controls.Explorer carries it). On every page whose notebook saved widget state,
in the light and the dark theme, at each width: no element of an explorer reaches out of
the column it sits in (the cell's output area), the explorer does not scroll sideways,
and the page does not either. At a phone's width its text is readable (contrast against
what it is drawn on), and every slider moves when tapped or dragged with a finger.
"""
import pytest

from backprop.explorers.controls import EXPLORER_CLASS

from sitecheck import HEIGHT, NARROW, PHONE, Visit, explorer_pages, open_page, settle

WIDTHS = (NARROW, PHONE, 768, 1024, 1280)
PAGES = explorer_pages()
SELECTOR = f".{EXPLORER_CLASS}"

# Two frames after a resize: layout is done and the live views have redrawn their charts.
FRAMES_JS = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"

# For each explorer: how wide it scrolls, and every element whose box leaves its column.
OVERFLOW_JS = r"""
(selector) => [...document.querySelectorAll(selector)].map((root) => {
  const column = (root.closest(".cell_output") || root.parentElement).getBoundingClientRect();
  const spilling = [];
  for (const el of [root, ...root.querySelectorAll("*")]) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // not rendered (hidden, <option>)
    if (box.left < column.left - 0.5 || box.right > column.right + 0.5) {
      const name = el.tagName.toLowerCase() + (el.classList.length ? "." + [...el.classList].join(".") : "");
      spilling.push(`${name} "${(el.textContent || "").trim().slice(0, 30)}" ` +
        `[${box.left.toFixed(0)}, ${box.right.toFixed(0)}] outside [${column.left.toFixed(0)}, ` +
        `${column.right.toFixed(0)}]`);
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, spilling};
})
"""

# Every piece of text in the explorers (HTML text and SVG <text>), and the run's line in a
# chart: its colour's contrast ratio against what it is drawn on (the nearest opaque
# background; in an SVG, the chart's own background rectangle).
CONTRAST_JS = r"""
(selector) => {
  const rgb = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => {
    const lin = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    const svg = el.closest("svg");
    const rect = svg && svg.querySelector(":scope > rect");
    if (rect) return rgb(getComputedStyle(rect).fill);
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const found = [];
  for (const root of document.querySelectorAll(selector)) {
    for (const el of root.querySelectorAll("*")) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || getComputedStyle(el).visibility === "hidden") continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const svgText = el.tagName === "text";
      if (!own && !(el.tagName === "polyline" && el.getAttribute("stroke-dasharray") !== null)) continue;
      const colour = rgb(svgText ? getComputedStyle(el).fill
        : el.tagName === "polyline" ? getComputedStyle(el).stroke : getComputedStyle(el).color);
      found.push({what: `${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 20)}"`,
                  text: own, ratio: ratio(colour.slice(0, 3), background(el))});
    }
  }
  return found;
}
"""

# A finger drag on the page (Chrome DevTools Protocol touch events), from (x0, y) to (x1, y).
STEPS = 8


def touch_drag(page, x0, x1, y):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x0, "y": y}]})
    for i in range(1, STEPS + 1):
        x = x0 + (x1 - x0) * i / STEPS
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def load(browser, origin, path, width, dark=False, touch=False):
    blocked = []
    context, page = open_page(browser, origin, blocked, viewport={"width": width, "height": HEIGHT},
                              color_scheme="dark" if dark else "light", has_touch=touch)
    page.goto(f"{origin}/{path}", wait_until="load")
    settle(page, Visit(path))
    page.evaluate(FRAMES_JS)
    return context, page, blocked


def test_the_explorer_pages_are_found():
    assert len(PAGES) >= 3, PAGES


@pytest.mark.parametrize("path", PAGES)
def test_every_widget_with_controls_is_a_marked_explorer(visit, path):
    """Widgets a reader moves are explorers, so that the tests here find them."""
    unmarked = [w for w in visit(path).facts["widgets"]
                if w["controls_saved"] and EXPLORER_CLASS not in w["classes"]]
    assert not unmarked, f"widget views with controls but no class {EXPLORER_CLASS}: {unmarked}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_explorers_fit_the_column_at_every_width(browser, origin, path, dark):
    context, page, blocked = load(browser, origin, path, WIDTHS[0], dark)
    try:
        assert page.evaluate("() => document.documentElement.dataset.theme") == ("dark" if dark else "light")
        problems = {}
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            page.evaluate(FRAMES_JS)
            page_scroll = page.evaluate("() => document.documentElement.scrollWidth")
            for number, explorer in enumerate(page.evaluate(OVERFLOW_JS, SELECTOR), 1):
                wide = explorer["scrollWidth"] > explorer["clientWidth"] + 1  # rounding
                if explorer["spilling"] or wide or page_scroll > width:
                    problems[f"{width}px, explorer {number}"] = {**explorer, "page_scrollWidth": page_scroll,
                                                                 "spilling": explorer["spilling"][:8]}
    finally:
        context.close()
    assert not blocked, blocked
    assert not problems, problems


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_explorer_text_is_readable_on_a_phone(browser, origin, path, dark):
    """WCAG AA: text 4.5:1 against its background, a chart's line 3:1."""
    context, page, _ = load(browser, origin, path, PHONE, dark)
    try:
        found = page.evaluate(CONTRAST_JS, SELECTOR)
    finally:
        context.close()
    faint = [f for f in found if f["ratio"] < (4.5 if f["text"] else 3)]
    assert not faint, faint[:10]


@pytest.mark.parametrize("path", PAGES)
def test_every_slider_moves_by_touch_on_a_phone(browser, origin, path):
    """A finger dragging a slider's handle, then a tap on its track, each move it."""
    context, page, _ = load(browser, origin, path, PHONE, dark=True, touch=True)
    try:
        handles = page.locator(f"{SELECTOR} .noUi-handle")
        for i in range(handles.count()):
            handle = handles.nth(i)
            name = handle.get_attribute("aria-label")
            track = handle.locator("xpath=ancestor::*[contains(@class, 'noUi-target')][1]")
            track.scroll_into_view_if_needed()
            box = track.bounding_box()
            y = box["y"] + box["height"] / 2
            # Drag to a quarter of the way in from the end farther from the handle...
            hb = handle.bounding_box()
            far_left = hb["x"] + hb["width"] / 2 > box["x"] + box["width"] / 2
            quarter, other = (0.25, 0.75) if far_left else (0.75, 0.25)
            start = handle.get_attribute("aria-valuenow")
            touch_drag(page, hb["x"] + hb["width"] / 2, box["x"] + box["width"] * quarter, y)
            page.evaluate(FRAMES_JS)
            dragged = handle.get_attribute("aria-valuenow")
            assert dragged != start, f"slider {name}: a drag did not move it"
            # ...then tap a quarter in from the other end (a single tap: the drag was none).
            page.touchscreen.tap(box["x"] + box["width"] * other, y)
            page.evaluate(FRAMES_JS)
            assert handle.get_attribute("aria-valuenow") != dragged, f"slider {name}: a tap did not move it"
    finally:
        context.close()
