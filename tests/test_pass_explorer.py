"""The forward-and-backward-pass explorer, driven as a reader would drive it."""
import io
import re

import matplotlib
import pytest

from backprop import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, backward
from backprop.explorers.controls import RANGES
from backprop.display.diagram import draw_network
from backprop.display.figures import RC
from backprop.explorers.pass_explorer import (PassExplorer, PARTS, SECTIONS, TABLES, BARS,
                                              BAR_FORMATS, NEURONS, GRADIENTS, network_svg)
from backprop.display.svgchart import BAR_FORMAT, POSITIVE, NEGATIVE

# New values for every kind of given, all on the sliders' 0.01 grid.
MOVED = {"w1": -0.5, "w4": 1.25, "w5": -1.0, "w7": 2.0, "b1": -0.3, "b2": 0.9,
         "i1": 0.7, "i2": -0.4, "t1": 0.95, "t2": 0.2}


def expected(**moved):
    """backward() for the tutorial's network with some givens replaced, by tutorial name."""
    params = TUTORIAL_PARAMS.with_values(**{k: v for k, v in moved.items() if k[0] in "wb"})
    example = TUTORIAL_EXAMPLE.with_values(**{k: v for k, v in moved.items() if k[0] in "it"})
    return backward(params, example).as_dict()


def move(explorer, **values):
    with explorer.hold():
        for name, value in values.items():
            explorer.sliders[name].value = value


def bars(chart):
    """{label: (fill, top y, height, value text)} from a bar chart's SVG, and the zero line's y."""
    rects = re.findall(r'<rect x="[^"]+" y="([^"]+)" width="[^"]+" height="([^"]+)" '
                       r'fill="([^"]+)"/>\n<text [^>]+>([^<]+)</text>\n'
                       r'<text [^>]+>([^<]+)<', chart)
    zero = float(re.search(r'<line [^>]*y1="([^"]+)"', chart).group(1))
    return {label: (fill, float(y), float(h), text) for y, h, fill, text, label in rects}, zero


def shows_every_value(explorer, want):
    """The explorer's numbers are the engine's, exactly, and its widgets print them."""
    assert explorer.values == {k: want[k] for k in explorer.shown}
    for part in TABLES[explorer.part]:
        for row in SECTIONS[part][1]:
            for name in row:
                assert f"<code>{name}</code></td><td>{want[name]:.9f}<" in explorer.table.value
    for n in NEURONS:
        assert f"out_{n} = {want[f'out_{n}']:.4f}<" in explorer.diagram.value
    if explorer.part == "forward":  # chapter 2 comes before the error is defined
        assert ">E_total<" in explorer.diagram.value and explorer.total.value == ""
        assert "E_total" not in explorer.shown
    else:
        assert f"E_total = {want['E_total']:.4f}<" in explorer.diagram.value
        assert f"{want['E_total']:.9f}" in explorer.total.value
    if BARS[explorer.part]:
        shown, _ = bars(explorer.chart.value)
        assert {k: v[3] for k, v in shown.items()} == {
            k: BAR_FORMATS[explorer.part].format(want[k]) for k in BARS[explorer.part]}


@pytest.mark.parametrize("part", PARTS)
def test_default_state_is_the_tutorials(part):
    shows_every_value(PassExplorer(part), expected())


@pytest.mark.parametrize("part", PARTS)
def test_moving_sliders_shows_the_engines_numbers_for_the_new_givens(part):
    explorer = PassExplorer(part)
    before = explorer.diagram.value, explorer.table.value
    move(explorer, **MOVED)
    want = expected(**MOVED)
    shows_every_value(explorer, want)
    assert explorer.diagram.value != before[0] and explorer.table.value != before[1]
    for name in ("w5 = -1.00", "w7 = 2.00", "b1 = -0.30", "i2 = -0.40", "t1 = 0.95"):
        assert f">{name}<" in explorer.diagram.value


def test_each_part_shows_its_own_quantities():
    shown = {part: set(PassExplorer(part).shown) for part in PARTS}
    assert {"net_h1", "net_o2", "out_o1"} <= shown["forward"]
    assert {"E_o1", "E_o2", "E_total"} <= shown["error"]
    assert {"dout_o1_dnet_o1", "delta_o2", *GRADIENTS[4:]} <= shown["output-layer"]
    assert not {*GRADIENTS[:4], "delta_h1"} & shown["output-layer"]
    assert {"dE_dout_h1", "dE_dout_h2", "delta_h1", "delta_h2", *GRADIENTS[:4]} \
        <= shown["hidden-layer"]
    assert shown["all"] == set().union(*shown.values())


def test_neurons_carry_their_delta_in_the_backward_parts():
    want = expected()
    diagram = PassExplorer("hidden-layer").diagram.value
    for n in NEURONS:
        assert f">delta_{n} = {want[f'delta_{n}']:.4f}<" in diagram
    assert ">delta_h1" not in PassExplorer("output-layer").diagram.value
    assert ">net_h1 = 0.3775<" in PassExplorer("forward").diagram.value


def test_bars_follow_the_sign_of_the_gradients():
    explorer = PassExplorer("output-layer")
    shown, zero = bars(explorer.chart.value)
    fill, top, height, text = shown["dE_dw5"]
    assert fill == POSITIVE and top + height == pytest.approx(zero, abs=0.11)
    assert text.startswith("+") and height > 0
    assert shown["dE_dw7"][0] == NEGATIVE and shown["dE_dw7"][1] == pytest.approx(zero, abs=0.06)

    # A target above out_o1 turns delta_o1, and with it dE_dw5 and dE_dw6, negative.
    explorer.sliders["t1"].value = 1.0
    assert explorer.values["dE_dw5"] == expected(t1=1.0)["dE_dw5"] < 0
    shown, zero = bars(explorer.chart.value)
    for w in ("dE_dw5", "dE_dw6"):
        fill, top, height, text = shown[w]
        assert fill == NEGATIVE and top == pytest.approx(zero, abs=0.06) and height > 0
        assert text == BAR_FORMAT.format(explorer.values[w]) and text.startswith("-")


def test_error_part_charts_the_two_errors_and_forward_part_has_no_chart():
    explorer = PassExplorer("error")
    shown, _ = bars(explorer.chart.value)
    assert set(shown) == {"E_o1", "E_o2"}
    assert shown["E_o1"][3] == f"{explorer.values['E_o1']:.3g}"  # an error needs no sign
    assert shown["E_o1"][2] > shown["E_o2"][2]  # o1 is much further from its target
    forward = PassExplorer("forward")
    assert forward.chart not in forward.widget.children and forward.chart.value == ""


def test_reset_restores_the_tutorial_exactly():
    explorer = PassExplorer("all")
    fresh = PassExplorer("all")
    move(explorer, **MOVED)
    explorer.reset_button.click()
    assert {n: s.value for n, s in explorer.sliders.items()} == \
        {n: s.value for n, s in fresh.sliders.items()}
    assert explorer.values == fresh.values
    for widget in ("diagram", "table", "total", "chart"):
        assert getattr(explorer, widget).value == getattr(fresh, widget).value


def test_sliders_cover_exactly_the_accepted_ranges():
    explorer = PassExplorer("forward")
    assert set(explorer.sliders) == {*(f"w{k}" for k in range(1, 9)), "b1", "b2", "i1", "i2",
                                     "t1", "t2"}
    for name, s in explorer.sliders.items():
        assert (s.min, s.max) == RANGES[name[0]]
    explorer.sliders["w5"].value = 99
    explorer.sliders["t1"].value = -5
    assert explorer.sliders["w5"].value == 3.0 and explorer.sliders["t1"].value == 0.0
    assert explorer.values["out_o1"] == expected(w5=3.0, t1=0.0)["out_o1"]


@pytest.mark.parametrize("kwargs, message", [
    ({"part": "backward"}, "part must be one of 'forward', 'error', 'output-layer', "
                           "'hidden-layer', 'all'; got 'backward'"),
    ({"params": TUTORIAL_PARAMS.with_values(w3=3.5)}, r"w3 must lie in \[-3.0, 3.0\]"),
    ({"example": TUTORIAL_EXAMPLE.with_values(i2=-1.5)}, r"i2 must lie in \[-1.0, 1.0\]"),
    ({"params": TUTORIAL_PARAMS.with_values(b_o1=0.7)}, "b2 is not shared"),
])
def test_bad_options_raise_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        PassExplorer(**kwargs)


def test_constructor_givens_become_the_sliders_and_the_reset_point():
    params, example = TUTORIAL_PARAMS.with_values(w6=-0.75), TUTORIAL_EXAMPLE.with_values(t2=0.5)
    explorer = PassExplorer("hidden-layer", params, example)
    assert explorer.values == {k: v for k, v in backward(params, example).as_dict().items()
                               if k in explorer.shown}
    explorer.sliders["w6"].value = 0.0
    explorer.reset()
    assert explorer.sliders["w6"].value == -0.75 and explorer.sliders["t2"].value == 0.5


def text_positions(svg):
    """{text: (x or None, baseline y)} of matplotlib's SVG with fonts left as <text>."""
    found = {}
    for m in re.finditer(r'<text [^>]*?(?:x="([^"]+)" y="([^"]+)"|translate\(([^ ]+) ([^)]+)\))'
                         r'[^>]*>([^<]+)</text>', svg):
        x, y, _, ty, text = m.groups()
        found[text] = (float(x) if x else None, float(y or ty))
    return found


def test_overlay_puts_each_label_where_draw_network_does():
    """The live numbers sit on the very points where matplotlib sets the same labels."""
    explorer = PassExplorer("all")
    move(explorer, **MOVED)
    nodes = explorer.node_labels()
    fig = draw_network(explorer.params, explorer.example, node_labels=nodes)
    out = io.StringIO()
    with matplotlib.rc_context({**RC, "svg.fonttype": "none"}):
        fig.savefig(out, format="svg", metadata={"Date": None})  # uncropped, as the canvas
    theirs = text_positions(out.getvalue())
    ours = {text: (float(x), float(y)) for x, y, text in
            re.findall(r'<tspan x="([^"]+)" y="([^"]+)">([^<]+)</tspan>', explorer.diagram.value)}
    labels = [line for text in nodes.values() for line in text.split("\n")]
    assert len(ours) == len(labels) + 10  # and w1..w8, t1, t2 on the edges
    for text, (x, y) in ours.items():
        tx, ty = theirs[text.replace("&", "&amp;")]
        assert y == pytest.approx(ty, abs=0.01), text
        if tx is not None:  # matplotlib writes a multi-line label's x at its left end
            assert x == pytest.approx(tx, abs=0.01), text


def test_network_svg_is_one_accessible_svg_with_escaped_labels():
    svg = network_svg({"h1": "a < b\nc"}, {"w1": "w1 & more"}, alt='the "net"')
    assert svg.startswith("<svg ") and svg.endswith("</svg>") and svg.count("<svg") == 1
    assert 'role="img" aria-label="the &quot;net&quot;"' in svg
    assert ">a &lt; b</tspan>" in svg and ">w1 &amp; more</tspan>" in svg
    assert 'viewBox="0 0 576 263.' in svg and "<?xml" not in svg


def test_static_figure_is_the_full_diagram_and_the_chart_of_the_current_state():
    explorer = PassExplorer("output-layer")
    explorer.sliders["w5"].value = -1.0
    want = expected(w5=-1.0)
    page = explorer.figure()._repr_html_()
    alt = re.search(r'<img alt="([^"]*)"', page).group(1)
    assert "w5 = -1.00 (h1 to o1)" in alt
    assert f"out_o1 = {want['out_o1']:.4f}, delta_o1 = {want['delta_o1']:.4f}" in alt
    assert page.endswith(explorer.chart.value)
    assert f"dE_dw5 = {BAR_FORMAT.format(want['dE_dw5'])}" in explorer.describe()
    assert explorer.describe() == f"{explorer.describe_diagram()} {explorer.describe_chart()}"


def test_the_page_gets_every_slider_and_the_drawing_without_a_style_element():
    explorer = PassExplorer("hidden-layer")
    display = explorer.display
    assert display.controls == {**explorer.sliders, "reset": explorer.reset_button}
    data = display.data
    assert data["defaults"] == {n: s.value for n, s in explorer.sliders.items()}
    assert data["neurons"]["h1"] == ["out_h1", "delta_h1"]
    assert data["bars"] == list(GRADIENTS) and data["bar_format"] == BAR_FORMAT
    # matplotlib's <style> would be put back into the page with the drawing: inherited
    # attributes instead, and nothing the page redraws carries one.
    assert "<style" not in data["diagram"]["body"]
    assert 'stroke-linejoin="round" stroke-linecap="butt"' in data["diagram"]["attributes"]
    assert all("<style" not in x.value for x in (explorer.diagram, explorer.table,
                                                  explorer.total, explorer.chart))
    assert "pass_view.js" not in display._esm and "function render(" in display._esm
