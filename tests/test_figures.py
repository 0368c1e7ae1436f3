"""Figures as the book shows them: SVG in an <img> whose alt text is computed."""
import base64
import re

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE
from backprop.diagram import draw_network, describe_network
from backprop.figures import Image


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
