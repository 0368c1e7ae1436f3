"""Figures for the readers' questions, each with alt text computed from the same numbers.

    target_figure(targets)     grouped bars of E_o1, dE/dw5, dE/dw6 for each target t1,
                               with the tutorial's published values marked
    describe_target_figure     its alt text
"""
from .figures import chart
from .network import TUTORIAL_PARAMS, TUTORIAL_EXAMPLE
from .published import PUBLISHED
from .questions import reproducing_targets, target_comparison

SHOWN = ("E_o1", "dE_dw5", "dE_dw6")
TICK = {"E_o1": "$E_{o1}$", "dE_dw5": r"$\partial E_{total} / \partial w_5$",
        "dE_dw6": r"$\partial E_{total} / \partial w_6$"}
SPOKEN = {"E_o1": "E_o1", "dE_dw5": "dE_total/dw5", "dE_dw6": "dE_total/dw6"}
# Okabe-Ito blue, orange, bluish green, reddish purple (colour-blind safe); each target
# also has its own hatch, so the bars stay apart in greyscale.
COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
HATCHES = ("", "//", "..", "xx")
INK = "#1a1a1a"
FONT = 11


def target_figure(targets=(0.01, 0.1), params=TUTORIAL_PARAMS, example=TUTORIAL_EXAMPLE):
    """E_o1, dE_total/dw5 and dE_total/dw6 for each t1, one bar each, grouped by quantity.

    A dashed black line across a group marks the tutorial's published value, where it
    prints one, so the eye finds which target's bar it sits on.
    """
    comparison = target_comparison(targets, params, example)
    if len(comparison) > len(COLORS):
        raise ValueError(f"targets must hold 1 to {len(COLORS)} values of t1, "
                         f"got {len(comparison)}")
    fig, ax = chart((7.2, 4.0), grid="y")
    n = len(comparison)
    width = 0.8 / n
    for j, (t1, values) in enumerate(comparison.items()):
        xs = [i - 0.4 + width * (j + 0.5) for i in range(len(SHOWN))]
        heights = [values[k] for k in SHOWN]
        bars = ax.bar(xs, heights, width * 0.92, color=COLORS[j], hatch=HATCHES[j],
                      edgecolor=INK, linewidth=0.8, label=f"t1 = {t1:g}")
        for rect, k in zip(bars, SHOWN):
            rect.set_gid(f"bar-{k}-{j}")  # unique SVG ids: one per bar
        # On a white box above the published line, which may cross a label.
        for label in ax.bar_label(bars, labels=[f"{h:.4f}" for h in heights], padding=3,
                                  fontsize=10, color=INK, zorder=4):
            label.set_bbox(dict(facecolor="white", edgecolor="none", pad=1))
    marked = False
    for i, k in enumerate(SHOWN):
        if k in PUBLISHED:
            ax.hlines(PUBLISHED[k].value, i - 0.46, i + 0.46, colors=INK, linestyles="--",
                      linewidth=1.6, label=None if marked else "published (tutorial)",
                      zorder=3, gid=f"published-{k}")
            marked = True
    ax.set_xticks(range(len(SHOWN)), [TICK[k] for k in SHOWN], fontsize=FONT + 1)
    ax.set_ylabel("value", fontsize=FONT, color=INK)
    top = max(v[k] for v in comparison.values() for k in SHOWN)
    ax.set_ylim(0, top * 1.22)  # room for the value labels and the legend
    ax.tick_params(labelsize=FONT, colors=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=10, frameon=False, loc="upper right", ncols=n + 1)
    ax.set_title("What the target t1 changes", fontsize=FONT + 1, color=INK)
    return fig


def describe_target_figure(targets=(0.01, 0.1), params=TUTORIAL_PARAMS,
                           example=TUTORIAL_EXAMPLE):
    """Alt text for target_figure: every bar's value and where the published values sit."""
    comparison = target_comparison(targets, params, example)
    ts = " and ".join(f"t1 = {t:g}" for t in comparison)
    groups = "; ".join(
        f"{SPOKEN[k]}: " + ", ".join(f"{v[k]:.4f} for t1 = {t:g}" for t, v in comparison.items())
        for k in SHOWN)
    text = f"Grouped bar chart of three quantities for {ts}. {groups}."
    for k in SHOWN:
        if k in PUBLISHED:
            found = reproducing_targets(k, comparison)
            where = (f"level with the bar for {' and '.join(f't1 = {t:g}' for t in found)}"
                     if found else "matching no bar")
            text += (f" A dashed line marks the tutorial's published {SPOKEN[k]} = "
                     f"{PUBLISHED[k].text}, {where}.")
    return text
