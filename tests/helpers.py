"""What several test files share: a figure's SVG bytes, its artists by gid, the tolerances.

Test files import it by name (`from helpers import svg`): pytest puts tests/ on sys.path.
"""
import io

from backprop.display.figures import save_svg

TOL = 1e-12                   # the engines agree to this, absolutely or relatively
WHITE = (1.0, 1.0, 1.0, 1.0)  # a figure's and an axes' face colour, as matplotlib gives it


def svg(fig):
    """The bytes save_svg writes for fig: what the notebooks store and nbval compares."""
    out = io.BytesIO()
    save_svg(fig, out)
    return out.getvalue()


def artist(obj, gid):
    """The one artist with this gid in a figure or an axes (fails unless there is one)."""
    (found,) = [a for a in obj.findobj() if a.get_gid() == gid]
    return found


def lines(obj, prefix=""):
    """The lines of an axes, or of every axes of a figure, whose gid starts with prefix."""
    axes = obj.axes if hasattr(obj, "get_axes") else [obj]
    return [l for ax in axes for l in ax.lines if (l.get_gid() or "").startswith(prefix)]
