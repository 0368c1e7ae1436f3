"""Self-checking exercises: the page compares the reader's number with the computed answer."""
import re

import pytest

from backprop.display.exercises import Exercise, exercises


def test_answer_and_tolerance_are_written_into_the_page():
    e = Exercise("What is out_h1?", 0.5932699921071872, 5e-7, "the forward pass")
    page = e._repr_html_()
    assert "Math.abs(given - 0.5932699921071872) <= 5e-07" in page
    assert '"Not quite. Revisit the forward pass."' in page
    assert f'id="{e.id}"' in page and f'getElementById("{e.id}")' in page


def test_checks_within_the_tolerance_only():
    e = Exercise("q", 0.75136507, 5e-9, "chapter 2")
    assert e.checks(0.751365072) and not e.checks(0.7513651) and not e.checks(float("nan"))


def test_same_question_gives_the_same_bytes_and_others_other_ids():
    a, b = Exercise("q", 1.0, 0.1, "x"), Exercise("q", 1.0, 0.1, "x")
    assert a._repr_html_() == b._repr_html_()
    assert Exercise("r", 1.0, 0.1, "x").id != a.id


def test_question_text_is_escaped():
    page = Exercise("Is 1 < 2?", 1.0, 0.1, "x")._repr_html_()
    assert "Is 1 &lt; 2?" in page


@pytest.mark.parametrize("kwargs, message", [
    ({"answer": float("nan")}, "answer must be a finite real number"),
    ({"tolerance": 0}, "tolerance must be a finite number greater than 0"),
])
def test_bad_answer_or_tolerance_is_refused(kwargs, message):
    args = {"question": "q", "answer": 1.0, "tolerance": 0.1, "revisit": "x", **kwargs}
    with pytest.raises(ValueError, match=message):
        Exercise(**args)


def test_a_set_shows_every_exercise_and_refuses_anything_else():
    page = exercises(Exercise("a", 1.0, 0.1, "x"), Exercise("b", 2.0, 0.1, "y"))._repr_html_()
    assert len(re.findall(r'<div class="exercise"', page)) == 2
    with pytest.raises(ValueError, match="items must be Exercise objects"):
        exercises("a question")
