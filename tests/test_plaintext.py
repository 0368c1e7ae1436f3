"""The plain-text view of displayed math reads as the tutorial writes it (issue 15)."""
import pytest

from backprop.derive import symbolic as S
from backprop.derive.plaintext import plain


@pytest.mark.parametrize("tex, text", [
    (r"\frac{\partial E_{total}}{\partial w_{5}}", "∂E_total/∂w5"),
    (r"\delta_{o1} \cdot out_{h1}", "δ_o1 · out_h1"),
    (r"\frac{\left(t_{1} - out_{o1}\right)^{2}}{2}", "(t1 - out_o1)^2/2"),
    (r"\frac{E(p + h) - E(p - h)}{2h}", "(E(p + h) - E(p - h))/(2h)"),
    (r"\left.\left(a\right)\right|_{b_{1} = 0}", "(a)|_(b1 = 0)"),
    (r"\begin{cases} 0 & \text{for}\: x \leq 0 \\1 & \text{otherwise} \end{cases}",
     "{0 for x ≤ 0; 1 otherwise}"),
    (r"\left[\begin{matrix}w_{5} & w_{7}\\w_{6} & w_{8}\end{matrix}\right]", "[w5, w7; w6, w8]"),
    (r"- \eta i_{1} \sigma{\left(x \right)}", "- η i1 σ(x)"),
])
def test_plain_reads_tex_as_math(tex, text):
    assert plain(tex) == text


def test_aligned_equations_line_up_at_the_equals_sign():
    tex = S.aligned(["net_{h1} &= w_{1} i_{1} + b_{1}", "&= 0.3775"])
    assert plain(tex) == "net_h1 = w1 i1 + b1\n       = 0.3775"


def test_displayed_expressions_show_math_not_a_python_string():
    """repr (Jupyter's text/plain) of an identity and of a factor tree."""
    assert repr(S.identity("w5")) == "∂E_total/∂w5 = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5"
    assert repr(S.chain("w5")).splitlines() == [
        "∂E_total/∂w5     = ∂E_total/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5"
        " = out_h1 out_o1 (1 - out_o1) (out_o1 - t1)",
        "∂E_total/∂out_o1 = out_o1 - t1",
        "∂out_o1/∂net_o1  = out_o1 (1 - out_o1)",
        "∂net_o1/∂w5      = out_h1"]
