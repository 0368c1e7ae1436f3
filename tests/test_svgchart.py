"""Error curves drawn straight to SVG: the same sampled points as the matplotlib curve."""
import re

import numpy as np
import pytest

from backprop.display.svgchart import (error_chart, bar_chart, LEFT, TOP, WIDTH, HEIGHT, RIGHT,
                                       BOTTOM, POSITIVE, NEGATIVE)
from backprop.display.error_histories import plot_indices


def points(svg, n=0):
    line = re.findall(r'points="([^"]+)"', svg)[n]
    return np.array([[float(v) for v in p.split(",")] for p in line.split()])


def test_curve_passes_through_each_sampled_error():
    errors = np.geomspace(1.0, 1e-4, 1001)
    xy = points(error_chart(errors))
    k = plot_indices(1000)
    assert len(xy) == len(k)
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    assert xy[:, 0] == pytest.approx(np.round(LEFT + w * k / 1000, 1), abs=0.051)
    decades = 4  # 10^-4 .. 10^0
    expected_y = TOP + h * (0 - np.log10(errors[k])) / decades
    assert xy[:, 1] == pytest.approx(np.round(expected_y, 1), abs=0.051)


def test_axis_shows_one_label_per_decade_with_superscripts():
    svg = error_chart(np.geomspace(0.3, 2e-5, 101))
    assert re.findall(r">10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)<", svg) == ["⁻⁵", "⁻⁴", "⁻³", "⁻²", "⁻¹", "⁰"]


def test_reference_is_drawn_behind_and_labelled():
    svg = error_chart({"run": np.geomspace(1, 0.1, 11)}, reference=np.geomspace(1, 0.01, 11),
                      reference_label="tutorial", alt='a "chart"')
    assert svg.index('stroke-width="5"') < svg.index('stroke-width="2"')
    assert ">tutorial</text>" in svg and ">run</text>" in svg
    assert 'aria-label="a &quot;chart&quot;"' in svg


def test_same_numbers_give_the_same_bytes():
    e = np.geomspace(0.3, 1e-5, 501)
    assert error_chart(e) == error_chart(e.copy())


def test_bad_history_is_refused():
    with pytest.raises(ValueError, match="errors must hold finite errors greater than 0"):
        error_chart([0.3, 0.0])


def bar_rects(svg):
    """(x, y, width, height, fill) of each bar (the first rect is the white page)."""
    return [(float(x), float(y), float(w), float(h), fill) for x, y, w, h, fill in
            re.findall(r'<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" '
                       r'fill="([^"]+)"/>', svg)]


def test_bars_grow_from_the_zero_line_in_proportion_and_colour_by_sign():
    svg = bar_chart({"a": 0.5, "b": -0.25, "c": 0.125}, alt="three bars")
    (_, ya, _, ha, fa), (_, yb, _, hb, fb), (_, yc, _, hc, fc) = bar_rects(svg)
    zero = float(re.search(r'<line [^>]*y1="([^"]+)"', svg).group(1))
    assert ya + ha == pytest.approx(zero, abs=0.11) and yb == pytest.approx(zero, abs=0.06)
    assert ha / hb == pytest.approx(2, rel=1e-2) and ha / hc == pytest.approx(4, rel=1e-2)
    assert (fa, fb, fc) == (POSITIVE, NEGATIVE, POSITIVE) and POSITIVE != NEGATIVE
    assert re.findall(r">([^<]+)</text>", svg) == ["+0.5", "a", "-0.25", "b", "+0.125", "c"]
    assert 'role="img" aria-label="three bars"' in svg


def test_bar_labels_use_the_given_format_and_zero_is_not_negative():
    svg = bar_chart({"x": -0.0, "y": 0.0}, fmt="{:+.2f}")
    assert re.findall(r">([^<]+)</text>", svg) == ["+0.00", "x", "+0.00", "y"]
    assert all(h == 0 and fill == POSITIVE for _, _, _, h, fill in bar_rects(svg))
    assert bar_chart({"g": 0.000438568}).count(">+0.000439<") == 1  # BAR_FORMAT


@pytest.mark.parametrize("values, message", [
    ({}, "values must hold at least one"),
    ({"a": float("nan")}, r"values\['a'\] must be a finite real number"),
    ({"a": "x"}, r"values\['a'\] must be a finite real number"),
])
def test_bad_bar_values_are_refused(values, message):
    with pytest.raises(ValueError, match=message):
        bar_chart(values)


def test_few_bars_stay_slim():
    (_, _, wide, _, _), _ = bar_rects(bar_chart({"E_o1": 0.27, "E_o2": 0.02}))
    (_, _, narrow, _, _), *_ = bar_rects(bar_chart({f"g{k}": 0.1 for k in range(8)}))
    assert wide == 72.0 and narrow == pytest.approx(0.6 * (WIDTH - 32) / 8, abs=0.05)
