"""Chapter 4's measured nudge and predicted sign (backprop.chapters.ch04_output_layer)."""
import pytest

from backprop import TUTORIAL_EXAMPLE as EX, TUTORIAL_PARAMS as P, backward, forward
from backprop.chapters.ch04_output_layer import STEPS, gradient_sign, nudge, nudge_table

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
