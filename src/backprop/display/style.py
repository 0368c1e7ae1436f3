"""The book's look, set in one place: palette, font sizes, line styles and matplotlib's rcParams.

Every figure is drawn under RC (the styled decorator, figures.setup() in a notebook and
figures.save_svg), so text, axis labels, titles, tick labels and legends take their size and
colour from here and the drawing code passes neither. The hand-written SVG charts
(svgchart, the landscape explorer) read the same names. A deliberate exception (smaller
text, a larger title, a highlight) is a named entry below, never a literal in a module.
"""
import functools

import matplotlib

# Okabe-Ito colours: told apart by colour-blind readers, and dark enough on white paper.
BLUE, VERMILLION, ORANGE, GREEN = "#0072B2", "#D55E00", "#E69F00", "#009E73"
PURPLE, SKY = "#CC79A7", "#56B4E9"  # Okabe-Ito reddish purple and sky blue
PALE_BLUE, PALE_ORANGE = "#7fb8d8", "#f2cf7f"  # BLUE and ORANGE half-way to white: regions
LIGHT_BLUE = "#9ecae1"  # a pale blue for the many runs that all went well, behind the rest

INK = "#1a1a1a"         # text, axis labels, tick marks, markers' outlines: near black
DARK_GREY = "#5a5a5a"   # a diagram's edges, a reference line
GREY = "#767676"        # secondary lines and text (4.5:1 on white: still readable as text)
REFERENCE = "#b3b3b3"   # a faint, wide reference curve behind the runs
GRID = "#d9d9d9"        # grid lines: light enough to stay behind the data
LIGHT_GRID = "#e3e3e3"  # grid lines of a small panel among several
FILL = "#EDEDED"        # a bias's or a weight's box in a diagram
PALE_FILL = "#F4F4F4"   # the error's box in a diagram
SHADE = "#f0f0f0"       # a shaded band behind the data (e.g. the range of an output)
HIGHLIGHT, HIGHLIGHT_FILL = VERMILLION, "#FBE3D3"  # what a diagram points at

# Several runs on one chart: each its own colour and its own dash pattern, so the runs stay
# apart in greyscale too. SVG_DASHES are the hand-written SVG charts' twins of RUN_STYLES.
RUN_COLORS = (BLUE, VERMILLION, GREEN, PURPLE, ORANGE, SKY)
RUN_STYLES = ("-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)))
SVG_DASHES = ("", "7 4", "7 3 2 3", "2 3", "6 2 2 2", "2 2")

# Font sizes in points; nothing in a figure is smaller than SMALL.
FONT = 11     # text, axis labels, titles, tick labels
SMALL = 10    # legends, annotations beside the data, the ticks of a small panel
LARGE = 12    # a figure's main title, a diagram's node names
SVG_FONT = 12  # the hand-written SVG charts' text, in pixels
# Chapter 5's graph packs every node of the network into one column each: its boxes use
# DENSE, the numbers on its edges DENSE_SMALL, the one place text is under SMALL.
DENSE, DENSE_SMALL = 10.5, 9.5

RC = {
    "svg.hashsalt": "backprop",    # element ids from a fixed salt instead of a random one
    "svg.fonttype": "path",        # glyphs as outlines: no <text> left to the reader's fonts
    "font.family": ["DejaVu Sans"],  # ships inside matplotlib, so every machine has it
    "font.size": FONT,
    "text.color": INK,
    "axes.labelsize": FONT,
    "axes.labelcolor": INK,
    "axes.titlesize": FONT,
    "axes.titlecolor": INK,
    "xtick.labelsize": FONT,
    "ytick.labelsize": FONT,
    "xtick.color": INK,
    "ytick.color": INK,
    "legend.fontsize": SMALL,
    "grid.color": GRID,
    "grid.linewidth": 0.8,
    # Opaque white everywhere: dark text must stay readable on a dark page theme.
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
}


def styled(draw):
    """Decorate a function that draws a figure: it runs under RC.

    matplotlib's artists read rcParams when they are made, so the whole drawing (not just
    the Figure() call) must run inside the context; a figure then looks the same in a test,
    a script or a notebook.
    """
    @functools.wraps(draw)
    def under_rc(*args, **kwargs):
        with matplotlib.rc_context(RC):
            return draw(*args, **kwargs)
    return under_rc
