"""Error curves written straight to SVG, for explorers that redraw on every slider move.

matplotlib takes a few hundred milliseconds to lay out a log axis; a reader dragging a
slider must not wait that long. This draws the same curve as training_plots.error_curve
(same sampled points, colours and dash patterns) as a few SVG elements in about a
millisecond. Fonts are left to the page, so the bytes depend only on the numbers.
bar_chart draws signed values (an explorer's gradients) as bars from a zero line, likewise.
"""
import html
import math

from .. import _validate
from .style import (BLUE, GRID, INK, REFERENCE, RUN_COLORS, SVG_DASHES, SVG_FONT,
                    VERMILLION)
from .error_histories import plot_indices, error_runs, error_history

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 62, 30, 14, 42  # margins in pixels, room for the tick labels
SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075"
                                           "\u2076\u2077\u2078\u2079")


def nice_step(span, ticks=5):
    """A 1, 2 or 5 times a power of ten that cuts span into about `ticks` pieces."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _number(x):
    return f"{x:,.0f}"


def error_chart(errors, reference=None, reference_label=None, alt=""):
    """SVG text: E_total (log scale) against updates, like training_plots.error_curve.

    errors: one history or {label: history}; reference: a history drawn faint behind.
    alt: the chart's accessible name (role="img" with aria-label).
    """
    runs = error_runs(errors)
    ref = None if reference is None else error_history("reference", reference)
    curves = [*runs.values(), *([] if ref is None else [ref])]
    n = max(len(e) for e in curves) - 1
    low = math.floor(math.log10(min(e.min() for e in curves)))
    high = math.ceil(math.log10(max(e.max() for e in curves)))
    high += high == low  # a flat curve still gets one decade
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(k):
        return LEFT + w * k / max(n, 1)

    def y(e):
        return TOP + h * (high - math.log10(e)) / (high - low)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
           f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{html.escape(alt)}" '
           f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="{SVG_FONT}" fill="{INK}">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>']
    for d in range(low, high + 1):
        out.append(f'<line x1="{LEFT}" x2="{LEFT + w}" y1="{y(10.0 ** d):.1f}" '
                   f'y2="{y(10.0 ** d):.1f}" stroke="{GRID}"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y(10.0 ** d) + 4:.1f}" text-anchor="end">'
                   f'10{str(d).translate(SUPERSCRIPT)}</text>')
    step = nice_step(n) if n else 1
    for k in range(0, n + 1, step):
        out.append(f'<text x="{x(k):.1f}" y="{TOP + h + 17}" text-anchor="middle">'
                   f'{_number(k)}</text>')
    out.append(f'<path d="M{LEFT},{TOP}V{TOP + h}H{LEFT + w}" fill="none" stroke="{INK}"/>')
    out.append(f'<text x="{LEFT + w / 2:.0f}" y="{HEIGHT - 6}" text-anchor="middle">updates'
               '</text>')
    out.append(f'<text transform="translate(14 {TOP + h / 2:.0f}) rotate(-90)" '
               'text-anchor="middle">E_total (log scale)</text>')

    def polyline(e, style):
        k = plot_indices(len(e) - 1)
        points = " ".join(f"{x(i):.1f},{y(e[i]):.1f}" for i in k)
        return f'<polyline fill="none" stroke-linejoin="round" {style} points="{points}"/>'

    legend = []
    if ref is not None:
        out.append(polyline(ref, f'stroke="{REFERENCE}" stroke-width="5" '
                                  'stroke-linecap="round"'))
        legend.append((reference_label, f'stroke="{REFERENCE}" stroke-width="5"'))
    for i, (label, e) in enumerate(runs.items()):
        style = f'stroke="{RUN_COLORS[i]}" stroke-width="2" stroke-dasharray="{SVG_DASHES[i]}"'
        out.append(polyline(e, style))
        legend.append((label, style))
    rows = [(label, style) for label, style in legend if label]
    for j, (label, style) in enumerate(rows):
        ly = TOP + 12 + 18 * j
        out.append(f'<line x1="{LEFT + w - 190}" x2="{LEFT + w - 160}" y1="{ly - 4}" '
                   f'y2="{ly - 4}" {style}/>')
        out.append(f'<text x="{LEFT + w - 152}" y="{ly}">{html.escape(str(label))}</text>')
    out.append("</svg>")
    return "\n".join(out)


# Okabe-Ito blue for a positive value, vermillion for a negative one; the sign also shows as
# the bar's direction and in its label, for readers who do not tell the colours apart.
POSITIVE, NEGATIVE = BLUE, VERMILLION
BAR_HEIGHT, BAR_MARGIN = 230, 16  # pixels; the width is WIDTH, as for the error chart
ROOM = 20  # above the tallest and below the deepest bar, for its value label
BAR_FORMAT = "{:+.3g}"  # signed, 3 significant digits: +0.0822, -0.0226, +0.000439


def bar_chart(values, alt="", fmt=BAR_FORMAT):
    """SVG text: one bar per {label: value}, drawn from a zero line, each labelled with
    its value in fmt (signed by default). The scale spans 0 and every value.

    alt: the chart's accessible name (role="img" with aria-label).
    """
    if not values:
        raise ValueError("values must hold at least one {label: value}, got none")
    # + 0.0 turns -0.0 into 0.0, so a zero never reads as negative.
    values = {str(k): _validate.finite(f"values[{k!r}]", v) + 0.0 for k, v in values.items()}
    low, high = min(0.0, *values.values()), max(0.0, *values.values())
    high += high == low  # all zero: still an axis of height 1
    top, bottom = ROOM, BAR_HEIGHT - 24 - ROOM  # the names take the last 24 pixels
    slot = (WIDTH - 2 * BAR_MARGIN) / len(values)
    half = min(0.3 * slot, 36)  # half a bar's width; few bars stay slim

    def y(v):
        return top + (bottom - top) * (high - v) / (high - low)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {BAR_HEIGHT}" '
           f'width="{WIDTH}" height="{BAR_HEIGHT}" role="img" aria-label="{html.escape(alt)}" '
           f'font-family="DejaVu Sans, Verdana, sans-serif" font-size="{SVG_FONT}" fill="{INK}" '
           'text-anchor="middle">',
           f'<rect width="{WIDTH}" height="{BAR_HEIGHT}" fill="white"/>']
    for i, (label, v) in enumerate(values.items()):
        x = BAR_MARGIN + slot * (i + 0.5)
        y0, yv = y(0.0), y(v)
        out.append(f'<rect x="{x - half:.1f}" y="{min(y0, yv):.1f}" '
                   f'width="{2 * half:.1f}" height="{abs(yv - y0):.1f}" '
                   f'fill="{NEGATIVE if v < 0 else POSITIVE}"/>')
        out.append(f'<text x="{x:.1f}" y="{yv + 15 if v < 0 else yv - 5:.1f}">'
                   f'{html.escape(fmt.format(v))}</text>')
        out.append(f'<text x="{x:.1f}" y="{BAR_HEIGHT - 8}">{html.escape(label)}</text>')
    out.append(f'<line x1="{BAR_MARGIN}" x2="{WIDTH - BAR_MARGIN}" y1="{y(0.0):.1f}" '
               f'y2="{y(0.0):.1f}" stroke="{INK}"/>')
    out.append("</svg>")
    return "\n".join(out)


class SVG:
    """SVG text that Jupyter (and the static site) shows as a picture."""

    def __init__(self, text):
        self.text = text

    def _repr_svg_(self):
        return self.text

    def __repr__(self):
        return "[SVG chart]"
