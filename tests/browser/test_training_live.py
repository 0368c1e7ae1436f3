"""Chapter 6's training explorer on the built site computes in the page, with no kernel.

Every control is moved as a reader moves it (a slider's handle focused and ArrowRight
pressed, a dropdown's option chosen, the reset button clicked), and after each move the
page's tables must read exactly what the Python explorer shows for the controls' new
values, its chart's curve must be Python's (to the tenth of a pixel the SVG is written
in) with Python's alt text, and the chart must have been redrawn.
"""
import html
import json
import re

import pytest

from backprop import PARAMETERS, Params
from backprop.explorers.training_explorer import TrainingExplorer

from livecheck import TABLES_JS, arrow_right, changed_controls
from sitecheck import HEIGHT, PHONE, WIDTH, Visit, open_page, settle

PAGE = "book/06_training.html"
LIVE = ".backprop-training-live"
SLIDERS = [*PARAMETERS, "eta", "updates"]
DROPDOWNS = {"biases": "per-neuron", "hidden deltas": "updated"}


@pytest.fixture(scope="module")
def explorer(browser, origin):
    """(page, the explorer's root locator, console errors, blocked requests)."""
    blocked, errors = [], []
    context, page = open_page(browser, origin, blocked,
                              viewport={"width": WIDTH, "height": HEIGHT})
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.goto(f"{origin}/{PAGE}", wait_until="load")
    settle(page, Visit(PAGE))
    page.wait_for_selector(f"{LIVE}[data-draws]", timeout=30_000)
    root = page.locator(".widget-subarea").filter(has=page.locator(LIVE))
    yield page, root, errors, blocked
    context.close()


def draws(root):
    return int(root.locator(LIVE).get_attribute("data-draws"))


def shown(root):
    """What the page shows: the controls' values, the tables, the chart's curve and alt."""
    live = root.locator(LIVE)
    svg = live.locator("svg")
    return {
        "state": json.loads(live.get_attribute("data-state")),
        "tables": live.evaluate(TABLES_JS),
        "run": svg.locator("polyline").nth(1).get_attribute("points"),
        "alt": svg.get_attribute("aria-label"),
        "error": live.locator(".backprop-live-error").evaluate("(p) => p.hidden ? '' : p.textContent"),
    }


def python_explorer(state):
    p = state["params"]
    return TrainingExplorer(params=Params.layered(*(p[n] for n in PARAMETERS)),
                            eta=state["eta"], updates=state["updates"],
                            biases=state["biases"], hidden_deltas=state["hidden_deltas"])


def points(text):
    return [tuple(map(float, xy.split(","))) for xy in text.split()]


def check_against_python(page, shown_now, chart=True):
    """The page's tables and alt text are Python's; with chart, its curve too (at the
    chart's full width: a narrower column draws it narrower)."""
    expected = python_explorer(shown_now["state"])
    assert shown_now["error"] == ""
    tables = page.evaluate(
        "(html) => { const d = document.createElement('div'); d.innerHTML = html;"
        f" return ({TABLES_JS})(d); }}",
        expected.outputs.value + expected.parameters.value)
    assert shown_now["tables"] == tables
    svg = expected.chart.value
    assert shown_now["alt"] == html.unescape(re.search(r'aria-label="([^"]*)"', svg)[1])
    if not chart:
        return
    run = points(re.findall(r'points="([^"]*)"', svg)[1])
    page_run = points(shown_now["run"])
    assert len(page_run) == len(run)
    # The SVG holds tenths of a pixel; a value on a tie may round the other way.
    assert all(abs(a - b) <= 0.1 + 1e-9 for p, q in zip(page_run, run) for a, b in zip(p, q))


def move(page, root, action):
    """Do action(), wait for the display to redraw, and return what it shows."""
    before = draws(root), shown(root)["run"]
    action()
    page.wait_for_function(f"(n) => +document.querySelector('{LIVE}').dataset.draws > n",
                           arg=before[0], timeout=10_000)
    now = shown(root)
    return before[1], now


def test_the_starting_state_is_the_tutorials_run(explorer):
    page, root, errors, blocked = explorer
    now = shown(root)
    assert now["state"]["updates"] == 10_000 and now["state"]["biases"] == "frozen"
    check_against_python(page, now)
    assert not errors and not blocked


@pytest.mark.parametrize("name", SLIDERS)
def test_every_slider_retrains_in_the_page(explorer, name):
    page, root, errors, blocked = explorer
    handle = root.get_by_role("slider", name=name, exact=True)
    old_state = shown(root)["state"]
    old_run, now = move(page, root, arrow_right(page, handle))
    assert changed_controls(old_state, now["state"]) == {name}
    assert now["run"] != old_run, "the chart was not redrawn"
    check_against_python(page, now)
    assert not errors and not blocked


@pytest.mark.parametrize("label", DROPDOWNS)
def test_every_dropdown_retrains_in_the_page(explorer, label):
    page, root, errors, blocked = explorer
    select = root.locator(".widget-dropdown").filter(has_text=label).locator("select")
    old_run, now = move(page, root, lambda: select.select_option(DROPDOWNS[label]))
    assert now["state"][label.replace(" ", "_")] == DROPDOWNS[label]
    assert now["run"] != old_run, "the chart was not redrawn"
    check_against_python(page, now)
    assert not errors and not blocked


def test_reset_returns_to_the_tutorial_in_the_page(explorer):
    page, root, errors, blocked = explorer
    button = root.get_by_role("button", name="Reset to the tutorial")
    _, now = move(page, root, button.click)
    default = TrainingExplorer()
    assert now["state"] == {
        "params": {n: s.value for n, s in default.sliders.items()}, "eta": default.eta.value,
        "updates": default.updates.value, "biases": "frozen", "hidden_deltas": "original"}
    check_against_python(page, now)
    assert not errors and not blocked


def test_twins_button_makes_the_hidden_neurons_twins_in_the_page(explorer):
    page, root, errors, blocked = explorer
    button = root.get_by_role("button", name="Make h1 and h2 twins")
    _, now = move(page, root, button.click)
    p = now["state"]["params"]
    assert [p[n] for n in ("w3", "w4", "w6", "w8")] == [p[n] for n in ("w1", "w2", "w5", "w7")]
    check_against_python(page, now)
    # They train as twins: each trained pair reads the same in the parameters table.
    trained = {row[i]: row[i + 1] for row in now["tables"][1][1:] for i in (0, 2) if row[i]}
    assert [trained[n] for n in ("w1", "w2", "w5", "w7")] == \
        [trained[n] for n in ("w3", "w4", "w6", "w8")]
    assert not errors and not blocked


def test_a_tap_retrains_on_a_phone_in_the_dark(browser, origin):
    """At a phone's width the chart is as wide as the column, its text at full size (one
    SVG unit a pixel), and a finger's tap on a slider's track retrains in the page."""
    blocked = []
    context, page = open_page(browser, origin, blocked, viewport={"width": PHONE, "height": HEIGHT},
                              color_scheme="dark", has_touch=True)
    try:
        page.goto(f"{origin}/{PAGE}", wait_until="load")
        settle(page, Visit(PAGE))
        page.wait_for_selector(f"{LIVE}[data-draws]", timeout=30_000)
        root = page.locator(".widget-subarea").filter(has=page.locator(LIVE))
        svg = root.locator(f"{LIVE} svg")
        column = root.locator(LIVE).evaluate("(el) => el.clientWidth")
        view_width = float(svg.get_attribute("viewBox").split()[2])
        assert view_width == column < WIDTH / 2
        assert svg.bounding_box()["width"] == view_width
        track = root.get_by_role("slider", name="w5", exact=True).locator(
            "xpath=ancestor::*[contains(@class, 'noUi-target')][1]")
        track.scroll_into_view_if_needed()
        box = track.bounding_box()
        old_run, now = move(page, root, lambda: page.touchscreen.tap(
            box["x"] + 0.9 * box["width"], box["y"] + box["height"] / 2))
        assert now["state"]["params"]["w5"] > TrainingExplorer().sliders["w5"].value
        assert now["run"] != old_run, "the chart was not redrawn"
        check_against_python(page, now, chart=False)
    finally:
        context.close()
    assert not blocked, blocked
