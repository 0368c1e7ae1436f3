"""Training shown: the downsampled error curve, the outputs figure, and their tables."""
import math

import matplotlib
import numpy as np
import pytest
from matplotlib.colors import to_rgba

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA,
                      PUBLISHED, backward, forward, train, update)
from backprop.display.error_histories import (POINTS, decades_fallen, describe_error_curve,
                                              error_curve, plot_indices)
from backprop.chapters.ch06_training import (curve_facts, describe_outputs, end_facts,
                                             fastest_facts, fastest_update, first_update_facts,
                                             history_facts, history_table, outputs_figure,
                                             outputs_table, per_update_drop,
                                             published_comparison, slowdown_facts,
                                             slowdown_table, variant_facts)
from backprop.tutorial.published import summary

from helpers import WHITE, artist, svg


# -- which points the curve draws ---------------------------------------------------------


def test_plot_indices_keep_both_ends_and_are_strictly_increasing():
    k = plot_indices(10_000)
    assert k[0] == 0 and k[-1] == 10_000
    assert np.all(np.diff(k) > 0)
    assert len(k) <= POINTS + 2


def test_plot_indices_are_dense_at_the_start_and_leave_no_wide_gap():
    k = plot_indices(10_000)
    assert list(k[:20]) == list(range(20))  # every one of the first updates, where it bends
    # the evenly spaced half bounds the widest gap on a linear axis
    assert np.max(np.diff(k)) <= math.ceil(10_000 / (POINTS - POINTS // 2 - 1))


def test_short_histories_are_plotted_whole():
    assert list(plot_indices(5)) == [0, 1, 2, 3, 4, 5]
    assert list(plot_indices(POINTS - 1)) == list(range(POINTS))


@pytest.mark.parametrize("kwargs, name", [({"n": -1}, "n"), ({"n": 2.5}, "n"),
                                          ({"n": 10, "points": 1}, "points")])
def test_plot_indices_refuse_bad_counts(kwargs, name):
    with pytest.raises(ValueError, match=rf"^{name} must be a whole number >= "):
        plot_indices(**kwargs)


# -- the error curve ----------------------------------------------------------------------


def test_curve_draws_exact_errors_at_the_plotted_updates(described):
    e = described.errors
    curve = artist(error_curve(e), "run-0")
    k = plot_indices(10_000)
    assert np.array_equal(curve.get_xdata(), k)
    assert np.array_equal(curve.get_ydata(), e[k])  # the very values, not averages


def test_downsampled_curve_follows_the_full_one_between_its_points(described):
    # Joining the plotted points with straight lines on the log axis strays from the
    # full 10,001-point curve by less than a thousandth of a decade anywhere.
    e = described.errors
    k = plot_indices(10_000)
    between = np.interp(np.arange(10_001), k, np.log10(e[k]))
    assert np.max(np.abs(between - np.log10(e))) < 1e-3


@pytest.mark.slow
def test_curve_svg_is_small_and_byte_stable(described):
    e = described.errors
    data = svg(error_curve(e))
    assert len(data) < 60_000
    assert svg(error_curve(e)) == data
    # Without matplotlib's own path simplification every plotted point reaches the file:
    # the downsampled curve then stays small where all 10,001 points would not.
    with matplotlib.rc_context({"path.simplify": False}):
        assert len(svg(error_curve(e))) < len(svg(error_curve(e, points=10_001))) / 4


def test_curve_is_on_a_log_axis_with_an_opaque_white_background(described):
    fig = error_curve(described.errors)
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_xlim() == (0, 10_000)
    assert to_rgba(fig.get_facecolor()) == WHITE and to_rgba(ax.get_facecolor()) == WHITE


def test_curve_annotates_its_ends_with_the_computed_errors(described):
    texts = [t.get_text() for t in error_curve(described.errors).axes[0].texts]
    assert texts == ["at the start: 0.298", "after 10,000 updates: 0.0000351"]


def test_runs_overlay_with_labels_over_a_faint_wide_reference(described, variant):
    fig = error_curve({"original w5..w8": described.errors, "updated w5..w8": variant.errors},
                      reference=described.errors[:5_001], reference_label="earlier run")
    ax = fig.axes[0]
    ref, a, b = artist(fig, "reference"), artist(fig, "run-0"), artist(fig, "run-1")
    assert ax.lines.index(ref) < ax.lines.index(a)  # drawn first, so it stays behind
    assert ref.get_linewidth() > a.get_linewidth()
    assert a.get_color() != b.get_color() and a.get_linestyle() != b.get_linestyle()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "earlier run", "original w5..w8", "updated w5..w8"]
    assert np.array_equal(b.get_ydata(), variant.errors[plot_indices(10_000)])


def test_figure_text_is_at_least_10pt_and_dark(described):
    for fig in (error_curve({"a": described.errors}),
                outputs_figure(forward(P, EX), described.final, EX)):
        ax = fig.axes[0]
        texts = [*ax.texts, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(),
                 *ax.get_yticklabels(), *ax.get_legend().get_texts()]
        for t in texts:
            if t.get_text():
                assert t.get_fontsize() >= 10, t.get_text()
                assert sum(to_rgba(t.get_color())[:3]) < 0.5, t.get_text()


@pytest.mark.parametrize("errors, name", [
    ([0.3, 0.0], "errors"), ([0.3, -0.1], "errors"), ([0.3], "errors"),
    ([0.3, float("nan")], "errors"), ([[0.3, 0.2]], "errors"), ("abc", "errors"),
    ({"a": [0.3, 0.0]}, r"errors\['a'\]"), ({str(i): [1, 0.5] for i in range(7)}, "errors"),
])
def test_bad_histories_are_refused_by_name(errors, name):
    with pytest.raises(ValueError, match=f"^{name} must"):
        error_curve(errors)


def test_bad_reference_is_refused_by_name():
    with pytest.raises(ValueError, match="^reference must"):
        error_curve([0.3, 0.2], reference=[0.3, 0])


def test_alt_text_gives_the_milestones_and_the_fall_in_decades(described):
    e = described.errors
    text = describe_error_curve(e)
    assert text.startswith("Line chart of the total error E_total")
    assert "0 to 10,000" in text
    assert ("It starts at 0.298 and falls to 0.221 after 10 updates, 0.0200 after 100 "
            "updates, 0.00111 after 1,000 updates and 0.0000351 after 10,000 updates") in text
    early = math.log10(e[0] / e[1_000])
    late = math.log10(e[1_000] / e[10_000])
    assert (f"by {early:.1f} orders of magnitude over the first 1,000 updates and by "
            f"{late:.1f} over the remaining 9,000") in text


def test_alt_text_names_each_run_and_the_reference(described, variant):
    text = describe_error_curve({"original": described.errors, "updated": variant.errors},
                                reference=described.errors[:101], reference_label="short")
    assert "original: it starts at 0.298" in text and "updated: it starts at 0.298" in text
    assert text.endswith("A faint wide reference curve (short) goes from 0.298 to 0.0200 "
                         "after 100 updates.")
    assert describe_error_curve([0.3, 0.2]).endswith("It starts at 0.300 and falls to "
                                                     "0.200 after 1 update.")


# -- the outputs against their targets ----------------------------------------------------


def test_outputs_figure_places_start_end_and_target_at_their_values(described):
    start, final = forward(P, EX), described.final
    fig = outputs_figure(start, final, EX)
    for out, t in (("out_o1", "t1"), ("out_o2", "t2")):
        assert artist(fig, f"start-{out}").get_xdata()[0] == getattr(start, out)
        assert artist(fig, f"final-{out}").get_xdata()[0] == getattr(final, out)
        assert artist(fig, f"target-{out}").get_xdata()[0] == getattr(EX, t)
    texts = {t.get_text() for t in fig.axes[0].texts}
    assert {"0.751", "0.773", "0.0159", "0.9841", "t1 = 0.01", "t2 = 0.99"} <= texts


def test_outputs_alt_text_gives_each_move_and_target(described):
    text = describe_outputs(forward(P, EX), described.final, EX)
    assert "out_o1 moved from 0.751 to 0.0159, its target t1 being 0.01" in text
    assert "out_o2 moved from 0.773 to 0.9841, its target t2 being 0.99" in text
    assert "after 10,000 updates" in text
    with pytest.raises(ValueError, match="^updates must"):
        describe_outputs(forward(P, EX), described.final, EX, updates=-3)


# -- the numbers ----------------------------------------------------------------------------


def test_summary_takes_the_first_error_the_last_error_and_final_outputs(described):
    s = summary(described)
    assert sorted(s) == sorted(k for k, row in PUBLISHED.items() if row.section == "training")
    assert s["E_after_1_update"] == forward(update(P, EX, ETA), EX).E_total
    assert s["E_after_10000"] == forward(described.params, EX).E_total
    assert (s["out_o1_after_10000"], s["out_o2_after_10000"]) == (described.final.out_o1,
                                                                  described.final.out_o2)


def test_described_algorithm_gives_its_own_digits_not_the_published_ones(described):
    s = summary(described)
    assert f"{s['E_after_1_update']:.9f}" == "0.291027774"
    assert f"{s['E_after_10000']:.10f}" == "0.0000351019"
    assert f"{s['out_o1_after_10000']:.9f}" == "0.015913620"
    assert f"{s['out_o2_after_10000']:.9f}" == "0.984064274"
    assert not any(PUBLISHED[k].matches(v) for k, v in s.items())


def test_variant_reproduces_the_published_summary_but_not_the_final_error(variant):
    s = summary(variant)
    for key in ("E_after_1_update", "out_o1_after_10000", "out_o2_after_10000"):
        assert PUBLISHED[key].matches(s[key]), key
    assert not PUBLISHED["E_after_10000"].matches(s["E_after_10000"])


def test_summary_needs_the_tutorials_10000_updates():
    with pytest.raises(ValueError, match="^run must hold 10,000 updates.*got 5$"):
        summary(train(P, EX, ETA, 5))


def test_per_update_drop_is_the_share_of_the_error_removed(described):
    e = described.errors
    assert per_update_drop(e, 1) == 1 - e[1] / e[0]
    assert per_update_drop(e, 10_000) == 1 - e[10_000] / e[9_999]
    for k in (0, 10_001):
        with pytest.raises(ValueError, match=r"^k must be a whole number in \[1, 10000\]"):
            per_update_drop(e, k)


def test_fastest_update_is_the_largest_share_removed(described):
    e = described.errors
    k, share = fastest_update(e)
    assert share == per_update_drop(e, k)
    assert all(per_update_drop(e, j) <= share for j in range(1, 10_001))
    assert fastest_update([1.0, 0.9, 0.5, 0.4]) == (2, pytest.approx(4 / 9, abs=1e-12))


def test_decades_fallen_is_the_log10_of_the_ratio(described):
    e = described.errors
    assert decades_fallen(e, 0, 1_000) == math.log10(e[0] / e[1_000])
    assert decades_fallen(e, 7, 7) == 0
    # stretches add up, as a log of a product should
    whole = decades_fallen(e, 0, 1_000) + decades_fallen(e, 1_000, 10_000)
    assert decades_fallen(e, 0, 10_000) == pytest.approx(whole, abs=1e-12)
    with pytest.raises(ValueError, match=r"^start and end must satisfy 0 <= start <= end"):
        decades_fallen(e, 10, 5)


def test_history_table_lists_the_error_and_the_share_left(described):
    rows = str(history_table(described.errors)).splitlines()
    assert rows[0] == "| updates | `E_total` | share of the starting error |"
    assert rows[2] == "| 0 | 0.298371109 | 100.0000% |"
    assert rows[-1] == "| 10,000 | 0.0000351019 | 0.0118% |"
    assert [r.split("|")[1].strip() for r in rows[2:]] == ["0", "10", "100", "1,000", "10,000"]
    assert "| 3 |" in str(history_table(described.errors, updates=[0, 3]))
    with pytest.raises(ValueError, match=r"^updates must be a whole number in \[0, 10000\]"):
        history_table(described.errors, updates=[10_001])


def test_outputs_table_gives_start_end_target_and_gap(described):
    text = str(outputs_table(forward(P, EX), described.final, EX))
    assert "| `out_o1` | `t1` = 0.01 | 0.751365070 | 0.015913620 | +0.005913620 |" in text
    assert "| `out_o2` | `t2` = 0.99 | 0.772928465 | 0.984064274 | -0.005935726 |" in text


def test_slowdown_table_sympy_and_engine_agree_before_and_after(described):
    rows = str(slowdown_table(P, described.params, EX)).splitlines()[2:]
    cells = {r.split("|")[1].strip(): [c.strip() for c in r.split("|")[2:6]] for r in rows}
    assert list(cells) == ["`dE_dout_o1`", "`dout_o1_dnet_o1`", "`dE_dw5`",
                           "`dE_dout_o2`", "`dout_o2_dnet_o2`", "`dE_dw8`"]
    for sym_start, eng_start, sym_end, eng_end in cells.values():
        assert sym_start == eng_start and sym_end == eng_end
    # the logistic slope out_o1 (1 - out_o1), from the engine's outputs
    end = backward(described.params, EX).output
    assert cells["`dout_o1_dnet_o1`"][3] == f"{end.dout_o1_dnet_o1:.9f}"
    assert cells["`dout_o1_dnet_o1`"][1] == "0.186815602"  # as the tutorial prints it
    assert cells["`dE_dw8`"][0] == "-0.022740242"


def test_published_comparison_marks_which_run_reproduces_which_digits(described, variant):
    text = str(published_comparison({"original": described, "updated": variant}))
    assert text.splitlines()[0] == "| quantity | published | original | updated |"
    assert "| `E_after_1_update` | 0.291027924 | 0.291027774 ✗ | 0.291027924 ✓ |" in text
    assert "| `E_after_10000` | 0.0000351085 | 0.0000351019 ✗ | 0.0000350848 ✗ |" in text
    assert "| 0.015912196 ✓ |" in text and "| 0.984065734 ✓ |" in text
    with pytest.raises(ValueError, match="^runs must"):
        published_comparison({})


# -- the numbers the prose names ------------------------------------------------------------


def test_first_update_facts_give_the_prose_its_digits():
    start, after_one = forward(P, EX), forward(update(P, EX, ETA), EX)
    f = first_update_facts(start, after_one, EX, ETA)
    assert (f"{f['E_start']:.9f}", f"{f['E_one']:.9f}", f"{f['drop_one']:.9f}") == (
        "0.298371109", "0.291027774", "0.007343335")
    assert f"{f['share_one']:.2%}" == "2.46%"
    assert (f"{f['out_o1_one']:.6f}", f"{f['out_o2_one']:.6f}") == ("0.742088", "0.775285")
    assert (f["eta"], f["t1"], f["t2"]) == (0.5, 0.01, 0.99)


def test_history_and_curve_facts_describe_the_whole_run(described):
    h, c = history_facts(described.errors), curve_facts(described.errors)
    assert (h["updates"], h["n_errors"]) == (10_000, 10_001)
    assert (f"{h['left_10']:.0%}", f"{h['left_100']:.1%}", f"{h['left_10000']:.4%}") == (
        "74%", "6.7%", "0.0118%")
    assert f"{h['E_end']:.10f}" == "0.0000351019" and f"{h['fall_factor']:,.0f}" == "8,500"
    assert h["left_10000"] == pytest.approx(h["E_end"] / described.errors[0], abs=1e-12)
    assert (f"{c['dec_early']:.1f}", f"{c['dec_late']:.1f}", c["n_plotted"]) == ("2.4", "1.5", 351)


def test_slowdown_and_fastest_facts_give_the_prose_its_digits(described):
    s = slowdown_facts(P, described.params, EX, described.errors)
    assert (f"{s['slope_start']:.4f}", f"{s['slope_end']:.4f}") == ("0.1868", "0.0157")
    assert (f"{s['slope_ratio']:.0f}", f"{s['slope_ratio_sq']:.0f}") == ("12", "142")
    assert (f"{s['grad_ratio']:,.0f}", f"{s['share_ratio']:.0f}") == ("1,462", "130")
    assert f"{s['share_last']:.4%}" == "0.0190%"
    before = train(P, EX, ETA, 21)
    f = fastest_facts(described.errors, before.final, forward(update(before.params, EX, ETA), EX))
    assert (f["fastest"], f"{f['fastest_share']:.2%}") == (22, "4.08%")
    assert (f"{f['out_fast_before']:.3f}", f"{f['out_fast_after']:.3f}") == ("0.514", "0.503")


def test_end_and_variant_facts_give_the_prose_its_digits(described, variant):
    e = end_facts(described.final, EX)
    assert (f"{e['out_o1_end']:.9f}", f"{e['out_o2_end']:.9f}") == ("0.015913620", "0.984064274")
    assert (f"{e['gap_o1']:.6f}", f"{e['gap_o2']:.6f}") == ("0.005914", "0.005936")
    v = variant_facts(variant)
    assert f"{v['E_end_variant']:.10f}" == "0.0000350848"
    assert (v["pub_E_one"], v["pub_E_end"], v["pub_out_o1"], v["pub_out_o2"]) == (
        "0.291027924", "0.0000351085", "0.015912196", "0.984065734")
