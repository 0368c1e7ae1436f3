"""Small Markdown tables that notebooks display (rendered on the static site by myst-nb)."""
from .network import EDGES
from .published import check


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


def code(name):
    return f"`{name}`"


def weights(params):
    """Each weight's label, the edge it sits on, and its value."""
    return Table(["weight", "from", "to", "value"],
                 [(code(w), a, b, f"{getattr(params, w):g}") for w, (a, b) in EDGES.items()])


def checked(values):
    """The "checked against the tutorial" table: published digits beside the computed value."""
    rows = []
    for key, computed in values.items():
        published, verdict = check(key, computed)
        rows.append((code(key), published, f"{computed:.12f}".rstrip("0").rstrip("."), verdict))
    return Table(["quantity", "published", "computed", "check"], rows)
