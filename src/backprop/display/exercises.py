"""Exercises whose answers the page checks by itself, with no kernel: a little HTML and JS.

Each answer is computed by the package and written into the page with its tolerance; the
reader's number is compared in the browser, and a wrong one gets a pointer to what to
revisit. The HTML depends only on its arguments, so nbval can compare it.
"""
import hashlib
import html
import json
import math

from .. import _validate

_SCRIPT = """<script>
(function () {
  const box = document.getElementById("%(id)s");
  const input = box.querySelector("input"), out = box.querySelector("output");
  box.querySelector("button").addEventListener("click", check);
  input.addEventListener("keydown", e => { if (e.key === "Enter") check(); });
  function check() {
    const given = parseFloat(input.value.replace(",", "."));
    const right = Math.abs(given - %(answer)s) <= %(tolerance)s;
    out.textContent = isNaN(given) ? "Type a number first."
      : right ? %(right)s : %(wrong)s;
    out.className = "exercise-feedback " + (isNaN(given) ? "" : right ? "right" : "wrong");
    out.style.color = isNaN(given) ? "" : right ? "#1a7f37" : "#b42318";
  }
})();
</script>"""


class Exercise:
    """One question with a numeric answer, checked in the reader's browser."""

    def __init__(self, question, answer, tolerance, revisit, explain=""):
        self.question = str(question)
        self.answer = _validate.finite("answer", answer)
        self.tolerance = _validate.positive("tolerance", tolerance)
        self.revisit = str(revisit)
        self.explain = str(explain)
        digest = hashlib.sha1(f"{self.question}|{self.answer!r}".encode()).hexdigest()[:10]
        self.id = f"exercise-{digest}"

    def __repr__(self):
        return f"[exercise: {self.question}]"

    def checks(self, given):
        """What the page will say: True if `given` is within the tolerance of the answer."""
        return math.isfinite(given) and abs(given - self.answer) <= self.tolerance

    def _repr_html_(self):
        right = "Right" + (f": {self.explain}" if self.explain else ".")
        wrong = f"Not quite. Revisit {self.revisit}."
        values = {"id": self.id, "answer": repr(self.answer), "tolerance": repr(self.tolerance),
                  "right": json.dumps(right), "wrong": json.dumps(wrong)}
        return (f'<div class="exercise" id="{self.id}" style="border: 1px solid #c8c8c8; '
                f'border-radius: 6px; padding: 0.2em 0.9em 0.8em; margin: 0.8em 0">'
                f'<p class="exercise-question">{html.escape(self.question)}</p>'
                f'<label>Your answer <input type="text" inputmode="decimal" '
                f'autocomplete="off"></label> <button type="button">Check</button> '
                f'<output class="exercise-feedback" aria-live="polite"></output></div>'
                + _SCRIPT % values)


def exercises(*items):
    """Several exercises shown together (a chapter's closing set)."""
    return _Set(items)


class _Set:
    def __init__(self, items):
        for item in items:
            if not isinstance(item, Exercise):
                raise ValueError(f"items must be Exercise objects, got {item!r}")
        self.items = items

    def _repr_html_(self):
        return "\n".join(item._repr_html_() for item in self.items)

    def __repr__(self):
        return "\n".join(map(repr, self.items))
