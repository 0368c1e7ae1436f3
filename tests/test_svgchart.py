"""Error curves drawn straight to SVG: the same sampled points as the matplotlib curve."""
import re

import numpy as np
import pytest

from backprop.svgchart import error_chart, LEFT, TOP, WIDTH, HEIGHT, RIGHT, BOTTOM
from backprop.training_plots import plot_indices


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
