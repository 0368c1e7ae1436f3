"""Figures as the book shows them: SVG in an <img> whose alt text is computed."""
import base64
import re

import pytest

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE
from backprop.display import figures
from backprop.display.diagram import draw_network, describe_network
from backprop.display.figures import GRID, Image, chart


def test_image_embeds_the_svg_with_computed_alt_text():
    alt = describe_network(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)
    html = Image(draw_network(), alt)._repr_html_()
    assert 'alt="Diagram of a neural network' in html and "w5 = 0.40 (h1 to o1)" in html
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    svg = base64.b64decode(data)
    assert svg.startswith(b"<?xml") and b"<dc:date>" not in svg


def test_alt_text_is_escaped_for_html():
    html = Image(draw_network(), 'a "quoted" <b>')._repr_html_()
    assert 'alt="a &quot;quoted&quot; &lt;b&gt;"' in html


def test_chart_is_white_with_its_grid_below_the_data():
    fig, ax = chart((4, 3), xscale="log", grid="y")
    assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0) == ax.get_facecolor()
    assert (ax.get_xscale(), ax.get_yscale()) == ("log", "linear")
    assert ax.get_axisbelow() is True
    assert all(line.get_visible() for line in ax.yaxis.get_gridlines())
    assert not any(line.get_visible() for line in ax.xaxis.get_gridlines())
    assert ax.yaxis.get_gridlines()[0].get_color() == GRID


@pytest.mark.parametrize("option, value", [("xscale", "logit"), ("yscale", "LOG"),
                                           ("grid", "major")])
def test_chart_refuses_unknown_options_by_name(option, value):
    with pytest.raises(ValueError, match=f"^{option} must be one of"):
        chart((4, 3), **{option: value})


def test_svg_coordinates_keep_a_hundredth_of_a_point():
    svg = (b'<svg viewBox="0 0 205.045597 142.28"><path d="M 37.712216 118.08 L -0.001 7.2049"/>'
           b'<use x="12.345678" y="3" style="stroke-width: 0.8125"/></svg>')
    assert figures.visible_digits(svg) == (
        b'<svg viewBox="0 0 205.05 142.28"><path d="M 37.71 118.08 L 0 7.2"/>'
        b'<use x="12.35" y="3" style="stroke-width: 0.8125"/></svg>')


def test_a_last_bit_difference_leaves_the_saved_figure_unchanged():
    import io
    svgs = []
    for y in (0.1, 0.1 + 2 ** -56):
        fig, ax = figures.chart((3, 2))
        ax.plot([0, 1, 2], [y, 0.3, 0.2])
        buffer = io.BytesIO()
        figures.save_svg(fig, buffer)
        svgs.append(buffer.getvalue())
    assert svgs[0] == svgs[1]
