"""Chapters 2 and 3: the worked arithmetic, the logistic curve and the error parabolas."""
import math

import matplotlib
import pytest
import sympy as sp
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba

from backprop import PUBLISHED, TUTORIAL_EXAMPLE as EX, TUTORIAL_PARAMS as P, backward, forward
from backprop.chapters import ch02_03_neurons as NP
from backprop.derive import symbolic as S
from backprop.display.diagram import draw_network
from backprop.display.figures import RC, save_svg

from helpers import WHITE, artist, svg


def lines(latex):
    """The lines of an aligned block, without the alignment marks."""
    body = latex.split("\n")[1:-1]
    return [line.rstrip(" \\").replace("&", "").strip() for line in body]


def texts(fig):
    """Every text a figure draws, legends and annotations included; of the tick labels only
    those of ticks inside the axes' limits, as only those are drawn."""
    hidden = set()
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            hidden |= {id(label) for tick in axis.get_major_ticks()
                       if not lo <= tick.get_loc() <= hi
                       for label in (tick.label1, tick.label2)}
    return [t for t in fig.findobj(matplotlib.text.Text)
            if t.get_text() and t.get_visible() and id(t) not in hidden]


# --- worked -----------------------------------------------------------------------------

def test_worked_net_h1_reads_like_the_tutorial_with_its_numbers():
    assert lines(NP.worked("net_h1")) == [
        "net_{h1} = w_{1} i_{1} + w_{2} i_{2} + b_{1}",
        r"= 0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35",
        "= 0.3775",
    ]


def test_worked_out_o1_shows_the_logistic_formula_and_the_published_digits():
    assert lines(NP.worked("out_o1")) == [
        r"out_{o1} = \sigma{\left(net_{o1} \right)} = \frac{1}{1 + e^{- net_{o1}}}",
        r"= \frac{1}{1 + e^{- 1.105905967}}",
        "= 0.75136507",
    ]


def test_worked_net_o1_puts_in_the_hidden_outputs_to_nine_decimals():
    assert lines(NP.worked("net_o1"))[1] == \
        r"= 0.4 \cdot 0.593269992 + 0.45 \cdot 0.596884378 + 0.6"


def test_worked_errors_use_the_half_and_the_targets():
    assert lines(NP.worked(("E_o1", "E_total"))) == [
        r"E_{o1} = \frac{\left(t_{1} - out_{o1}\right)^{2}}{2}",
        r"= \frac{\left(0.01 - 0.75136507\right)^{2}}{2}",
        "= 0.274811083",
        r"E_{total} = \frac{\left(t_{1} - out_{o1}\right)^{2}}{2} + "
        r"\frac{\left(t_{2} - out_{o2}\right)^{2}}{2}",
        r"= \frac{\left(0.01 - 0.75136507\right)^{2}}{2} + "
        r"\frac{\left(0.99 - 0.772928465\right)^{2}}{2}",
        "= 0.298371109",
    ]


@pytest.mark.parametrize("name", [k for k in NP.WORKED if k in PUBLISHED])
def test_every_worked_value_is_the_published_one(name):
    last = lines(NP.worked(name))[-1]
    assert PUBLISHED[name].matches(float(last.removeprefix("= "))), name


def test_worked_net_is_the_symbolic_definition_only_reordered():
    for n in NP.NEURONS:
        d = S.DEFINITIONS[S.net[n]]
        assert sp.expand(NP._as_tutorial_writes(d) - d) == 0


def test_worked_brackets_negative_numbers():
    p = P.with_values(w1=-0.15)
    assert lines(NP.worked("net_h1", p))[1] == \
        r"= \left(-0.15\right) \cdot 0.05 + 0.2 \cdot 0.1 + 0.35"


def test_worked_follows_other_parameters():
    p = P.with_values(w5=0.35891648)
    f = forward(p, EX)
    assert lines(NP.worked("net_o1", p))[1:] == [
        r"= 0.35891648 \cdot 0.593269992 + 0.45 \cdot 0.596884378 + 0.6",
        f"= {f.net_o1:.9f}",
    ]


def test_worked_shows_as_math_in_jupyter():
    assert NP.worked("out_h1")._repr_latex_().startswith(r"$\displaystyle \begin{aligned}")


# --- logistic_curve -----------------------------------------------------------------------

def test_logistic_curve_marks_each_neuron_at_its_net_and_out():
    fig = NP.logistic_curve()
    f = forward(P, EX)
    for n in NP.NEURONS:
        points = [a for a in fig.findobj() if a.get_gid() == f"point-{n}"]
        assert len(points) == 2, n  # once in the full view, once in its close-up
        for a in points:
            assert list(a.get_xdata()) == [getattr(f, f"net_{n}")]
            assert list(a.get_ydata()) == [getattr(f, f"out_{n}")]


def test_logistic_curve_labels_carry_the_engines_values():
    labels = {t.get_text() for t in texts(NP.logistic_curve())}
    assert "h1\nnet_h1 = 0.3775\nout_h1 = 0.5933" in labels
    assert "o2\nnet_o2 = 1.2249\nout_o2 = 0.7729" in labels
    assert {"h1, h2", "o1, o2"} <= labels


def test_logistic_curve_is_the_logistic():
    full = NP.logistic_curve().axes[0]
    xs, ys = full.lines[0].get_data()
    assert min(xs) == -6 and max(xs) == 6
    for x, y in zip(xs, ys):
        assert math.isclose(y, 1 / (1 + math.exp(-x)), rel_tol=0, abs_tol=1e-15)


def test_close_ups_hold_both_neurons_of_their_layer_well_apart():
    fig = NP.logistic_curve()
    f = forward(P, EX)
    for ax, (a, b) in zip(fig.axes[1:], (("h1", "h2"), ("o1", "o2"))):
        lo, hi = ax.get_xlim()
        xa, xb = getattr(f, f"net_{a}"), getattr(f, f"net_{b}")
        assert lo < min(xa, xb) and max(xa, xb) < hi
        assert abs(xa - xb) / (hi - lo) > 0.19  # the two markers cannot touch


def test_full_view_widens_for_net_inputs_beyond_six():
    p = P.with_values(w5=9.0, w6=9.0)
    (xs, _) = NP.logistic_curve(p).axes[0].lines[0].get_data()
    assert math.isclose(max(xs), forward(p, EX).net_o1 + 1, rel_tol=1e-15)


def test_describe_logistic_curve_gives_every_point():
    text = NP.describe_logistic_curve()
    for part in ("h1 at net_h1 = 0.3775, out_h1 = 0.5933", "h2 at net_h2 = 0.3925, "
                 "out_h2 = 0.5969", "o1 at net_o1 = 1.1059, out_o1 = 0.7514",
                 "o2 at net_o2 = 1.2249, out_o2 = 0.7729"):
        assert part in text


# --- error_curves -------------------------------------------------------------------------

def test_tangent_touches_the_parabola_with_the_engines_slope():
    fig = NP.error_curves()
    b = backward(P, EX)
    for o in NP.OUTPUTS:
        (x0, x1), (y0, y1) = artist(fig, f"tangent-{o}").get_data()
        slope = getattr(b.output, f"dE_dout_{o}")
        assert math.isclose((y1 - y0) / (x1 - x0), slope, rel_tol=0, abs_tol=1e-12)
        out, err = getattr(b.fwd, f"out_{o}"), getattr(b.fwd, f"E_{o}")
        assert math.isclose(y0 + slope * (out - x0), err, rel_tol=0, abs_tol=1e-12)
    assert PUBLISHED["dE_dout_o1"].matches(b.output.dE_dout_o1)


def test_tangent_slope_is_sympys_derivative_of_the_error():
    b = backward(P, EX)
    for o, E, t in (("o1", S.E_o1, S.t1), ("o2", S.E_o2, S.t2)):
        d = sp.diff(S.DEFINITIONS[E], S.out[o])
        value = float(d.subs({S.out[o]: getattr(b.fwd, f"out_{o}"),
                              t: getattr(EX, NP.TARGET[o])}))
        assert math.isclose(value, getattr(b.output, f"dE_dout_{o}"), rel_tol=0,
                            abs_tol=1e-12)


def test_parabola_has_its_minimum_at_the_target_and_passes_through_the_output():
    fig = NP.error_curves()
    f = forward(P, EX)
    for ax, o, t in zip(fig.axes, NP.OUTPUTS, (EX.t1, EX.t2)):
        xs, ys = ax.lines[0].get_data()
        assert all(math.isclose(y, 0.5 * (t - x) ** 2, abs_tol=1e-15) for x, y in zip(xs, ys))
        assert list(artist(fig, f"target-{o}").get_xydata()[0]) == [t, 0]
        assert list(artist(fig, f"point-{o}").get_xydata()[0]) == \
            [getattr(f, f"out_{o}"), getattr(f, f"E_{o}")]


def test_error_legends_carry_the_values():
    labels = {t.get_text() for t in texts(NP.error_curves())}
    assert r"now: $out_{o1}$ = 0.7514, $E_{o1}$ = 0.2748" in labels
    assert r"tangent, slope $\partial E_{o2}/\partial out_{o2}$ = -0.2171" in labels
    assert r"target $t_1$ = 0.01, where $E_{o1}$ = 0" in labels


def test_error_curves_draws_the_outputs_asked_for():
    fig = NP.error_curves(outputs="o2")
    assert [ax.get_title() for ax in fig.axes] == ["Output o2"]


def test_describe_error_curves_gives_values_and_direction():
    text = NP.describe_error_curves()
    assert text.startswith("2 plots side by side")
    assert "out_o1 = 0.7514 gives E_o1 = 0.2748; the tangent there has slope 0.7414, so " \
           "the error grows as out_o1 grows." in text
    assert "slope -0.2171, so the error shrinks as out_o2 grows." in text
    assert NP.describe_error_curves(outputs=("o1",)).startswith("One plot")


# --- forward_labels -----------------------------------------------------------------------

def test_forward_labels_give_net_and_out_of_each_neuron():
    assert NP.forward_labels() == {
        "h1": "net_h1 = 0.3775\nout_h1 = 0.5933", "h2": "net_h2 = 0.3925\nout_h2 = 0.5969",
        "o1": "net_o1 = 1.1059\nout_o1 = 0.7514", "o2": "net_o2 = 1.2249\nout_o2 = 0.7729"}
    assert NP.describe_forward_network().endswith(
        "h1: net_h1 = 0.3775, out_h1 = 0.5933; h2: net_h2 = 0.3925, out_h2 = 0.5969; "
        "o1: net_o1 = 1.1059, out_o1 = 0.7514; o2: net_o2 = 1.2249, out_o2 = 0.7729.")


# --- every figure ---------------------------------------------------------------------------

FIGURES = {
    "logistic": NP.logistic_curve,
    "errors": NP.error_curves,
    "network": lambda: draw_network(P, EX, node_labels=NP.forward_labels()),
}


@pytest.mark.parametrize("make", FIGURES.values(), ids=FIGURES.keys())
def test_text_is_at_least_10pt_and_dark(make):
    for t in texts(make()):
        assert t.get_fontsize() >= 10, t.get_text()
        assert sum(to_rgba(t.get_color())[:3]) < 0.5, t.get_text()


@pytest.mark.parametrize("make", FIGURES.values(), ids=FIGURES.keys())
def test_no_two_texts_overlap(make):
    fig = make()
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    legends = [ax.get_legend() for ax in fig.axes if ax.get_legend()]
    # A legend's entries sit inside its frame: compare legends as wholes, not their lines.
    inside = {id(t) for legend in legends for t in legend.get_texts()}
    boxes = [(t.get_text(), (t.get_bbox_patch() or t).get_window_extent(renderer))
             for t in texts(fig) if id(t) not in inside]
    boxes += [("legend", legend.get_window_extent(renderer)) for legend in legends]
    for i, (a, ba) in enumerate(boxes):
        for b, bb in boxes[i + 1:]:
            assert not ba.overlaps(bb), (a, b)


def test_legends_sit_outside_the_plots():
    fig = NP.error_curves()
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    for ax in fig.axes:
        assert not ax.get_legend().get_window_extent(renderer).overlaps(
            ax.get_window_extent(renderer))


@pytest.mark.parametrize("make", FIGURES.values(), ids=FIGURES.keys())
def test_background_is_opaque_white(make):
    fig = make()
    assert to_rgba(fig.get_facecolor()) == WHITE
    assert all(to_rgba(ax.get_facecolor()) == WHITE for ax in fig.axes)


@pytest.mark.slow
@pytest.mark.parametrize("make", [NP.logistic_curve, NP.error_curves])
def test_svg_is_byte_identical_across_renders(make):
    with matplotlib.rc_context(RC):
        data = svg(make())
        assert svg(make()) == data
    assert b"<dc:date>" not in data


# --- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: NP.worked("net_x1"), r"names must be one of 'net_h1', .*'E_total'; got 'net_x1'"),
    (lambda: NP.worked(()), "names must name at least one of net_h1"),
    (lambda: NP.error_curves(outputs=("o1", "o3")), r"outputs must be one of 'o1', 'o2'"),
    (lambda: NP.error_curves(outputs=()), "outputs must name at least one of o1, o2"),
    (lambda: NP.describe_error_curves(outputs="h1"), "outputs must be one of"),
    (lambda: NP.worked("net_h1", P.with_values(b_h1=0.1)), "b1 is not shared"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.mark.parametrize("make", [NP.logistic_curve, NP.error_curves])
def test_curves_are_drawn_above_the_grid(make):
    for ax in make().axes:
        assert ax.lines[0].get_zorder() > max(ax.xaxis.get_zorder(), ax.yaxis.get_zorder())


# -- the numbers the prose names ------------------------------------------------------------


def test_forward_facts_give_every_forward_value_its_published_text_and_the_targets():
    fwd = forward(P, EX)
    f = NP.forward_facts(fwd, EX)
    assert {k: f[k] for k in fwd.as_dict()} == fwd.as_dict()
    assert (f"{f['out_o1']:.9f}", f["published_out_o1"]) == ("0.751365070", "0.75136507")
    assert (f["published_E_total"], f["published_net_h1"]) == ("0.298371109", "0.3775")
    assert all(f[f"published_{k}"] == PUBLISHED[k].text for k in fwd.as_dict() if k in PUBLISHED)
    assert (f["t1"], f["t2"]) == (0.01, 0.99)


def test_slope_facts_give_the_engines_slopes_and_the_published_text():
    output = backward(P, EX).output
    s, e = NP.slope_facts(output), NP.error_slope_facts(output)
    out = forward(P, EX).out_o1
    assert abs(s["slope_o1"] - out * (1 - out)) < 1e-12
    assert (f"{s['slope_o1']:.9f}", s["published_slope_o1"]) == ("0.186815602", "0.186815602")
    assert abs(e["dE_dout_o1"] - (out - EX.t1)) < 1e-12
    assert (f"{e['dE_dout_o1']:.9f}", f"{e['dE_dout_o2']:.4f}") == ("0.741365070", "-0.2171")
    assert e["published_dE_dout_o1"] == "0.74136507"
