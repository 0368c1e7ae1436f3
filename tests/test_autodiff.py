"""Automatic differentiation (HIPS autograd) agrees with the engine's chain rule."""
import sys

import pytest
from hypothesis import given, settings, strategies as st

from backprop import PUBLISHED, TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, Params, Example, backward
from backprop.derive import autodiff

SKIP = "autograd is not installed: pip install autograd to run this cross-check"


@pytest.fixture
def with_autograd():
    pytest.importorskip("autograd", reason=SKIP)


def assert_agree(params, example):
    engine = backward(params, example).as_dict()
    auto = autodiff.gradients(params, example)
    assert set(auto) == set(autodiff.KEYS)
    for key, value in auto.items():
        assert value == pytest.approx(engine[key], rel=1e-12, abs=1e-12), key


def test_ten_gradients_agree_at_the_tutorials_values(with_autograd):
    assert_agree(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE)
    assert autodiff.largest_difference() < 1e-12


def test_autodiff_reproduces_the_published_gradients(with_autograd):
    g = autodiff.gradients()
    assert PUBLISHED["dE_dw5"].matches(g["dE_dw5"]) and PUBLISHED["dE_dw1"].matches(g["dE_dw1"])


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=10, max_size=10), st.floats(-2, 2),
       st.floats(-2, 2), st.floats(0, 1), st.floats(0, 1))
def test_ten_gradients_agree_at_random_parameters(values, i1, i2, t1, t2):
    pytest.importorskip("autograd", reason=SKIP)
    assert_agree(Params.layered(*values), Example(i1, i2, t1, t2))


def test_error_is_the_engines_total_error(with_autograd):
    import numpy as np
    theta = np.array([getattr(TUTORIAL_PARAMS, p) for p in autodiff.PARAMETERS])
    assert autodiff.error(theta, TUTORIAL_EXAMPLE) == pytest.approx(0.298371108760, abs=1e-12)


def test_single_precision_agrees_only_to_about_seven_digits(with_autograd):
    d = autodiff.largest_difference(dtype="float32")
    assert 1e-10 < d < 1e-6


def test_comparison_table_has_a_row_per_gradient(with_autograd):
    rows = str(autodiff.comparison()).splitlines()
    assert rows[0] == r"| gradient | engine | autograd (float64) | \|difference\| |"
    assert [r.split(" | ")[0] for r in rows[2:]] == [f"| `{k}`" for k in autodiff.KEYS]
    assert rows[6].startswith("| `dE_dw5` | 0.082167040564231 | 0.082167040564231 | ")


def test_bad_dtype_is_refused(with_autograd):
    with pytest.raises(ValueError, match="dtype must be one of 'float64', 'float32'"):
        autodiff.gradients(dtype="float16")


def test_per_neuron_biases_are_refused(with_autograd):
    with pytest.raises(ValueError, match="b1 is not shared"):
        autodiff.gradients(TUTORIAL_PARAMS.with_values(b_h1=0.1))


@pytest.mark.parametrize("d, tolerance, text", [
    (0.0, autodiff.ROUNDING, "below 1e-14"), (1.4e-17, autodiff.ROUNDING, "below 1e-14"),
    (9.9e-15, autodiff.ROUNDING, "below 1e-14"), (1e-14, autodiff.ROUNDING, "1.0e-14"),
    (1.88e-8, autodiff.FLOAT32, "below 1e-6"), (3.25e-11, autodiff.FINITE_DIFFERENCES,
                                                "below 1e-10"), (0.5, 1e-6, "5.0e-01")])
def test_bound_states_a_rounding_difference_by_its_tolerance(d, tolerance, text):
    # The same text whether this machine's rounding gives 0, 1e-17 or 1e-15.
    assert autodiff.bound(d, tolerance) == text


@pytest.mark.parametrize("d", [-1e-17, float("nan")])
def test_bound_refuses_negative_or_non_numbers(d):
    with pytest.raises(ValueError, match="d must be"):
        autodiff.bound(d)
    with pytest.raises(ValueError, match="^tolerance must be a finite number greater than 0"):
        autodiff.bound(1e-17, 0)


def test_without_autograd_a_clear_error_instead_of_a_crash(monkeypatch):
    # None in sys.modules makes `import autograd` fail, as if it were not installed.
    monkeypatch.setitem(sys.modules, "autograd", None)
    monkeypatch.setitem(sys.modules, "autograd.numpy", None)
    assert autodiff.available() is False
    with pytest.raises(autodiff.AutogradMissing) as err:
        autodiff.gradients()
    assert str(err.value) == autodiff.MISSING == SKIP
    assert isinstance(err.value, ImportError)
    with pytest.raises(autodiff.AutogradMissing):
        autodiff.comparison()


def test_with_autograd_it_is_available(with_autograd):
    assert autodiff.available() is True
