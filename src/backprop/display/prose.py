"""Numbers for a chapter's prose, as the text the reader sees.

A chapter's Markdown shows a computed number through a MyST inline expression,
{eval}`glue["E_total:.9f"]`: the name a code cell gave the number, glue("E_total", value),
and the format the sentence shows it with. The expression's value is that text,
"0.298371109", so the prose's digits are the format's and a float's last bits, which depend
on the machine (its exp, its vector unit, its BLAS), never reach a stored result.

JupyterLab (jupyterlab-myst) evaluates the expressions in the kernel when a Markdown cell
runs; tools/execute_notebooks.py stores them in each cell's metadata the same way, and the
site (tools/sphinx_ext/book_site.py) shows the stored text. Run All reaches a Markdown cell
before the code cells below it, so a number named further down is a label for now
(`Pending`), filled in when glue(name, value) runs.
"""
import ast
import re
from numbers import Integral, Real

EXPRESSION = re.compile(r"\{eval\}`([^`]+)`")  # a MyST inline expression in Markdown
SHORT = 6  # a float shown without a format may have at most this many significant digits
WHOLE = set("bcdoxXn")  # format types that take an int


def _significant(number):
    """The number of significant digits in a formatted number."""
    mantissa = re.split(r"[eE]", number)[0]
    return len(re.sub(r"\D", "", mantissa).lstrip("0")) or 1


def text(value, spec=""):
    """value as the prose shows it with the format spec ("" for a string or a short input)."""
    if isinstance(value, Real) and not isinstance(value, (bool, Integral)):
        if spec and spec[-1] in WHOLE and float(value).is_integer():
            value = int(value)
        elif not spec and _significant(repr(float(value))) > SHORT:
            raise ValueError(f"value {value!r} has more digits than a reader should see: "
                             f"give its expression a format, e.g. \"name:.4f\"")
    return format(value, spec)


def expressions(markdown):
    """The MyST inline expressions in a Markdown cell's source, in order."""
    return EXPRESSION.findall(markdown)


def shown(result):
    """The text a reader sees for an inline expression's result from the kernel: a string
    without its quotes, as jupyterlab-myst shows it. ValueError for a result that is no
    text (an error, or a label waiting for a number no code cell glued)."""
    if result["status"] != "ok" or set(result["data"]) != {"text/plain"}:
        raise ValueError(result.get("evalue") or f"a result shown as {sorted(result.get('data', {}))}")
    value = ast.literal_eval(result["data"]["text/plain"])
    return value if isinstance(value, str) else repr(value)


def user_expressions(found, results):
    """A Markdown cell's metadata as jupyterlab-myst stores it: [{"expression", "result"}],
    from the kernel's reply to user_expressions={"0": found[0], ...}. A result that is not
    a text (an error, or a number no code cell glued) is a ValueError naming it."""
    stored = []
    for k, expression in enumerate(found):
        try:
            shown(results[str(k)])
        except ValueError as error:
            raise ValueError(f"{{eval}}`{expression}` gives no text: {error}") from None
        stored.append({"expression": expression, "result": results[str(k)]})
    return stored


class Pending:
    """A number the prose names before the code computes it: a label until then."""

    def __init__(self):
        from ipywidgets import Label  # imported here: only a live kernel meets a Pending

        self.label = Label("…")

    def _repr_mimebundle_(self, **kwargs):
        return self.label._repr_mimebundle_(**kwargs)


class Glue:
    """The numbers of one chapter's prose: glue(name, value) names one, glue["name:spec"] shows it."""

    def __init__(self):
        self.values = {}
        self.pending = {}  # "name:spec" -> [Pending], asked for before glue(name, ...)

    def __call__(self, name, value):
        if name in self.values and self.values[name] != value:
            raise ValueError(f"name {name!r} is glued twice, {self.values[name]!r} and {value!r}: "
                             "a number in the prose has one value")
        self.values[name] = value
        for key in [k for k in self.pending if k.partition(":")[0] == name]:
            for waiting in self.pending.pop(key):
                waiting.label.value = self[key]

    def each(self, facts):
        """glue(name, value) for every item of a mapping, e.g. a chapter helper's facts."""
        for name, value in facts.items():
            self(name, value)

    def __getitem__(self, key):
        name, _, spec = key.partition(":")
        if name not in self.values:
            waiting = Pending()
            self.pending.setdefault(key, []).append(waiting)
            return waiting
        return text(self.values[name], spec)
