"""The target-comparison figure: bar heights, published marks, alt text, fixed bytes."""
import pytest

from backprop import PUBLISHED, TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, backward
from backprop.chapters.ch07_questions import target_figure, describe_target_figure, SHOWN

from helpers import WHITE, svg


def by_gid(ax, prefix):
    return {a.get_gid(): a for a in ax.get_children() if str(a.get_gid()).startswith(prefix)}


def test_bars_are_the_engines_values_for_each_target():
    ax = target_figure((0.01, 0.1)).axes[0]
    bars = by_gid(ax, "bar-")
    assert len(bars) == 2 * len(SHOWN)
    for j, t1 in enumerate((0.01, 0.1)):
        expected = backward(P, EX.with_values(t1=t1)).as_dict()
        for k in SHOWN:
            assert bars[f"bar-{k}-{j}"].get_height() == expected[k]


def test_published_values_are_marked_where_the_tutorial_prints_one():
    ax = target_figure().axes[0]
    lines = by_gid(ax, "published-")
    assert set(lines) == {"published-E_o1", "published-dE_dw5"}
    (seg,) = lines["published-E_o1"].get_segments()
    assert seg[0][1] == seg[1][1] == PUBLISHED["E_o1"].value


def test_labels_read_the_values_and_nothing_is_below_10_points():
    fig = target_figure()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["0.2748", "0.0822", "0.0827", "0.2121", "0.0722", "0.0726"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["published (tutorial)", "t1 = 0.01", "t1 = 0.1"]
    sizes = [t.get_fontsize() for t in ax.texts + ax.get_xticklabels() + ax.get_yticklabels()]
    assert min(sizes) >= 10
    assert fig.get_facecolor() == WHITE


@pytest.mark.slow
def test_figure_svg_is_byte_reproducible():
    assert svg(target_figure()) == svg(target_figure())


def test_alt_text_gives_every_bar_and_where_the_published_values_sit():
    alt = describe_target_figure()
    assert "E_o1: 0.2748 for t1 = 0.01, 0.2121 for t1 = 0.1" in alt
    assert "dE_total/dw6: 0.0827 for t1 = 0.01, 0.0726 for t1 = 0.1" in alt
    assert ("published E_o1 = 0.274811083, level with the bar for t1 = 0.01." in alt)
    assert ("published dE_total/dw5 = 0.082167041, level with the bar for t1 = 0.01." in alt)


def test_alt_text_says_when_no_bar_matches():
    alt = describe_target_figure((0.1, 0.2))
    assert "published E_o1 = 0.274811083, matching no bar." in alt


@pytest.mark.parametrize("targets, message", [
    ((), "targets must hold at least one"),
    ((0.0, 0.1, 0.2, 0.3, 0.4), "targets must hold 1 to 4 values of t1, got 5"),
    ((-0.1,), r"t1 must lie in \[0, 1\]"),
])
def test_bad_targets_are_refused(targets, message):
    with pytest.raises(ValueError, match=message):
        target_figure(targets)
