"""Chapter 4's measured nudge and predicted sign (backprop.chapters.ch04_output_layer)."""
import pytest

from backprop import (TUTORIAL_ETA as ETA, TUTORIAL_EXAMPLE as EX, TUTORIAL_PARAMS as P, backward,
                      forward, update)
from backprop.chapters.ch04_output_layer import (NUDGES, STEPS, gradient_sign, layer_facts, nudge,
                                                 nudge_facts, nudge_table, start_facts,
                                                 update_facts)

DE_DW5 = backward(P, EX).output.dE_dw5


def test_nudge_moves_only_the_weight_and_measures_the_error_twice():
    n = nudge("w5", 0.01)
    assert n.before == forward(P, EX).E_total
    assert n.derivative == DE_DW5
    assert n.change == pytest.approx(0.0008210568483387748, abs=1e-15)
    assert n.predicted == 0.01 * DE_DW5


def test_measured_slope_tends_to_the_derivative_as_h_shrinks():
    gaps = [abs(nudge("w5", h).slope - DE_DW5) for h in (0.1, 0.01, 0.001, 0.0001)]
    assert gaps == sorted(gaps, reverse=True)
    assert gaps[-1] < 1e-5


def test_gap_shrinks_like_h_squared():
    ratio = nudge("w5", 0.01).gap / nudge("w5", 0.001).gap
    assert round(ratio) == 100


def test_negative_nudge_of_w5_lowers_the_error():
    assert nudge("w5", -0.01).change < 0


def test_nudge_table_rows_at_the_tutorial():
    table = nudge_table("w5")
    assert table.header == ["nudge h to `w5`", "change of `E_total`", "h × `dE_dw5`",
                            "change ÷ h"]
    assert [row[0] for row in table.rows] == ["0.1", "0.01", "0.001", "0.0001", "\u22120.01"]
    assert table.rows[1] == ["0.01", "+8.21057e\u22124", "+8.21670e\u22124", "0.0821057"]
    assert len(table.rows) == len(STEPS)


def test_gradient_sign_of_w5_flips_when_the_target_rises_above_the_output():
    assert gradient_sign("w5") == 1
    assert gradient_sign("w5", t1=0.99) == -1
    assert gradient_sign("w7") == -1


@pytest.mark.parametrize("h", [0, 1.5, -2, float("nan"), "x"])
def test_nudge_with_a_bad_step_raises_naming_h(h):
    with pytest.raises(ValueError, match=r"h must (be a nonzero|be a finite|lie in \[-1.0, 1.0\])"):
        nudge("w5", h)


def test_nudge_of_an_unknown_weight_raises_naming_w():
    with pytest.raises(ValueError, match="w must be one of"):
        nudge("w9", 0.1)


def test_nudge_table_without_steps_raises_naming_steps():
    with pytest.raises(ValueError, match="steps must list"):
        nudge_table("w5", ())


def test_gradient_sign_with_an_unknown_change_raises_naming_changes():
    with pytest.raises(ValueError, match="changes must be one of"):
        gradient_sign("w5", w1=0.3)


# -- the numbers the prose names ------------------------------------------------------------


def test_start_and_layer_facts_give_the_prose_its_digits():
    grads = backward(P, EX)
    s = start_facts(grads.fwd, EX)
    assert sorted(s) == ["E_total", "out_o1", "out_o2", "t1", "t2"]
    assert (f"{s['E_total']:.9f}", f"{s['out_o2']:.9f}") == ("0.298371109", "0.772928465")
    f = layer_facts(grads.output, ("dE_dw5", "delta_o1", "delta_o2"))
    assert (f"{f['dE_dw5']:.9f}", f"{f['delta_o1']:.9f}", f"{f['delta_o2']:.9f}") == (
        "0.082167041", "0.138498562", "-0.038098237")


def test_nudge_facts_measure_the_slopes_the_text_names():
    f = nudge_facts("w5")
    assert {k: f[k] for k in NUDGES} == {"h_big": 0.1, "h_small": 0.0001, "h_from": 0.01,
                                         "h_to": 0.001}
    assert (f"{f['slope_big']:.7f}", f"{f['slope_small']:.7f}") == ("0.0815322", "0.0821664")
    assert f"{f['gap_shrinks']:.0f}" == "100"


def test_update_facts_give_w5_before_and_after():
    f = update_facts(P, update(P, EX, ETA), ETA)
    assert (f["eta"], f["w5"], f"{f['w5_new']:.9f}") == (0.5, 0.4, "0.358916480")
    assert abs(f["w5_new"] - (P.w5 - ETA * DE_DW5)) < 1e-12
