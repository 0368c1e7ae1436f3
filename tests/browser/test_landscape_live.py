"""Chapter 6b's landscape explorer on the built site computes in the page, with no kernel.

Every control is moved as a reader moves it (a slider's handle focused and ArrowRight
pressed, an axis chosen in its dropdown, the reset button clicked). After each move the
page must show what the Python explorer shows for the controls' new values: its table
and alt text word for word; the path, its dots and markers to the tenth of a unit the SVG
is written in; the axes' and colour bar's labels and colours exactly; and on the canvas,
at every grid point whose neighbourhood lies in one band, that band's colour. Then at
phone to desktop widths, light and dark, nothing reaches past the column and the map
scales to it.
"""
import json
import re
from xml.etree import ElementTree

import numpy as np
import pytest

from backprop import PARAMETERS, Params
from backprop.explorers import landscape_explorer as lx

from livecheck import (SPILL_JS, TABLES_JS, WIDTHS, arrow_right, changed_controls, open_explorer,
                       page_tables)
from sitecheck import SCREENSHOTS, WIDTH

PAGE = "book/06b_learning_rate.html"
LIVE = ".backprop-landscape-live"
SLIDERS = [*PARAMETERS, "eta", "updates"]
SVG = "{http://www.w3.org/2000/svg}"

# The colours of the canvas's pixels at [[x, y], ...], as "#rrggbb" (or "" if not opaque).
PIXELS_JS = """([live, points]) => {
  const canvas = live.querySelector("canvas");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  return points.map(([x, y]) => {
    const at = 4 * (y * canvas.width + x);
    return data[at + 3] === 255 ? "#" + [0, 1, 2].map((c) => data[at + c].toString(16)
      .padStart(2, "0")).join("") : "";
  });
}"""

# What the page draws: the SVG's groups, the figure's alt text, the table, the canvas.
SHOWN_JS = """(live) => {
  const svg = live.querySelector("svg"), canvas = live.querySelector("canvas");
  const image = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
  let checksum = 0;  // of the pixels, to tell a repainted canvas
  image.data.forEach((v, i) => { checksum = (checksum * 31 + v + i) % 2147483647; });
  return {
    state: JSON.parse(live.dataset.state), draws: +live.dataset.draws,
    svg: svg.innerHTML, alt: live.querySelector("[role=img]").getAttribute("aria-label"),
    error: live.querySelector(".backprop-live-error").hidden ? ""
      : live.querySelector(".backprop-live-error").textContent,
    canvas: {width: canvas.width, height: canvas.height, checksum},
  };
}"""


@pytest.fixture(scope="module")
def explorer(browser, origin):
    """(page, the explorer's root locator, console errors, blocked requests)."""
    context, page, errors, blocked = open_explorer(browser, origin, PAGE,
                                                   f"{LIVE}[data-draws]", WIDTH)
    root = page.locator(".widget-subarea").filter(has=page.locator(LIVE))
    yield page, root, errors, blocked
    context.close()


def shown(root):
    live = root.locator(LIVE)
    return {**live.evaluate(SHOWN_JS), "tables": live.evaluate(TABLES_JS)}


def python_explorer(state):
    p = state["params"]
    return lx.LandscapeExplorer(params=Params.layered(*(p[n] for n in PARAMETERS)),
                                pair=(state["x"], state["y"]), eta=state["eta"],
                                updates=state["updates"])


def groups(svg_text):
    """{group id: its elements as (tag, attributes, text)}, from SVG text."""
    root = ElementTree.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{svg_text}</svg>'
                                  if not svg_text.startswith("<svg") else svg_text)
    return {g.get("id"): [(e.tag.removeprefix(SVG), dict(e.attrib), e.text) for e in g]
            for g in root.iter(f"{SVG}g")}


NUMBER = re.compile(r"-?\d+\.?\d*")


def close(page_elements, python_elements):
    """The same elements, with the same attributes, numbers within 0.1 (the SVG's tenths;
    a value on a tie may round the other way)."""
    assert len(page_elements) == len(python_elements)
    for (tag, attrs, text), (tag2, attrs2, text2) in zip(page_elements, python_elements):
        assert (tag, sorted(attrs), text) == (tag2, sorted(attrs2), text2)
        for name, value in attrs.items():
            ours, theirs = NUMBER.findall(value), NUMBER.findall(attrs2[name])
            assert NUMBER.sub("#", value) == NUMBER.sub("#", attrs2[name])
            assert all(abs(float(a) - float(b)) <= 0.1 + 1e-9 for a, b in zip(ours, theirs))


def band_colours_at_grid_points(bg):
    """{(i, j): colour} at the grid points whose value and eight neighbours' lie in one
    band: there any interpolation the canvas makes shows that band."""
    edges = np.geomspace(bg.E.min(), max(bg.E.max(), bg.E.min() * (1 + 1e-9)), lx.LEVELS + 1)
    colours = lx._colours(edges)
    band = np.searchsorted(edges[1:-1], bg.E, side="right")
    found = {}
    for j in range(1, band.shape[0] - 1):
        for i in range(1, band.shape[1] - 1):
            if np.all(band[j - 1:j + 2, i - 1:i + 2] == band[j, i]):
                found[i, j] = colours[band[j, i]]
    return found


def check_against_python(page, now):
    expected = python_explorer(now["state"])
    assert now["error"] == ""
    assert now["tables"] == page_tables(page, expected.numbers.value)
    assert now["alt"] == expected.describe()
    ours, theirs = groups(now["svg"]), groups(lx.compose(expected.background,
                                                         expected.descent).decode())
    assert ours["axes"] == theirs["axes"] and ours["colorbar"] == theirs["colorbar"]
    close(ours["descent"], theirs["descent"])
    bg, canvas = expected.background, now["canvas"]
    W, H, n = canvas["width"], canvas["height"], len(bg.xs) - 1
    points = band_colours_at_grid_points(bg)
    assert len(points) > 100
    pixels = [[min(int(i / n * W), W - 1), min(int((1 - j / n) * H), H - 1)] for i, j in points]
    live = page.locator(LIVE).element_handle()
    assert page.evaluate(PIXELS_JS, [live, pixels]) == list(points.values())


def move(page, root, action):
    """Do action(), wait for the display to redraw, and return what it showed before and
    shows now."""
    before = shown(root)
    action()
    page.wait_for_function(f"(n) => +document.querySelector('{LIVE}').dataset.draws > n",
                           arg=before["draws"], timeout=10_000)
    return before, shown(root)


def test_the_starting_state_is_the_notebooks(explorer):
    page, root, errors, blocked = explorer
    now = shown(root)
    default = lx.LandscapeExplorer()
    assert (now["state"]["x"], now["state"]["y"]) == lx.DEFAULT_PAIR
    assert now["state"]["updates"] == lx.DEFAULT_UPDATES
    assert now["state"]["params"] == {n: s.value for n, s in default.sliders.items()}
    check_against_python(page, now)
    assert not errors and not blocked


@pytest.mark.parametrize("name", SLIDERS)
def test_every_slider_redraws_in_the_page(explorer, name):
    page, root, errors, blocked = explorer
    handle = root.get_by_role("slider", name=name, exact=True)
    before, now = move(page, root, arrow_right(page, handle))
    assert changed_controls(before["state"], now["state"]) == {name}
    assert now["alt"] != before["alt"] and now["svg"] != before["svg"], "not redrawn"
    check_against_python(page, now)
    assert not errors and not blocked


@pytest.mark.parametrize("axis, label, value, expected", [
    ("x", "across", "w1", ("w1", "b2")),
    ("y", "up", "w6", ("w1", "w6")),
    ("x", "across", "w6", ("w6", "w1")),  # the other axis's parameter: the two swap
])
def test_every_axis_choice_redraws_the_map_in_the_page(explorer, axis, label, value, expected):
    page, root, errors, blocked = explorer
    select = root.locator(".widget-dropdown").filter(has_text=label).locator("select")
    before, now = move(page, root, lambda: select.select_option(value))
    assert (now["state"]["x"], now["state"]["y"]) == expected
    assert now["canvas"]["checksum"] != before["canvas"]["checksum"], "the map was not repainted"
    check_against_python(page, now)
    assert not errors and not blocked


def test_reset_returns_to_the_tutorial_in_the_page(explorer):
    page, root, errors, blocked = explorer
    button = root.get_by_role("button", name="Reset to the tutorial")
    _, now = move(page, root, button.click)
    default = lx.LandscapeExplorer()
    assert now["state"] == {
        "params": {n: s.value for n, s in default.sliders.items()},
        "x": default.x.value, "y": default.y.value, "eta": default.eta.value,
        "updates": default.updates.value}
    check_against_python(page, now)
    assert not errors and not blocked


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_explorer_fits_the_column_and_its_map_scales(browser, origin, width, dark):
    context, page, errors, blocked = open_explorer(browser, origin, PAGE,
                                                   f"{LIVE}[data-draws]", width, dark)
    try:
        root = page.locator(".widget-subarea").filter(has=page.locator(LIVE))
        assert root.evaluate(SPILL_JS) == []
        figure = root.locator(f"{LIVE} [role=img]").bounding_box()
        column = root.locator(LIVE).bounding_box()
        # As wide as the column allows, up to the figure's own 518.4 pt (691.2 px).
        assert figure["width"] == pytest.approx(min(column["width"], 691.2), abs=1)
        svg = root.locator(f"{LIVE} svg").bounding_box()
        assert svg["height"] == pytest.approx(svg["width"] * 374.4 / 518.4, abs=1)
        if (width, dark) in ((390, True), (1280, False)):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = f"landscape-{width}-{'dark' if dark else 'light'}"
            root.screenshot(path=str(SCREENSHOTS / f"{name}-before.png"))
            select = root.locator(".widget-dropdown").filter(has_text="up").locator("select")
            select.select_option("w6")
            page.wait_for_function(f"() => +document.querySelector('{LIVE}').dataset.draws > 1")
            root.locator(LIVE).scroll_into_view_if_needed()
            root.screenshot(path=str(SCREENSHOTS / f"{name}-after.png"))
            assert root.evaluate(SPILL_JS) == []
        assert not errors and not blocked
    finally:
        context.close()
