"""Explorer: the error landscape over two chosen parameters, and gradient descent's path on it.

Pick two of w1..w8, b1, b2; the picture is E_total over a grid of their values with the
other eight held where the sliders put them (a slice through the 10-dimensional surface),
and the path gradient descent takes on that slice from the sliders' starting point.

    landscape(params, example, pair, xs, ys)   E_total on the grid, vectorised (fast.train_loop)
    descend(params, example, pair, eta, n)     the path: only the pair moves, the rest held
    window(pair, points)                       the part of the plane drawn
    LandscapeExplorer                          the widget

The path moves only the two chosen parameters, so it walks on exactly the surface drawn.
(Training all ten would change the slice under it at every step.)

The display (map, path and table) is a live.LiveDisplay: engine.js's descend and
landscape, and static/landscape_view.js, compute and draw it in the page, on the static
site (no kernel) as in JupyterLab (live.py says why). The page paints the bands on a
canvas, from the same grid; everything else is the same SVG elements. Python descends
on every change too, so `values`, `descent`, `background` and `picture`, `numbers` (as
Python renders them: the static figure, tests) follow the controls as before.

Speed: the contour map is written as SVG elements directly (bands from contourpy, the
axes, ticks and colour bar by hand, in the look of a matplotlib figure), in under 10 ms;
matplotlib took over 100 ms, nearly all of it laying out axes and text. The map is
cached per slice, and the path, its markers and its legend are a few SVG elements on top,
so changing eta or the number of updates redraws in milliseconds.
"""
import functools
import html
import itertools
import math
from dataclasses import dataclass, replace

import ipywidgets as widgets
import matplotlib
import numpy as np
from contourpy import contour_generator
from matplotlib.colors import LogNorm, to_hex

from .. import _validate
from .controls import (Explorer, RANGES, sliders, given, eta_slider, updates_slider,
                       grid)
from ..tutorial.fast import train_loop
from ..display.figures import Image
from ..display.style import FONT, INK, LARGE, ORANGE
from ..tutorial.network import (TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, WEIGHTS,
                                PARAMETERS, EDGES, Params)
from ..display.svgchart import nice_step
from ..display.tables import Table, code
from ..display.error_histories import updates_text
from .live import LiveDisplay, Rendered, module

# Positions in Params.to_vector() (w1..w8, b_h1, b_h2, b_o1, b_o2): b1 sets both hidden
# slots and b2 both output slots, as in the tutorial's one-bias-per-layer network.
SLOTS = {**{w: (i,) for i, w in enumerate(WEIGHTS)}, "b1": (8, 9), "b2": (10, 11)}
DEFAULT_PAIR = ("w5", "b2")
DEFAULT_UPDATES = 500
MAX_UPDATES = 2000
ETA_RANGE = (0.01, 10.0)
GRID_POINTS = 61  # per axis: contours as smooth as at 81, a smaller file, a faster draw
PAD = 0.25        # room between the path and the window's edge

# Layout in figure fractions, fixed so the overlay knows where the axes are.
SIZE = (7.2, 5.2)  # inches
PAGE = tuple(round(72 * inches, 1) for inches in SIZE)  # SVG units, pt: 518.4 x 374.4
AXES = (0.115, 0.27, 0.655, 0.69)  # (left, bottom, width, height), as matplotlib's
COLORBAR = (0.80, 0.27, 0.03, 0.69)
CMAP = "viridis"   # perceptually uniform, colour-blind safe; dark is low error
COLORMAP = matplotlib.colormaps[CMAP]
LEVELS = 14
TICK, TICK_FONT, LABEL_FONT = 3.5, FONT, LARGE  # tick length and font sizes in SVG units
CAP = 8  # about the height of an 11-unit digit: places tick labels by their middle or top
START, END = "white", ORANGE
MAX_DOTS = 40
FRAME = f'fill="none" stroke="{INK}" stroke-width="0.8"'  # axes frames and tick marks


def _check_pair(pair):
    try:
        a, b = pair if not isinstance(pair, str) else ()
    except (TypeError, ValueError):
        raise ValueError(f"pair must be two of {', '.join(PARAMETERS)}, got {pair!r}") from None
    _validate.choice("pair[0]", a, PARAMETERS)
    _validate.choice("pair[1]", b, PARAMETERS)
    if a == b:
        raise ValueError(f"pair must name two different parameters, got {pair!r}")
    return a, b


def _example(ex):
    return (ex.i1, ex.i2, ex.t1, ex.t2)


def landscape(params, example, pair, xs, ys):
    """E_total[j, i] with pair[0] = xs[i] and pair[1] = ys[j], every other value from params.

    One call of the training loop with NumPy arrays and no update: the forward pass runs
    once for the whole grid.
    """
    a, b = _check_pair(pair)
    X, Y = np.meshgrid(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    p = params.to_vector()
    for name, values in ((a, X), (b, Y)):
        for slot in SLOTS[name]:
            p[slot] = values
    _, errors = train_loop(p, _example(example), 1.0, 0, "frozen", "original", exp=np.exp)
    return errors[0]


@dataclass(frozen=True)
class Descent:
    """points[k] = the pair's values after k updates; errors[k] = E_total there."""

    pair: tuple
    eta: float
    points: np.ndarray
    errors: np.ndarray
    params: Params  # after the last update


def descend(params, example, pair, eta, updates):
    """Gradient descent on the two chosen parameters only, the other eight held.

    Each step is update(p, example, eta, biases="shared") with only the pair's new values
    kept: every gradient is taken at the current point, and b1 / b2 follow the gradient of
    the one shared bias. The step runs in fast.train_loop, update's arithmetic to the bit.
    """
    a, b = _check_pair(pair)
    _validate.positive("eta", eta)
    updates = _validate.count("updates", updates)
    ex = _example(example)
    p = params.to_vector()
    moving = SLOTS[a] + SLOTS[b]
    points, errors = [], []
    for k in range(updates + 1):
        points.append((p[SLOTS[a][0]], p[SLOTS[b][0]]))
        stepped, e = train_loop(p, ex, float(eta), 0 if k == updates else 1, "shared",
                                "original")
        errors.append(e[0])
        for slot in moving:
            p[slot] = stepped[slot]
    return Descent((a, b), float(eta), np.array(points), np.array(errors),
                   Params.from_vector(p))


def _span(name, values):
    """The slider range of name, widened to hold values, padded, out to whole numbers."""
    low, high = RANGES[name[0]]
    return (float(math.floor(min(low, values.min()) - PAD)),
            float(math.ceil(max(high, values.max()) + PAD)))


def window(pair, points):
    """((x0, x1), (y0, y1)): every possible start (the sliders' ranges) and the path.

    Whole-number edges, so small changes of the path leave the window (and its cached
    landscape) as it was.
    """
    a, b = _check_pair(pair)
    points = np.asarray(points, dtype=float)
    return _span(a, points[:, 0]), _span(b, points[:, 1])


def axis_label(name):
    if name in EDGES:
        source, target = EDGES[name]
        return f"{name}  ({source} \u2192 {target})"
    return f"{name}  (bias of {'h1 and h2' if name == 'b1' else 'o1 and o2'})"


def _multiples(low, high, step):
    """The multiples of step from low to high, rounded so that 3 * 0.1 reads 0.3."""
    return [float(f"{k * step:.12g}")
            for k in range(math.ceil(low / step), math.floor(high / step) + 1)]


def _ticks(low, high):
    """Colour-bar ticks: 1, 2, 5 times powers of ten, or evenly spaced on a narrow range."""
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    ticks = [t for d in decades for m in (1, 2, 5) if low <= (t := m * 10.0 ** d) <= high]
    if len(ticks) >= 3:
        return ticks
    for pieces in range(4, 12):  # 1, 2, 5 steps, so that "%.3g" names each tick exactly
        ticks = _multiples(low, high, nice_step(high - low, pieces))
        if len(ticks) >= 3:
            break
    return ticks


@dataclass(frozen=True)
class Background:
    """The drawn landscape: SVG text, and what the overlay needs to place points on it."""

    svg: str
    xs: np.ndarray
    ys: np.ndarray
    E: np.ndarray
    size: tuple  # (width, height) in SVG units

    def to_svg(self, x, y):
        """SVG coordinates of data points (x along pair[0], y along pair[1])."""
        (x0, x1), (y0, y1) = (self.xs[0], self.xs[-1]), (self.ys[0], self.ys[-1])
        left, bottom, width, height = AXES
        W, H = self.size
        sx = (left + width * (np.asarray(x) - x0) / (x1 - x0)) * W
        sy = H - (bottom + height * (np.asarray(y) - y0) / (y1 - y0)) * H
        return sx, sy


@functools.lru_cache(maxsize=32)
def background(held, example, pair, span_x, span_y):
    """Contour map of log E_total over the window, held: the other eight parameters.

    Written as SVG elements directly, for speed (see the module's docstring). Cached: a
    new eta or number of updates only redraws the overlay.
    """
    xs = np.linspace(*span_x, GRID_POINTS)
    ys = np.linspace(*span_y, GRID_POINTS)
    E = landscape(held, example, pair, xs, ys)
    low, high = float(E.min()), float(E.max())
    high = max(high, low * (1 + 1e-9))  # a flat slice still gets one band
    bg = Background("", xs, ys, E, PAGE)
    edges = np.geomspace(low, high, LEVELS + 1)
    colours = _colours(edges)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{PAGE[0]}pt" '
             f'height="{PAGE[1]}pt" viewBox="0 0 {PAGE[0]} {PAGE[1]}" '
             f'font-family="DejaVu Sans, Verdana, sans-serif">',
             f'<rect width="{PAGE[0]}" height="{PAGE[1]}" fill="white"/>',
             _bands(*bg.to_svg(xs, ys), E, edges, colours),
             _axes(bg, pair),
             _colour_bar(edges, colours, _ticks(low, high))]
    return replace(bg, svg="\n".join(parts) + "\n</svg>\n")


def _colours(edges):
    """Each band's colour, as matplotlib's contourf picks it: the colormap at the band's
    middle on the logarithmic scale (the geometric mean of its edges)."""
    middles = np.sqrt(edges[:-1]) * np.sqrt(edges[1:])
    shades = COLORMAP(LogNorm(edges[0], edges[-1])(middles))
    return [to_hex(shade) for shade in shades]


def _bands(sx, sy, E, edges, colours):
    """One filled path per band between neighbouring edges, contoured in SVG coordinates
    (the map from data to SVG is linear, so the contours are the same)."""
    contours = contour_generator(sx, sy, E, fill_type="ChunkCombinedOffset")
    limits = [-np.inf, *edges[1:-1], np.inf]  # the grid's lowest and highest values too
    out = ['<g id="bands" fill-rule="evenodd" stroke-width="0.5" stroke-linejoin="round">']
    for lower, upper, colour in zip(limits[:-1], limits[1:], colours):
        (points,), (offsets,) = contours.filled(lower, upper)
        if points is not None:
            # Stroked in its own colour: no light anti-aliasing seams between bands.
            out.append(f'<path fill="{colour}" stroke="{colour}" '
                       f'd="{_rings(points, offsets)}"/>')
    out.append("</g>")
    return "\n".join(out)


def _rings(points, offsets):
    """SVG path data: one closed ring for each run of points between two offsets."""
    rings = []
    for start, end in zip(offsets[:-1], offsets[1:]):
        ring = np.round(points[start:end - 1], 1)  # the last point repeats the first
        moves = np.any(ring[1:] != ring[:-1], axis=1)  # drop points that round to the last
        ring = ring[np.concatenate(([True], moves))]
        rings.append("M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z")
    return "".join(rings)


def _axes(bg, pair):
    """The frame, both axes' tick marks and tick labels, and the axis labels."""
    left, top, right, bottom = _box(AXES)
    xticks, yticks = _axis_ticks(bg.xs), _axis_ticks(bg.ys)
    xs = bg.to_svg([t for t, _ in xticks], bg.ys[0])[0]
    ys = bg.to_svg(bg.xs[0], [t for t, _ in yticks])[1]
    marks = ("".join(f"M{x:.2f},{bottom}V{bottom + TICK:.2f}" for x in xs)
             + "".join(f"M{left},{y:.2f}H{left - TICK:.2f}" for y in ys))
    out = [f'<g id="axes" fill="{INK}" font-size="{TICK_FONT}">',
           f'<rect x="{left}" y="{top}" width="{right - left:.2f}" '
           f'height="{bottom - top:.2f}" {FRAME}/>',
           f'<path d="{marks}" {FRAME}/>']
    out += [f'<text x="{x:.2f}" y="{bottom + 2 * TICK + CAP:.2f}" text-anchor="middle">'
            f'{text}</text>' for x, (_, text) in zip(xs, xticks)]
    out += [f'<text x="{left - 2 * TICK:.2f}" y="{y + CAP / 2:.2f}" text-anchor="end">'
            f'{text}</text>' for y, (_, text) in zip(ys, yticks)]
    # The axis labels keep about 6 clear of the tick labels, as matplotlib's do; the
    # rotated y label is placed by its baseline, 3 beyond its letters' descent.
    x = left - 2 * TICK - max(_width(text, TICK_FONT) for _, text in yticks) - 6 - 3
    out += [f'<text x="{(left + right) / 2:.2f}" y="{bottom + 2 * TICK + CAP + 16:.2f}" '
            f'font-size="{LABEL_FONT}" text-anchor="middle">{html.escape(axis_label(pair[0]))}'
            '</text>',
            _rotated(x, (top + bottom) / 2, axis_label(pair[1])), "</g>"]
    return "\n".join(out)


def _colour_bar(edges, colours, ticks):
    """The bands' colours stacked bottom to top, log-scaled ticks on the right, labelled."""
    left, top, right, bottom = _box(COLORBAR)
    step = (bottom - top) / LEVELS  # geometric edges: equal heights on a log scale
    out = [f'<g id="colorbar" fill="{INK}" font-size="{TICK_FONT}">']
    out += [f'<rect x="{left}" y="{bottom - (i + 1) * step:.2f}" width="{right - left:.2f}" '
            f'height="{step:.2f}" fill="{c}" stroke="{c}" stroke-width="0.5"/>'
            for i, c in enumerate(colours)]
    out.append(f'<rect x="{left}" y="{top}" width="{right - left:.2f}" '
               f'height="{bottom - top:.2f}" {FRAME}/>')
    ys = [bottom - (bottom - top) * math.log(t / edges[0]) / math.log(edges[-1] / edges[0])
          for t in ticks]
    texts = [f"{t:.3g}" for t in ticks]
    marks = "".join(f"M{right},{y:.2f}H{right + TICK:.2f}" for y in ys)
    out.append(f'<path d="{marks}" {FRAME}/>')
    out += [f'<text x="{right + 2 * TICK:.2f}" y="{y + CAP / 2:.2f}">{text}</text>'
            for y, text in zip(ys, texts)]
    # 6 clear of the tick labels; rotated, the label's ascent (about 9) faces them.
    x = right + 2 * TICK + max(_width(text, TICK_FONT) for text in texts) + 6 + 9
    out += [_rotated(x, (top + bottom) / 2, "E_total (log scale)"), "</g>"]
    return "\n".join(out)


def _box(fractions):
    """(left, top, right, bottom) in SVG units of a (left, bottom, width, height) in figure
    fractions, as matplotlib places axes."""
    left, bottom, width, height = fractions
    W, H = PAGE
    return (round(left * W, 2), round((1 - bottom - height) * H, 2),
            round((left + width) * W, 2), round((1 - bottom) * H, 2))


def _axis_ticks(values):
    """(value, label) at 1, 2 or 5 times a power of ten from the grid's first value to its
    last, about 8 of them; a unicode minus, as matplotlib writes it."""
    step = nice_step(values[-1] - values[0], 8)
    decimals = max(0, -math.floor(math.log10(step)))
    return [(t, f"{t:.{decimals}f}".replace("-", "\u2212"))
            for t in _multiples(values[0], values[-1], step)]


def _rotated(x, y, text):
    """A label read from bottom to top, its baseline at x, its middle at y."""
    return (f'<text transform="translate({x:.2f} {y:.2f}) rotate(-90)" '
            f'font-size="{LABEL_FONT}" text-anchor="middle">{html.escape(text)}</text>')


def _width(text, size):
    """About how wide text is in DejaVu Sans (and Verdana): digits 0.64 em, a point 0.32,
    a minus 0.84."""
    return size * sum({".": 0.32, "\u2212": 0.84}.get(c, 0.64) for c in text)


def dot_step(updates):
    """Updates between dots: the first of 1, 2, 5, 10, 20, ... giving at most MAX_DOTS gaps."""
    for power in itertools.count():
        for m in (1, 2, 5):
            if updates <= MAX_DOTS * m * 10 ** power:
                return m * 10 ** power


def _thin(sx, sy, tolerance=0.5):
    """Indices of path points at least `tolerance` SVG units from the last kept one.

    Keeps every bend and zigzag a reader could see, drops the crowd where the steps are
    tiny; the last point is always kept. Points are kept exact, never averaged.
    """
    keep, last = [0], (sx[0], sy[0])
    for i in range(1, len(sx)):
        if math.hypot(sx[i] - last[0], sy[i] - last[1]) >= tolerance:
            keep.append(i)
            last = (sx[i], sy[i])
    if keep[-1] != len(sx) - 1:
        keep.append(len(sx) - 1)
    return keep


def _number(x):
    return f"{x:.2f}".replace("-", "\u2212")


def _error(e):
    return f"{e:.6f}" if e >= 1e-3 else f"{e:.3e}"


def overlay(bg, descent):
    """SVG elements for the path (line, dots, start and end) and its legend."""
    sx, sy = bg.to_svg(descent.points[:, 0], descent.points[:, 1])
    n = len(sx) - 1
    keep = _thin(sx, sy)
    line = " ".join(f"{sx[i]:.1f},{sy[i]:.1f}" for i in keep)
    a, b = descent.pair
    step = dot_step(n)
    out = ['<g id="descent">',
           f'<polyline points="{line}" fill="none" stroke="{INK}" stroke-width="4" '
           'stroke-linejoin="round" stroke-linecap="round"/>',
           f'<polyline points="{line}" fill="none" stroke="white" stroke-width="1.8" '
           'stroke-linejoin="round" stroke-linecap="round"/>']
    out += [f'<circle cx="{sx[k]:.1f}" cy="{sy[k]:.1f}" r="2.2" fill="white" stroke="{INK}" '
            'stroke-width="0.8"/>' for k in range(0, n + 1, step)]
    out.append(_end_marker(sx[n], sy[n]))
    out.append(_start_marker(sx[0], sy[0]))
    W, H = bg.size
    x = AXES[0] * W
    rows = [(_start_marker, f"start: {a} = {_number(descent.points[0, 0])}, "
                            f"{b} = {_number(descent.points[0, 1])}, "
                            f"E_total = {_error(descent.errors[0])}"),
            (_end_marker, f"after {updates_text(n)}: "
                          f"{a} = {_number(descent.points[n, 0])}, "
                          f"{b} = {_number(descent.points[n, 1])}, "
                          f"E_total = {_error(descent.errors[n])}"),
            (_dot, f"a dot every {updates_text(step)}; "
                   f"learning rate eta = {descent.eta:.3g}")]
    for j, (marker, text) in enumerate(rows):
        y = H - 46 + 17 * j
        out.append(marker(x + 6, y - 4))
        out.append(f'<text x="{x + 20:.1f}" y="{y:.1f}" font-size="{LARGE}" fill="{INK}" '
                   f'font-family="DejaVu Sans, Verdana, sans-serif">{html.escape(text)}</text>')
    out.append("</g>")
    return "\n".join(out)


def _start_marker(x, y):
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5.5" fill="{START}" stroke="{INK}" '
            'stroke-width="1.6"/>')


def _end_marker(x, y):
    return (f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{END}" '
            f'stroke="{INK}" stroke-width="1.6"/>')


def _dot(x, y):
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="white" stroke="{INK}"/>'


def compose(bg, descent):
    """The landscape's SVG with the path written on top, as bytes."""
    end = bg.svg.rindex("</svg>")
    return (bg.svg[:end] + overlay(bg, descent) + "\n</svg>\n").encode("utf-8")


def turns(descent, name, tolerance=0.01):
    """The updates after which `name` turns back: its extremes along the path.

    A turn counts only once the value has come back by more than tolerance, so wobbles
    too small to see are not turns.
    """
    values = descent.points[:, descent.pair.index(name)]
    found, direction, extreme = [], 0, 0
    for i in range(1, len(values)):
        move = values[i] - values[extreme]
        if direction == 0:
            if abs(move) > tolerance:
                direction, extreme = (1 if move > 0 else -1), i
        elif move * direction > 0:
            extreme = i
        elif -move * direction > tolerance:
            found.append(extreme)
            direction, extreme = -direction, i
    return found


def describe(bg, descent):
    """Alt text, computed from the grid and the path that the picture shows."""
    a, b = descent.pair
    p, e, n = descent.points, descent.errors, len(descent.errors) - 1
    lo, hi = np.unravel_index(np.argmin(bg.E), bg.E.shape), np.unravel_index(
        np.argmax(bg.E), bg.E.shape)
    parts = [
        f"Filled contour map of the total error E_total over {a} (horizontal axis, "
        f"{_number(bg.xs[0])} to {_number(bg.xs[-1])}) and {b} (vertical axis, "
        f"{_number(bg.ys[0])} to {_number(bg.ys[-1])}), every other parameter held at its "
        "starting value; darker means lower error, on a logarithmic colour scale.",
        f"On this window E_total ranges from {_error(bg.E[lo])} (at {a} = "
        f"{_number(bg.xs[lo[1]])}, {b} = {_number(bg.ys[lo[0]])}) to {_error(bg.E[hi])} "
        f"(at {a} = {_number(bg.xs[hi[1]])}, {b} = {_number(bg.ys[hi[0]])}).",
        f"Gradient descent with learning rate eta = {descent.eta:.3g} starts at {a} = "
        f"{_number(p[0, 0])}, {b} = {_number(p[0, 1])}, where E_total is {_error(e[0])}, "
        f"and after {updates_text(n)} reaches {a} = {_number(p[n, 0])}, "
        f"{b} = {_number(p[n, 1])}, where E_total is {_error(e[n])}.",
    ]
    for i, (name, axis) in enumerate(((a, bg.xs), (b, bg.ys))):
        back = turns(descent, name, (axis[-1] - axis[0]) / 200)  # about 1.5 pt on the map
        if len(back) == 1:
            parts.append(f"On the way {name} turns back once, after update {back[0]:,} "
                         f"(at {name} = {_number(p[back[0], i])}).")
        elif back:
            parts.append(f"On the way {name} changes direction {len(back):,} times, "
                         "zigzagging.")
    trend = error_trend(descent)
    parts.append(f"{trend[0].upper()}{trend[1:]}.")
    return " ".join(parts)


def rising_updates(descent):
    """How many updates of the path raised E_total instead of lowering it."""
    return int(np.sum(np.diff(descent.errors) > 0))


def error_trend(descent):
    """'the error falls at every update', or at how many updates it rises."""
    rises, n = rising_updates(descent), len(descent.errors) - 1
    if rises == 0:
        return f"the error falls at {'the' if n == 1 else 'every'} update"
    return f"the error rises at {rises:,} of the {updates_text(n)}"


class LandscapeDisplay(LiveDisplay):
    """The map, the path and the table, computed and drawn in the page
    (static/landscape_view.js)."""

    _esm = module("landscape_view.js")


class LandscapeExplorer(Explorer):
    """The landscape over two chosen parameters, and the path of gradient descent on it.

    Sliders for all ten starting values: the two chosen ones set where the path starts,
    the other eight fix the slice drawn. Choosing the parameter the other axis shows
    swaps the two axes, so the pair is always two different parameters.
    """

    def __init__(self, params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE, pair=DEFAULT_PAIR,
                 eta=TUTORIAL_ETA, updates=DEFAULT_UPDATES):
        a, b = _check_pair(pair)
        self.example = example
        self.sliders = sliders(PARAMETERS, params, example)
        self.x = widgets.Dropdown(options=PARAMETERS, value=a, description="across",
                                  layout=widgets.Layout(width="160px"))
        self.y = widgets.Dropdown(options=PARAMETERS, value=b, description="up",
                                  layout=widgets.Layout(width="160px"))
        self.eta = eta_slider(eta, *ETA_RANGE)
        self.updates = updates_slider(updates, MAX_UPDATES)
        options = (self.x, self.y, self.eta, self.updates)
        self.resettable(*self.sliders.values(), *options)

        # What the page shows, as Python renders it (the page draws its own, live).
        self.picture = Rendered(lambda: self.figure()._repr_html_())
        self.numbers = Rendered(lambda: self._table().html())
        self.display = LandscapeDisplay(
            controls={**self.sliders, "x": self.x, "y": self.y, "eta": self.eta,
                      "updates": self.updates, "reset": self.reset_button},
            data=self._display_data())
        note = widgets.HTML(
            "<small>The sliders set the starting point. The path moves only the two chosen "
            "parameters; the other eight stay where their sliders are.</small>")
        # Rows that wrap: the options beside the sliders on a wide page, above on a phone.
        columns = grid(self.sliders)
        columns.layout.flex_flow = "row wrap"
        self.widget = widgets.VBox([
            widgets.HBox([widgets.VBox([*options, self.reset_button]), columns],
                         layout=widgets.Layout(flex_flow="row wrap")),
            note, self.display,
        ])
        self.watch(*self.sliders.values(), self.eta, self.updates)
        for axis in (self.x, self.y):
            axis.observe(self._axis_changed, names="value")
        self.refresh()

    def _display_data(self):
        """What the page's view needs besides the controls: the example, the reset values,
        the figure's geometry, colours and axis labels."""
        ex = self.example
        return {
            "example": {"i1": ex.i1, "i2": ex.i2, "t1": ex.t1, "t2": ex.t2},
            "defaults": {name: control.value for name, control in
                         [*self.sliders.items(), ("x", self.x), ("y", self.y),
                          ("eta", self.eta), ("updates", self.updates)]},
            "page": PAGE, "axes": AXES, "colorbar": COLORBAR, "levels": LEVELS,
            "grid_points": GRID_POINTS, "pad": PAD,
            "ranges": {kind: RANGES[kind] for kind in "wb"},
            "colormap": [to_hex(c) for c in COLORMAP(np.arange(COLORMAP.N))],
            "tick": TICK, "tick_font": TICK_FONT, "label_font": LABEL_FONT, "cap": CAP,
            "large": LARGE, "ink": INK, "frame": FRAME, "start": START, "end": END,
            "max_dots": MAX_DOTS, "labels": {name: axis_label(name) for name in PARAMETERS},
        }

    def _axis_changed(self, change):
        if self._holding:
            return
        other = self.y if change.owner is self.x else self.x
        if other.value == change.new:
            with self.hold():  # picked the other axis's parameter: swap the two
                other.value = change.old
        else:
            self.refresh()

    @property
    def pair(self):
        return self.x.value, self.y.value

    def refresh(self):
        """Descend from the sliders' start; redraw the landscape only if its slice changed."""
        a, b = pair = _check_pair(self.pair)
        params, example = given(self.sliders, example=self.example)
        n = self.updates.value
        self.descent = descend(params, example, pair, self.eta.value, n)
        held = params.with_values(**{a: 0.0, b: 0.0})  # the key: what the grid depends on
        self.background = background(held, example, pair, *window(pair, self.descent.points))
        p, e = self.descent.points, self.descent.errors
        self.values = {"E_total": float(e[0]), f"E_after_{n}": float(e[n]),
                       a: float(p[0, 0]), b: float(p[0, 1]),
                       f"{a}_after_{n}": float(p[n, 0]), f"{b}_after_{n}": float(p[n, 1]),
                       "E_total_min": float(self.background.E.min()),
                       "E_total_max": float(self.background.E.max())}

    def figure(self):
        """The landscape and path of the current state, with alt text."""
        return Image.from_svg(compose(self.background, self.descent), self.describe())

    def describe(self):
        return describe(self.background, self.descent)

    def _table(self):
        (a, b), v, n = self.pair, self.values, self.updates.value
        return Table(["point", code(a), code(b), code("E_total")],
                     [("start", f"{v[a]:.6f}", f"{v[b]:.6f}", f"{v['E_total']:.9f}"),
                      (f"after {updates_text(n)}", f"{v[f'{a}_after_{n}']:.6f}",
                       f"{v[f'{b}_after_{n}']:.6f}", f"{v[f'E_after_{n}']:.9f}"),
                      ("lowest on the map", "", "", f"{v['E_total_min']:.9f}"),
                      ("highest on the map", "", "", f"{v['E_total_max']:.9f}")])
