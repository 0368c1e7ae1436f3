"""`python -m backprop`: the walkthrough for readers, JSON for machines, clear errors."""
import json
import subprocess
import sys

import pytest

from backprop import (PUBLISHED, TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, Example, flat,
                      logistic, train, walkthrough)
from backprop.cli import main

TRAINING_KEYS = {"E_after_10000", "out_o1_after_10000", "out_o2_after_10000"}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_keyed_like_the_published_table(capsys):
    code, out, _ = run(capsys, "--json")
    values = json.loads(out)
    assert code == 0
    assert set(PUBLISHED) - set(values) == TRAINING_KEYS
    assert {"net_h2", "net_o2", "delta_o2", "delta_h1", "dE_dw8", "dE_db1"} <= set(values)
    assert values == flat(walkthrough())


def test_table_shows_each_published_value_beside_the_computed_one(capsys):
    _, out, _ = run(capsys)
    line = next(l for l in out.splitlines() if l.split()[:1] == ["out_o1"])
    assert "0.751365069552" in line and "published 0.75136507" in line and "matches" in line
    odd = next(l for l in out.splitlines() if l.split()[:1] == ["dEo2_dout_h1"])
    assert "published -0.019049119" in odd and "differs" in odd
    assert out.count("matches") == len(PUBLISHED) - len(TRAINING_KEYS) - 2
    assert out.count("differs") == 2


def test_set_redoes_the_walkthrough_for_other_numbers(capsys):
    _, out, _ = run(capsys, "--json", "--set", "w1=0.2", "--set", "i1=0.5", "--set", "eta=1")
    values = json.loads(out)
    ex = {"i1": 0.5, "i2": 0.10, "t1": 0.01, "t2": 0.99}
    expected = flat(walkthrough(TUTORIAL_PARAMS.with_values(w1=0.2), Example(**ex), 1.0))
    assert values == expected and values["w1"] == 0.2


def test_set_b1_moves_the_bias_of_both_hidden_neurons(capsys):
    _, out, _ = run(capsys, "--json", "--set", "b1=0.1")
    values = json.loads(out)
    assert values["b1"] == 0.1
    assert values["net_h1"] == pytest.approx(0.15 * 0.05 + 0.20 * 0.10 + 0.1, abs=1e-15)
    assert values["net_h2"] == pytest.approx(0.25 * 0.05 + 0.30 * 0.10 + 0.1, abs=1e-15)


def test_no_published_marks_for_other_numbers(capsys):
    _, out, _ = run(capsys, "--set", "w1=0.2")
    assert "published" not in out.split("\n", 1)[1]


def test_train_10000_reports_the_summary_numbers(capsys):
    _, out, _ = run(capsys, "train", "--updates", "10000", "--json")
    values = json.loads(out)
    expected = train(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, 10_000)
    assert values["E_after_10000"] == expected.errors[-1]
    assert values["out_o1_after_10000"] == pytest.approx(0.015913620444, abs=1e-12)
    assert values["E_after_1_update"] == pytest.approx(0.291027773694, abs=1e-12)
    assert values["params_after_10000"] == expected.params.as_dict()


def test_train_with_updated_output_weights_matches_the_published_outputs(capsys):
    _, out, _ = run(capsys, "train", "--updates", "10000", "--hidden-deltas", "updated")
    for key in ("out_o1_after_10000", "out_o2_after_10000", "E_after_1_update"):
        line = next(l for l in out.splitlines() if l.split()[:1] == [key])
        assert f"published {PUBLISHED[key].text}" in line and line.endswith("matches")


@pytest.mark.parametrize("argv, message", [
    (["--set", "w1=nan"], "w1 must be a finite real number"),
    (["--set", "eta=-1"], "eta must be a finite number greater than 0"),
    (["--set", "w9=0.1"], "NAME must be one of w1, w2"),
    (["--set", "w2=abc"], "w2 must be a finite real number, got 'abc'"),
    (["--set", "t2=1.5"], r"t2 must lie in [0, 1]"),
    (["--set", "w1"], "NAME must be one of"),
    (["train", "--updates", "-5"], "--updates must be a whole number in [1, 100000000]"),
    (["train", "--updates", "ten"], "--updates must be a whole number in [1, 100000000]"),
    (["train"], "--updates"),
    (["--biases", "all"], "--biases must be one of 'frozen', 'shared', 'per-neuron'"),
    (["--hidden-deltas", "x"], "--hidden-deltas must be one of 'original', 'updated'"),
    (["--verbose"], "unrecognized arguments: --verbose"),
    (["--set", "w1=inf"], "w1 must be a finite real number, got 'inf'"),
    (["--set", "w1=-inf"], "w1 must be a finite real number, got '-inf'"),
    (["--set", "w1="], "w1 must be a finite real number, got ''"),
    (["--set", "eta=0"], "eta must be a finite number greater than 0, got 0.0"),
    (["--set", "foo=1"], "--set 'foo=1': NAME must be one of w1, w2"),
    (["--set", "t1=-0.1"], r"t1 must lie in [0, 1], got -0.1"),
    (["--set", "w1=0.2", "--set", "w1=0.3"],
     "--set 'w1=0.3': w1 is already set; give each NAME once"),
    (["--set", "eta=1", "train", "--updates", "5", "--set", "eta=2"],
     "--set 'eta=2': eta is already set; give each NAME once"),
    (["--biases", "nope"], "--biases must be one of 'frozen', 'shared', 'per-neuron'; got 'nope'"),
    (["train", "--updates", "0"], "--updates must be a whole number in [1, 100000000], got '0'"),
    (["train", "--updates", "2.5"], "--updates must be a whole number in [1, 100000000], got '2.5'"),
    (["train", "--updates", "nan"], "--updates must be a whole number in [1, 100000000], got 'nan'"),
    (["train", "--updates", "1e400"], "--updates must be a whole number in [1, 100000000], got"),
    (["train", "--updates"], "argument --updates: expected one argument"),
    (["fit"], "argument command: invalid choice: 'fit' (choose from 'train')"),
    (["--set", "w1=1e10", "--set", "w2=1e10", "--set", "i1=1e300", "--set", "i2=-1e300"],
     "w1 * i1 + w2 * i2 overflows for these weights and inputs (a product beyond 1.8e308)"),
])
def test_bad_input_exits_non_zero_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_module_runs_as_a_command():
    ok = subprocess.run([sys.executable, "-m", "backprop", "--json"], capture_output=True,
                        text=True)
    bad = subprocess.run([sys.executable, "-m", "backprop", "--set", "eta=-1"],
                         capture_output=True, text=True)
    assert ok.returncode == 0 and json.loads(ok.stdout)["E_total"] == flat(walkthrough())["E_total"]
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert bad.stderr.strip() == ("python -m backprop: error: eta must be a finite number "
                                  "greater than 0, got -1.0")


MAXIMUM_MESSAGE = ("python -m backprop: error: --updates must be a whole number in "
                   "[1, 100000000], got '{}'")


@pytest.mark.parametrize("updates", ["1e12", "100000000000", "100000001"])
def test_updates_above_maximum_refused_in_one_line(capsys, updates):
    code, out, err = run(capsys, "train", "--updates", updates)
    assert (code, out, err) == (2, "", MAXIMUM_MESSAGE.format(updates) + "\n")


def test_huge_updates_refused_by_the_command_without_traceback():
    done = subprocess.run([sys.executable, "-m", "backprop", "train", "--updates", "1e12"],
                          capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", MAXIMUM_MESSAGE.format("1e12") + "\n")


def test_huge_learning_rate_finishes_with_saturated_neurons():
    # eta = 1e300 flings w1..w4 to about -1e296: net_h1 and net_h2 far below -709, where
    # e^-net overflows, so out_h1 = out_h2 = 0, o1 and o2 see only b2, no gradient moves
    # anything any more, and the error stays where the first update left it.
    done = subprocess.run([sys.executable, "-m", "backprop", "train", "--updates", "100",
                           "--set", "eta=1e300", "--json"], capture_output=True, text=True,
                          timeout=30)
    values = json.loads(done.stdout)
    assert (done.returncode, done.stderr) == (0, "")
    assert values["E_after_1_update"] == values["E_after_100"] == 0.2613157595433427
    assert values["out_o1_after_100"] == values["out_o2_after_100"] == logistic(0.6)


DIVERGING = ["train", "--updates", "5", "--set", "i1=1e300", "--set", "w1=1e-300",
             "--set", "eta=1e11"]


def test_diverging_training_refused_in_one_line_naming_eta():
    done = subprocess.run([sys.executable, "-m", "backprop", *DIVERGING],
                          capture_output=True, text=True, timeout=30)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == ("python -m backprop: error: training diverged: w1 is -inf after "
                           "5 updates; the learning rate eta = 100000000000.0 is too large "
                           "for this start\n")


def test_huge_finite_weight_trains_to_the_end(capsys):
    code, out, err = run(capsys, "train", "--updates", "100", "--set", "w1=1e308", "--json")
    values = json.loads(out)
    assert (code, err) == (0, "")
    assert values["params_after_100"]["w1"] == 1e308  # h1 saturated: its weights stay
    assert values["E_after_100"] == pytest.approx(0.008728904280782074, abs=1e-15)


def test_options_before_train_are_kept(capsys):
    _, before, _ = run(capsys, "--set", "eta=2", "--biases", "shared", "--json", "train",
                       "--updates", "3", "--set", "w1=0.3")
    _, after, _ = run(capsys, "train", "--updates", "3", "--set", "eta=2", "--biases",
                      "shared", "--json", "--set", "w1=0.3")
    expected = train(TUTORIAL_PARAMS.with_values(w1=0.3), TUTORIAL_EXAMPLE, 2.0, 3, "shared")
    assert json.loads(before) == json.loads(after)
    assert json.loads(before)["E_after_3"] == expected.errors[3]


def test_training_output_matches_train_with_every_error_kept(capsys):
    _, out, _ = run(capsys, "train", "--updates", "250001", "--json")
    values = json.loads(out)
    full = train(TUTORIAL_PARAMS, TUTORIAL_EXAMPLE, TUTORIAL_ETA, 250_001)
    assert [values["E_total"], values["E_after_1_update"], values["E_after_250001"]] == [
        full.errors[0], full.errors[1], full.errors[250_001]]
    assert values["params_after_250001"] == full.params.as_dict()


def test_updates_without_train_names_the_train_command(capsys):
    assert main(["--updates", "5"]) == 2
    assert capsys.readouterr().err == ("python -m backprop: error: --updates belongs to the "
                                       "train command: python -m backprop train --updates N\n")


def test_updates_given_twice_is_refused(capsys):
    assert main(["train", "--updates", "5", "--updates", "7"]) == 2
    assert capsys.readouterr().err == ("python -m backprop: error: --updates is given twice; "
                                       "give it once\n")


def test_a_closed_pipe_ends_quietly(monkeypatch, capsys):
    # `python -m backprop | head -1`: the reader has what they wanted; no traceback after it.
    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main([]) == 1
    assert capsys.readouterr().err == ""
    sys.stdout.close()  # main left stdout on the null device
