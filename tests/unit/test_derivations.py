"""The rules, checked against values written out here, never against the code that applies them: derived
figures (trustreport.data.derivations)."""

from __future__ import annotations

import pytest

from trustreport.data import derivations


@pytest.mark.parametrize(
    "formula, expected",
    [
        ("{a} / (1 + {b} / 100)", 6800e8 / 1.784),
        ("{a} - {b}", 6800e8 - 78.4),
        ("-{b} * 2", -156.8),
        ("({a} + {a}) / 2", 6800e8),
        ("3 * 4 - 2", 10),
    ],
)
def test_derivations_compute(formula, expected):
    assert derivations.evaluate(formula, {"a": 6800e8, "b": 78.4}) == pytest.approx(expected, rel=1e-12)


ONLY = "may hold only numbers, + - * /, parentheses and {figure_id}s"


@pytest.mark.parametrize(
    "formula, message",
    [
        ("{a} / 0", "divides by zero"),
        ("{c} + 1", "refers to {c}, which is not a figure in the data"),
        ("__import__('os')", ONLY),
        ("{a} ** 2", ONLY),
        ("{a} +", "is not arithmetic over {figure_id}s"),
        ("1" * 31, "holds a number of more than 30 digits"),
        ("1 + " * 200 + "1", "is 801 characters long: a derivation is a short formula (at most 400)"),
    ],
)
def test_derivations_refuse(formula, message):
    with pytest.raises(derivations.FormulaError) as caught:
        derivations.evaluate(formula, {"a": 1.0})
    assert str(caught.value) == message


def test_derivations_at_their_limits():
    assert derivations.evaluate("1+" * 199 + "1 ", {}) == 200  # 400 characters
    assert derivations.evaluate("1" * 30, {}) == float("1" * 30)  # 30 digits
