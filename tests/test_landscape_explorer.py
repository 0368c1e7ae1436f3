"""The error-landscape explorer, driven as a reader would drive it."""
import base64
import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from matplotlib.colors import LogNorm, to_hex
from matplotlib.figure import Figure

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, forward, update
from backprop.explorers import landscape_explorer as le
from backprop.explorers.landscape_explorer import (LandscapeExplorer, MAX_UPDATES, descend,
                                                   landscape)

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def explorer():
    return LandscapeExplorer(updates=60)


def restricted_step(p, pair, eta):
    """One update of gradient descent on the pair only, from update() itself."""
    moved = update(p, TUTORIAL_EXAMPLE, eta, biases="shared")
    return p.with_values(**{name: getattr(moved, name) for name in pair})


def picture_svg(explorer):
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', explorer.picture.value)[1]
    return base64.b64decode(data).decode("utf-8")


@pytest.mark.parametrize("pair", [("w5", "b2"), ("w1", "w8"), ("b1", "w3")])
def test_grid_values_are_forward_passes(pair):
    xs, ys = np.linspace(-3, 3, 7), np.linspace(-2, 4, 5)
    E = landscape(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, pair, xs, ys)
    assert E.shape == (5, 7)
    for j, i in [(0, 0), (2, 3), (4, 6), (1, 5)]:
        p = TUTORIAL_PARAMS.with_values(**{pair[0]: xs[i], pair[1]: ys[j]})
        assert abs(E[j, i] - forward(p, TUTORIAL_EXAMPLE).E_total) < 1e-12


@pytest.mark.parametrize("pair, eta", [(("w5", "b2"), 0.5), (("b1", "w2"), 10.0)])
def test_path_starts_at_the_start_and_each_step_is_an_update(pair, eta):
    d = descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, pair, eta, 25)
    p = TUTORIAL_PARAMS
    assert tuple(d.points[0]) == (getattr(p, pair[0]), getattr(p, pair[1]))
    for k in range(26):
        assert tuple(d.points[k]) == (getattr(p, pair[0]), getattr(p, pair[1]))
        assert d.errors[k] == forward(p, TUTORIAL_EXAMPLE).E_total
        p = restricted_step(p, pair, eta) if k < 25 else p
    assert d.params == p  # the other eight never moved


def test_default_state_is_the_tutorials_network():
    e = LandscapeExplorer()
    assert e.pair == le.DEFAULT_PAIR and e.updates.value == le.DEFAULT_UPDATES
    expected = descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, le.DEFAULT_PAIR, TUTORIAL_ETA,
                       le.DEFAULT_UPDATES)
    assert np.array_equal(e.descent.points, expected.points)
    assert e.values["E_total"] == forward(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE).E_total
    assert e.values["E_after_500"] == expected.errors[-1]
    assert e.values["w5_after_500"] == expected.points[-1, 0]
    assert f"{expected.errors[-1]:.9f}" in e.numbers.value
    assert f"{expected.points[-1, 1]:.6f}" in e.numbers.value


def test_moving_a_held_slider_changes_the_landscape(explorer):
    before, svg = explorer.background, explorer.picture.value
    explorer.sliders["w1"].value = -2.0
    p = TUTORIAL_PARAMS.with_values(w1=-2.0)
    expected = descend(p, TUTORIAL_EXAMPLE, ("w5", "b2"), TUTORIAL_ETA, 60)
    assert explorer.background is not before and explorer.picture.value != svg
    assert np.array_equal(explorer.descent.points, expected.points)
    bg = explorer.background
    j, i = 10, le.GRID_POINTS - 3
    q = p.with_values(w5=bg.xs[i], b2=bg.ys[j])
    assert abs(bg.E[j, i] - forward(q, TUTORIAL_EXAMPLE).E_total) < 1e-12
    assert explorer.values["E_total_min"] == bg.E.min()
    assert f"{bg.E.max():.9f}" in explorer.numbers.value


def test_eta_and_start_move_only_the_path(explorer):
    before, svg = explorer.background, explorer.picture.value
    with explorer.hold():
        explorer.eta.value = 0.25
        explorer.sliders["w5"].value = 1.0  # a chosen parameter: the slice stays the same
    p = TUTORIAL_PARAMS.with_values(w5=1.0)
    expected = descend(p, TUTORIAL_EXAMPLE, ("w5", "b2"), 0.25, 60)
    assert explorer.background is before  # cached: the grid was not recomputed
    assert explorer.picture.value != svg
    assert np.array_equal(explorer.descent.errors, expected.errors)
    assert explorer.values["w5"] == 1.0 and explorer.values["E_after_60"] == expected.errors[-1]
    assert f"{expected.errors[-1]:.9f}" in explorer.numbers.value


def test_a_dropdown_redraws_grid_and_path(explorer):
    explorer.y.value = "w7"
    expected = descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, ("w5", "w7"), TUTORIAL_ETA, 60)
    assert np.array_equal(explorer.descent.points, expected.points)
    assert explorer.values["w7"] == TUTORIAL_PARAMS.w7 and "w5_after_60" in explorer.values
    assert "<code>w7</code>" in explorer.numbers.value
    assert "over w5 (horizontal axis" in explorer.describe() and "and w7 (vertical" in \
        explorer.describe()


def test_choosing_the_other_axis_parameter_swaps_the_axes(explorer):
    explorer.x.value = "b2"  # the vertical axis shows b2: the two trade places
    assert explorer.pair == ("b2", "w5")
    expected = descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, ("b2", "w5"), TUTORIAL_ETA, 60)
    assert np.array_equal(explorer.descent.points, expected.points)
    with pytest.raises(ValueError, match="two different parameters"):
        LandscapeExplorer(pair=("w5", "w5"))


def test_reset_restores_the_tutorial(explorer):
    default = explorer.descent.points.copy(), explorer.picture.value, explorer.numbers.value
    with explorer.hold():
        explorer.x.value, explorer.y.value = "b2", "w5"  # swapped
        explorer.sliders["b1"].value = 1.0
        explorer.eta.value = 5.0
        explorer.updates.value = 7
    explorer.reset_button.click()
    assert explorer.pair == ("w5", "b2") and explorer.sliders["b1"].value == TUTORIAL_PARAMS.b1
    assert explorer.eta.value == TUTORIAL_ETA and explorer.updates.value == 60
    assert np.array_equal(explorer.descent.points, default[0])
    assert (explorer.picture.value, explorer.numbers.value) == default[1:]


def test_slider_bounds_are_the_accepted_ranges(explorer):
    assert 10 ** explorer.eta.min == pytest.approx(0.01) and 10 ** explorer.eta.max == 10
    assert (explorer.updates.min, explorer.updates.max) == (1, MAX_UPDATES)
    assert tuple(explorer.x.options) == tuple(explorer.y.options) == le.PARAMETERS
    explorer.sliders["w1"].value = 99
    assert explorer.sliders["w1"].value == explorer.sliders["w1"].max == 3.0


@pytest.mark.parametrize("kwargs, message", [
    ({"eta": 50}, r"eta must lie in \[0.01, 10.0\]"),
    ({"updates": 0}, r"updates must be a whole number in \[1, 2000\]"),
    ({"updates": MAX_UPDATES + 1}, r"updates must be a whole number in \[1, 2000\]"),
    ({"pair": ("w5", "w9")}, r"pair\[1\] must be one of"),
    ({"pair": "w5"}, "pair must be two of"),
])
def test_bad_options_raise_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        LandscapeExplorer(**kwargs)


def test_window_holds_every_start_and_the_whole_path():
    d = descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, ("w5", "b2"), 10.0, 300)
    (x0, x1), (y0, y1) = le.window(("w5", "b2"), d.points)
    assert all(v == int(v) for v in (x0, x1, y0, y1))
    assert x0 <= min(-3, d.points[:, 0].min()) - le.PAD and x1 >= 3 + le.PAD
    assert y0 <= -3 - le.PAD and y1 >= max(3, d.points[:, 1].max()) + le.PAD


def drawn(bg):
    """The background's SVG as an XML tree, and its groups by id."""
    root = ET.fromstring(bg.svg)
    return root, {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}


def coordinates(d):
    """The (x, y) pairs of band path data written as M x,y x,y ... Z."""
    return [tuple(map(float, pair.split(","))) for pair in re.findall(r"[-\d.]+,[-\d.]+", d)]


def test_overlay_coordinates_match_the_drawn_axes(explorer):
    bg = explorer.background
    frame = drawn(bg)[1]["axes"].find(f"{SVG}rect")
    x, y, w, h = (float(frame.get(k)) for k in ("x", "y", "width", "height"))
    sx, sy = bg.to_svg([bg.xs[0], bg.xs[-1]], [bg.ys[0], bg.ys[-1]])
    # the grid's first corner is the frame's bottom left, its last the top right
    assert [round(v, 2) for v in (sx[0], sy[0], sx[1], sy[1])] == [x, round(y + h, 2),
                                                                   round(x + w, 2), y]
    assert (x, y, w, h) == (59.62, 14.98, 339.55, 258.33)


def test_landscape_is_drawn_as_matplotlib_would_draw_it():
    bg = LandscapeExplorer().background  # w5 from -6 to 4: ticks 2 apart
    root, groups = drawn(bg)
    assert (root.get("width"), root.get("height")) == ("518.4pt", "374.4pt") == tuple(
        f"{v}pt" for v in bg.size)
    low, high = bg.E.min(), bg.E.max()
    levels = np.geomspace(low, high, le.LEVELS + 1)
    contours = Figure().add_subplot().contourf(bg.xs, bg.ys, bg.E, levels=levels,
                                               norm=LogNorm(low, high), cmap=le.CMAP)
    colours = [to_hex(c) for c in contours.get_facecolor()]
    bands = groups["bands"].findall(f"{SVG}path")
    assert [p.get("fill") for p in bands] == colours and len(set(colours)) == le.LEVELS
    bar = groups["colorbar"]
    assert [r.get("fill") for r in bar.findall(f"{SVG}rect")] == colours + ["none"]
    texts = [t.text for t in bar.findall(f"{SVG}text")]
    assert texts == ["0.02", "0.05", "0.1", "0.2", "0.5", "E_total (log scale)"]
    assert texts[:-1] == [f"{t:.3g}" for t in le._ticks(low, high)]
    labels = [t.text for t in groups["axes"].findall(f"{SVG}text")]
    assert labels == ["\u22126", "\u22124", "\u22122", "0", "2", "4",
                      "\u22124", "\u22123", "\u22122", "\u22121", "0", "1", "2", "3", "4",
                      "w5  (h1 \u2192 o1)", "b2  (bias of o1 and o2)"]
    # The bands fill the frame (to the 0.1 they are rounded to) and no more.
    points = np.array([xy for p in bands for xy in coordinates(p.get("d"))])
    assert (points[:, 0].min(), points[:, 0].max()) == (59.6, 399.2)
    assert (points[:, 1].min(), points[:, 1].max()) == (15.0, 273.3)
    for path in root.iter(f"{SVG}path"):  # ticks and frames too: nothing leaves the page
        numbers = [float(v) for v in re.findall(r"-?[\d.]+", path.get("d"))]
        assert 0 <= min(numbers) and max(numbers) <= 518.4


def test_landscape_drawing_depends_only_on_the_numbers(explorer):
    svg = explorer.background.svg
    le.background.cache_clear()
    explorer.sliders["w1"].value = 1.0
    explorer.sliders["w1"].value = TUTORIAL_PARAMS.w1
    assert explorer.background.svg == svg


def test_static_figure_is_the_live_picture_with_computed_alt_text(explorer):
    image = explorer.figure()
    assert image._repr_html_() == explorer.picture.value
    d, bg = explorer.descent, explorer.background
    alt = explorer.describe()
    assert f'alt="{alt}"' in image._repr_html_()
    for number in (f"{bg.E.min():.6f}", f"{bg.E.max():.6f}", f"{d.errors[0]:.6f}",
                   f"{d.errors[-1]:.6f}"):
        assert number in alt
    svg = picture_svg(explorer)
    assert '<g id="descent">' in svg and svg.count("<circle") >= 60 // le.dot_step(60)


def test_alt_text_names_where_the_path_turns():
    e = LandscapeExplorer()  # w5 and b2: b2 first falls into the valley, then climbs it
    b2 = e.descent.points[:, 1]
    low = int(np.argmin(b2))
    assert 0 < low < len(b2) - 1
    assert le.turns(e.descent, "b2") == [low] and le.turns(e.descent, "w5") == []
    assert f"b2 turns back once, after update {low}" in e.describe()
    assert np.all(np.diff(e.descent.errors) < 0)
    assert le.error_trend(e.descent) == "the error falls at every update"
    assert e.describe().endswith("The error falls at every update.")


def test_a_too_large_step_zigzags_and_climbs():
    d = descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, ("w5", "b2"), 30.0, 50)
    rises = [k for k in range(50) if d.errors[k + 1] > d.errors[k]]
    assert le.rising_updates(d) == len(rises) > 0
    assert le.error_trend(d) == f"the error rises at {len(rises)} of the 50 updates"
    assert len(le.turns(d, "b2")) >= 2


def test_dots_come_every_1_2_5_times_a_power_of_ten():
    assert [le.dot_step(n) for n in (1, 40, 41, 81, 201, 500, 2000)] == [1, 1, 2, 5, 10, 20, 50]
    assert all(n / le.dot_step(n) <= le.MAX_DOTS for n in range(1, MAX_UPDATES + 1, 37))


def test_colour_bar_ticks_lie_in_the_range_and_read_exactly():
    assert le._ticks(0.013, 0.52) == [0.02, 0.05, 0.1, 0.2, 0.5]
    assert le._ticks(0.2165, 0.4999) == [0.25, 0.3, 0.35, 0.4, 0.45]
    narrow = le._ticks(0.2928, 0.3031)  # the slice over w1 and w2
    assert narrow == [0.294, 0.296, 0.298, 0.3, 0.302]
    assert [float(f"{t:.3g}") for t in narrow] == narrow  # each label names its tick


def test_path_rejects_bad_arguments():
    with pytest.raises(ValueError, match="eta must be a finite number greater than 0"):
        descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, ("w5", "w6"), 0, 10)
    with pytest.raises(ValueError, match="updates must be a whole number"):
        descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, ("w5", "w6"), 0.5, -1)
    start = descend(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, ("w5", "w6"), 0.5, 0)
    assert start.errors.tolist() == [forward(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE).E_total]


def test_absurd_typed_values_are_clamped_to_the_sliders_range(explorer):
    # A reader can type any number into a slider's readout; the slider clamps it, and the
    # path is redrawn with the clamped value instead of raising or running for hours.
    with explorer.hold():
        explorer.eta.value = 1e300
        explorer.updates.value = 10 ** 12
        explorer.sliders["b2"].value = 1e308
    assert (explorer.eta.value, explorer.updates.value, explorer.sliders["b2"].value) == (
        10.0, MAX_UPDATES, 3.0)
    assert len(explorer.descent.errors) == MAX_UPDATES + 1
    assert explorer.descent.points[0, 1] == 3.0 and explorer.descent.eta == 10.0
