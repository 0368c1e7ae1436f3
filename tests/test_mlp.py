"""The matrix form: the tutorial is a special case, batches reduce as documented, it learns."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from backprop import (TUTORIAL_PARAMS as P, TUTORIAL_EXAMPLE as EX, TUTORIAL_ETA as ETA,
                      Example, Params, backward, forward, train, update)
from backprop.nn import datasets
from backprop.nn.mlp import MLP, tutorial_values

from helpers import TOL


def data(ex):
    return np.array([[ex.i1, ex.i2]]), np.array([[ex.t1, ex.t2]])


def scalar_values(p, ex):
    """The scalar engine's numbers in tutorial_values()'s names."""
    b = backward(p, ex)
    values = b.as_dict()
    values.update(zip(("dE_db_h1", "dE_db_h2", "dE_db_o1", "dE_db_o2"), b.bias_gradients()))
    return values


def assert_matches_scalar_engine(p, ex):
    g = MLP.from_params(p).backward(*data(ex))
    mine, theirs = tutorial_values(g), scalar_values(p, ex)
    assert len(mine) == 8 + 1 + 4 + 8 + 4
    for name, value in mine.items():
        assert value == pytest.approx(theirs[name], rel=TOL, abs=TOL), name


def test_tutorial_forward_deltas_and_gradients_equal_the_scalar_engine():
    assert_matches_scalar_engine(P, EX)


def test_tutorial_values_land_in_the_documented_slots():
    g = MLP.from_tutorial().backward(*data(EX))
    b = backward(P, EX)
    assert g.deltas[1][0, 0] == pytest.approx(b.output.delta_o1, rel=TOL)
    assert g.deltas[0][0, 1] == pytest.approx(b.hidden.delta_h2, rel=TOL)
    assert g.dE_dW[1][1, 0] == pytest.approx(b.output.dE_dw7, rel=TOL)  # w7: h1 -> o2
    assert g.dE_dW[0][0, 1] == pytest.approx(b.hidden.dE_dw2, rel=TOL)  # w2: i2 -> h1
    assert g.dE_db[0][1] == pytest.approx(b.hidden.delta_h2, rel=TOL)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-3, 3), min_size=12, max_size=12), st.floats(-2, 2),
       st.floats(-2, 2), st.floats(0, 1), st.floats(0, 1))
def test_random_parameters_equal_the_scalar_engine(values, i1, i2, t1, t2):
    assert_matches_scalar_engine(Params(*values), Example(i1, i2, t1, t2))


def test_params_round_trip_and_matrix_layout():
    net = MLP.from_tutorial()
    assert net.W[0].tolist() == [[P.w1, P.w2], [P.w3, P.w4]]
    assert net.W[1].tolist() == [[P.w5, P.w6], [P.w7, P.w8]]
    assert net.b[0].tolist() == [P.b_h1, P.b_h2] and net.b[1].tolist() == [P.b_o1, P.b_o2]
    assert net.sizes == [2, 2, 2] and net.to_params() == P
    split = P.with_values(b_h1=0.1, b_o2=-0.3)
    assert MLP.from_params(split).to_params() == split


def test_forward_is_the_scalar_forward_pass():
    p = MLP.from_tutorial().forward(data(EX)[0])
    f = forward(P, EX)
    assert p.nets[0][0].tolist() == pytest.approx([f.net_h1, f.net_h2], rel=TOL)
    assert p.output[0].tolist() == pytest.approx([f.out_o1, f.out_o2], rel=TOL)
    assert p.inputs.tolist() == [[EX.i1, EX.i2]]


def test_step_is_the_scalar_update_with_per_neuron_biases():
    net = MLP.from_tutorial()
    net.backward(*data(EX))
    net.step(ETA)
    expected = update(P, EX, ETA, biases="per-neuron").to_vector()
    assert net.to_params().to_vector() == pytest.approx(expected, rel=TOL, abs=TOL)


@pytest.mark.parametrize("biases, train_biases", [("per-neuron", True), ("frozen", False)])
def test_online_training_reproduces_the_scalar_engine_over_1000_updates(biases, train_biases):
    net = MLP.from_tutorial()
    history = net.train(*data(EX), ETA, epochs=1000, batch_size=1, train_biases=train_biases)
    run = train(P, EX, ETA, 1000, biases=biases)
    assert np.allclose(history.epochs, run.errors, rtol=TOL, atol=0)
    assert np.allclose(history.updates, run.errors[:-1], rtol=TOL, atol=0)
    assert net.to_params().to_vector() == pytest.approx(run.params.to_vector(), rel=TOL, abs=TOL)
    if not train_biases:
        assert net.to_params().biases() == P.biases()


# A small batch to pin how the examples combine.
X4 = np.array([[0.05, 0.10], [0.9, -0.3], [-0.5, 0.4], [0.2, 0.7]])
T4 = np.array([[0.01, 0.99], [0.5, 0.2], [1.0, 0.0], [0.3, 0.6]])


def test_mean_gradient_is_the_average_of_the_examples_gradients():
    net = MLP.from_tutorial()
    g = net.backward(X4, T4)
    singles = [net.backward(X4[[n]], T4[[n]]) for n in range(4)]
    for l in range(2):
        assert np.allclose(g.dE_dW[l], np.mean([s.dE_dW[l] for s in singles], axis=0),
                           rtol=TOL, atol=1e-17)
        assert np.allclose(g.dE_db[l], np.mean([s.dE_db[l] for s in singles], axis=0),
                           rtol=TOL, atol=1e-17)
        assert np.allclose(g.deltas[l], np.vstack([s.deltas[l] for s in singles]), rtol=TOL, atol=0)
    assert g.error == pytest.approx(np.mean([s.error for s in singles]), rel=TOL)


def test_sum_reduction_is_n_times_the_mean_and_leaves_deltas_alone():
    mean = MLP.from_tutorial().backward(X4, T4)
    total = MLP.from_params(P, reduction="sum").backward(X4, T4)
    for l in range(2):
        assert np.allclose(total.dE_dW[l], 4 * mean.dE_dW[l], rtol=TOL, atol=0)
        assert np.allclose(total.dE_db[l], 4 * mean.dE_db[l], rtol=TOL, atol=0)
        assert np.array_equal(total.deltas[l], mean.deltas[l])
    assert total.error == pytest.approx(4 * mean.error, rel=TOL)
    one = [MLP.from_params(P, reduction=r).backward(*data(EX)) for r in ("mean", "sum")]
    assert one[0].dE_dW[0].tolist() == one[1].dE_dW[0].tolist()


def test_full_batch_makes_one_update_per_epoch_and_mini_batches_ceil_n_over_size():
    assert len(MLP.from_tutorial().train(X4, T4, 0.5, epochs=7).updates) == 7
    history = MLP.from_tutorial().train(X4, T4, 0.5, epochs=7, batch_size=3)
    assert len(history.updates) == 14 and len(history.epochs) == 8


def test_online_training_without_shuffle_is_step_in_row_order():
    trained = MLP.from_tutorial()
    history = trained.train(X4, T4, 0.5, epochs=2, batch_size=1, shuffle=False)
    manual, errors = MLP.from_tutorial(), []
    for _ in range(2):
        for n in range(4):
            errors.append(manual.backward(X4[[n]], T4[[n]]).error)
            manual.step(0.5)
    assert history.updates.tolist() == errors
    assert all(np.array_equal(a, b) for a, b in zip(trained.W + trained.b, manual.W + manual.b))


def test_same_seed_same_run_other_seed_other_order():
    runs = [MLP.from_tutorial().train(X4, T4, 0.5, 5, batch_size=2, seed=s).updates
            for s in (3, 3, 4)]
    assert np.array_equal(runs[0], runs[1])
    assert not np.array_equal(runs[0], runs[2])


def test_callbacks_see_every_update_and_epoch_as_train_makes_them():
    updates, epochs = [], []
    net = MLP.from_tutorial()
    history = net.train(X4, T4, 0.5, 3, batch_size=3, seed=2,
                        on_update=lambda k, g: updates.append((k, g.error)),
                        on_epoch=lambda k, e: epochs.append((k, e, net.error(X4, T4))))
    assert updates == list(enumerate(history.updates.tolist(), start=1))
    assert [k for k, _, _ in epochs] == [1, 2, 3]
    assert [e for _, e, _ in epochs] == [e for _, _, e in epochs] == history.epochs[1:].tolist()
    plain = MLP.from_tutorial().train(X4, T4, 0.5, 3, batch_size=3, seed=2)
    assert np.array_equal(plain.updates, history.updates)
    assert np.array_equal(plain.epochs, history.epochs)


def test_frozen_biases_stay_put():
    net = MLP.random([2, 3, 1], "tanh", seed=1)
    net.b = [np.full(3, 0.2), np.full(1, -0.1)]
    net.train(X4, T4[:, :1], 0.5, 3, train_biases=False)
    assert net.b[0].tolist() == [0.2] * 3 and net.b[1].tolist() == [-0.1]


def test_random_initialisation_by_activation():
    net = MLP.random([50, 40, 30], ["relu", "tanh"], seed=0)
    assert net.sizes == [50, 40, 30] and [b.tolist() for b in net.b] == [[0.0] * 40, [0.0] * 30]
    # He for the relu layer: normal, standard deviation sqrt(2 / 50) = 0.2.
    assert net.W[0].std() == pytest.approx(0.2, rel=0.05)
    assert net.W[0].min() < -0.4
    # Xavier for tanh: uniform in +-sqrt(6 / 70).
    limit = np.sqrt(6 / 70)
    assert np.abs(net.W[1]).max() <= limit and np.abs(net.W[1]).max() > 0.98 * limit
    forced = MLP.random([50, 40, 30], ["relu", "tanh"], seed=0, init="xavier")
    assert np.abs(forced.W[0]).max() <= np.sqrt(6 / 90)


def test_random_initialisation_is_fixed_by_the_seed():
    a, b, c = (MLP.random([3, 4, 2], "tanh", seed=s) for s in (7, 7, 8))
    assert all(np.array_equal(x, y) for x, y in zip(a.W, b.W))
    assert not np.array_equal(a.W[0], c.W[0])


def test_copy_is_independent():
    net = MLP.from_tutorial()
    snapshot = net.copy()
    net.train(*data(EX), 0.5, 3)
    assert snapshot.to_params() == P and net.to_params() != P


def test_named_parameters_and_gradients_use_the_books_layer_numbers():
    net = MLP.from_tutorial()
    assert [n for n, _ in net.named_parameters()] == ["W1", "b1", "W2", "b2"]
    assert net.named_parameters()[2][1] is net.W[1]
    g = net.backward(*data(EX))
    assert [n for n, _ in g.named()] == ["W1", "b1", "W2", "b2"]
    assert repr(net) == ("MLP(2-2-2, logistic/logistic, loss('squared_error'), "
                         "reduction='mean')")


def test_classify_and_accuracy():
    net = MLP([[[1.0, 0.0]], [[1.0], [-1.0]]], [[0.0], [0.0, 0.0]], ["identity", "softmax"],
              "cross_entropy")
    X = np.array([[2.0, 0.0], [-1.0, 5.0], [0.5, 1.0]])
    assert net.classify(X).tolist() == [0, 1, 0]
    assert net.accuracy(X, np.eye(2)[[0, 1, 1]]) == pytest.approx(2 / 3)
    single = MLP([[[1.0, 1.0]]], [[0.0]], "logistic", "binary_cross_entropy")
    assert single.classify(X).tolist() == [1, 1, 1]
    assert single.classify([[-1.0, -1.0]]).tolist() == [0]


def test_xor_is_learned_by_a_2_8_8_1_network_the_same_way_every_time():
    X, T = datasets.xor()
    runs = []
    for _ in range(2):
        net = MLP.random([2, 8, 8, 1], ["tanh", "tanh", "logistic"], "binary_cross_entropy",
                         seed=0)
        runs.append((net.train(X, T, eta=0.5, epochs=1000), net))
    (history, net), (again, _) = runs
    assert np.array_equal(history.epochs, again.epochs)
    assert np.array_equal(history.updates, again.updates)
    assert net.classify(X).tolist() == [0, 1, 1, 0]
    assert history.epochs[0] > 0.6 and history.epochs[-1] < 0.005


@pytest.mark.slow
def test_digits_reach_438_of_449_test_images_after_20_epochs():
    d = datasets.digits(seed=0)
    net = MLP.random([64, 32, 10], ["tanh", "softmax"], "cross_entropy", seed=0)
    history = net.train(d.X_train, d.T_train, eta=0.5, epochs=20, batch_size=32, seed=0)
    right = int((net.classify(d.X_test) == d.labels_test).sum())
    assert (right, len(d.X_test)) == (438, 449)
    assert net.accuracy(d.X_test, d.T_test) == right / 449
    assert history.epochs[0] == pytest.approx(2.4678942801157215, abs=1e-12)
    assert history.epochs[-1] == pytest.approx(0.028738685449667737, abs=1e-12)
    assert len(history.updates) == 20 * int(np.ceil(len(d.X_train) / 32))


X_BAD = np.array([[0.05, np.nan]])


@pytest.mark.parametrize("call, message", [
    (lambda n: n.forward([[0.05, 0.10, 0.2]]), r"X must have shape \(examples, 2\), got \(1, 3\)"),
    (lambda n: n.forward([0.05, 0.10]), r"X must have shape \(examples, 2\), got \(2,\)"),
    (lambda n: n.forward(np.zeros((0, 2))), r"X must have shape \(examples, 2\) with every size "
                                            r">= 1, got \(0, 2\)"),
    (lambda n: n.forward(X_BAD), r"X must hold finite numbers only; found nan at index \(0, 1\)"),
    (lambda n: n.forward("abc"), r"X must be an array of numbers"),
    (lambda n: n.backward(X4, T4[:3]), r"T must have shape \(4, 2\), got \(3, 2\)"),
    (lambda n: n.backward(X4, [[1.0, np.inf]] * 4), "T must hold finite numbers only"),
    (lambda n: n.train(X4, T4, -0.5, 3), "eta must be a finite number greater than 0"),
    (lambda n: n.train(X4, T4, 0.5, -1), r"epochs must be a whole number >= 0"),
    (lambda n: n.train(X4, T4, 0.5, 3, batch_size=0), r"batch_size must be a whole number in "
                                                      r"\[1, 4\], got 0"),
    (lambda n: n.train(X4, T4, 0.5, 3, batch_size=5), r"batch_size must be a whole number in "
                                                      r"\[1, 4\]"),
    (lambda n: n.train(X4, T4, 0.5, 3, seed=-2), "seed must be a whole number >= 0"),
    (lambda n: n.train(X4, T4, 0.5, 3, on_update=1), r"on_update must be a function "
                                                      r"\(k, gradients\) or None, got 1"),
    (lambda n: n.train(X4, T4, 0.5, 3, on_epoch="x"), r"on_epoch must be a function"),
    (lambda n: n.step(0.5), "grads must be given, or backward"),
    (lambda n: n.step(0), "eta must be a finite number greater than 0"),
    (lambda n: MLP([[[1.0, 2.0]]], [[0.0]], "logistic", "binary_cross_entropy").backward(
        [[1.0, 1.0]], [[2.0]]), r"T must lie in \[0, 1\] for the binary_cross_entropy loss"),
    (lambda n: MLP.from_params(P, activations="sigmoid"), "activation must be one of"),
    (lambda n: MLP.from_params(P, loss="mae"), "loss must be one of"),
    (lambda n: MLP.from_params(P, reduction="avg"), "reduction must be one of 'mean', 'sum'"),
    (lambda n: MLP.from_params(P, activations=["tanh"] * 3), r"activations must name one "
                                                             r"activation, or one per layer \(2\)"),
    (lambda n: MLP.from_params(P, activations=5), r"activations must name one activation, "
                                                  r"or one per layer \(2\), got 5"),
    (lambda n: n.step(0.5, MLP.random([2, 3, 2], "tanh").backward(X4, T4)),
     r"grads must come from a network of this shape"),
    (lambda n: MLP.from_params("tutorial"), "p must be a backprop.tutorial.network.Params"),
    (lambda n: MLP([np.ones((3, 2)), np.ones((1, 2))], [np.zeros(3), np.zeros(1)], "tanh"),
     r"W\[1\] must have shape \(neurons, 3\), got \(1, 2\)"),
    (lambda n: MLP([np.ones((3, 2))], [np.zeros(2)], "tanh"), r"b\[0\] must have shape \(3,\)"),
    (lambda n: MLP([np.ones((3, 2))], [], "tanh"), "b must be a list of 1 bias vectors"),
    (lambda n: MLP([], [], "tanh"), "W must be a non-empty list"),
    (lambda n: MLP.random([4], "tanh"), r"sizes must list at least 2 layer sizes"),
    (lambda n: MLP.random([4, 0, 1], "tanh"), r"sizes\[1\] must be a whole number >= 1"),
    (lambda n: MLP.random([4, 2], "tanh", init="lecun"), "init must be one of 'auto', "
                                                          "'xavier', 'he'"),
    (lambda n: MLP.random([4, 3, 2], "tanh").to_params(), r"to_params needs a network of sizes "
                                                          r"\[2, 2, 2\], got \[4, 3, 2\]"),
    (lambda n: tutorial_values(n.backward(X4, T4)), "g must come from a 2-2-2 network's "
                                                    "backward\\(\\) on one example"),
])
def test_bad_input_raises_value_error_naming_the_parameter(call, message):
    with pytest.raises(ValueError, match=message):
        call(MLP.from_tutorial())
