"""The chain-rule picture: its factors multiply out to the gradient it claims."""
import pytest

from backprop import TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, WEIGHTS, backward, PUBLISHED
from backprop.display.chain_figure import chain_rule_figure, describe_chain_rule, factors

GRADIENTS = dict(zip(WEIGHTS, backward(P, EX).weight_gradients()))


@pytest.mark.parametrize("w", ["w5", "w6", "w7", "w8"])
def test_output_weight_factors_multiply_to_its_gradient(w):
    chain, total = factors(w)
    a, b, c = (f.value for f in chain)
    assert total == GRADIENTS[w] and a * b * c == pytest.approx(total, abs=1e-15)


@pytest.mark.parametrize("w", ["w1", "w2", "w3", "w4"])
def test_hidden_weight_factors_sum_over_both_outputs(w):
    (d1, d2, wa, wb, s, x), total = factors(w)
    assert (d1.value * wa.value + d2.value * wb.value) * s.value * x.value == pytest.approx(
        total, abs=1e-15)
    assert total == GRADIENTS[w]


def test_w5_factors_are_the_published_three():
    chain, total = factors("w5")
    assert [f.name for f in chain] == ["dE_total/dout_o1", "dout_o1/dnet_o1", "dnet_o1/dw5"]
    for f, key in zip(chain, ["dE_dout_o1", "dout_o1_dnet_o1", "dnet_o1_dw5"]):
        assert PUBLISHED[key].matches(f.value)
    assert PUBLISHED["dE_dw5"].matches(total)


def test_w1_path_goes_through_w5_and_w7():
    chain, _ = factors("w1")
    assert [f.at for f in chain] == ["o1", "o2", "w5", "w7", "h1", "w1"]


def test_figure_labels_each_factor_and_titles_the_gradient():
    fig = chain_rule_figure("w5")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert r"$\partial net_{o1} / \partial w_{5}$ = 0.5933" in texts
    assert fig.axes[0].get_title().endswith("= 0.082167")


def test_alt_text_names_every_factor_with_its_value():
    alt = describe_chain_rule("w1")
    assert "delta_o2 = -0.0381 (at o2)" in alt and "dnet_h1/dw1 = 0.0500 (at w1)" in alt
    assert alt.endswith("dE_total/dw1 = 0.000439.")


def test_unknown_weight_is_refused():
    with pytest.raises(ValueError, match="w must be one of 'w1'"):
        factors("w9")
