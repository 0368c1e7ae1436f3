"""Small Markdown tables that notebooks display (rendered on the static site by myst-nb)."""
import html

from ..tutorial.network import EDGES
from ..tutorial.published import PUBLISHED, check


class Table:
    """A Markdown table; Jupyter shows it rendered, print() shows the Markdown."""

    def __init__(self, header, rows):
        self.header = list(header)
        self.rows = [list(map(str, row)) for row in rows]

    def __str__(self):
        lines = [self.header, ["---"] * len(self.header), *self.rows]
        return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)

    def _repr_markdown_(self):
        return str(self)

    __repr__ = __str__  # the plain-text view is the Markdown itself

    def html(self):
        """The same table as HTML, for widgets (which do not render Markdown)."""
        def row(tag, cells):
            return "<tr>" + "".join(f"<{tag}>{_inline(c)}</{tag}>" for c in cells) + "</tr>"
        return ('<table class="backprop-table">' + row("th", self.header)
                + "".join(row("td", r) for r in self.rows) + "</table>")


def _inline(cell):
    """Markdown `code` spans as <code>; everything else escaped."""
    parts = html.escape(cell).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def code(name):
    return f"`{name}`"


def weights(params):
    """Each weight's label, the edge it sits on, and its value."""
    return Table(["weight", "from", "to", "value"],
                 [(code(w), a, b, f"{getattr(params, w):g}") for w, (a, b) in EDGES.items()])


def biases(params):
    """Each layer's shared bias and the neurons it feeds."""
    return Table(["bias", "feeds", "value"],
                 [(code("b1"), "h1 and h2", f"{params.b1:g}"),
                  (code("b2"), "o1 and o2", f"{params.b2:g}")])


def example(ex):
    """The training example: what goes in, and what should come out."""
    return Table(["value", "meaning", "given"],
                 [(code("i1"), "first input", f"{ex.i1:g}"),
                  (code("i2"), "second input", f"{ex.i2:g}"),
                  (code("t1"), "target for o1", f"{ex.t1:g}"),
                  (code("t2"), "target for o2", f"{ex.t2:g}")])


# The one chapter that explains every published value the arithmetic does not reproduce;
# every other chapter's "checked" table points there instead of repeating it.
DISCREPANCIES_HOME = ("Where the published numbers come from", "09_published_numbers.ipynb")


def checked(values, explain=False):
    """The "checked against the tutorial" table: published digits beside the computed value.

    A row that differs says so and links to the chapter that explains it
    (DISCREPANCIES_HOME); explain=True, for that chapter itself, gives the finding instead.
    """
    title, notebook = DISCREPANCIES_HOME
    rows = []
    for key, computed in values.items():
        published, verdict = check(key, computed)
        if verdict.startswith("differs") and not explain:
            verdict = f"differs: see [{title}]({notebook})"
        rows.append((code(key), published, f"{computed:.12f}".rstrip("0").rstrip("."), verdict))
    return Table(["quantity", "published", "computed", "check"], rows)


def checked_section(section, values, explain=False):
    """checked() for every published value of one tutorial section that `values` holds."""
    return checked({k: v for k, v in values.items()
                    if k in PUBLISHED and PUBLISHED[k].section == section}, explain)


def facts(values, digits=12):
    """A two-column table of named results, for a cell whose result a reader should see.

    values: {label: value}. Floats show `digits` significant digits (more would be the
    machine's rounding), whole numbers with thousands separators, True/False as yes/no,
    sequences joined by commas.
    """
    def shown(v):
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, float):
            return f"{v:.{digits}g}"
        if isinstance(v, int):
            return f"{v:,}"
        if isinstance(v, (tuple, list)):
            return ", ".join(shown(x) for x in v)
        return str(v)

    if not isinstance(values, dict) or not values:
        raise ValueError(f"values must be a non-empty dict {{label: value}}, got {values!r}")
    return Table(["result", "value"], [(label, shown(v)) for label, v in values.items()])
