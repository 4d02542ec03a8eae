"""Derived figures: their formulas are data, checked by recomputing them; nothing is ever evaluated as code.

A formula is arithmetic over figure ids in braces, in base units:
    {ks-gmv-2021} / (1 + {ks-gmv-2021-yoy} / 100)
Only numbers, + - * /, parentheses and {figure_id} references are accepted.
"""

from __future__ import annotations

import ast
import math
import operator
import re

_REF = re.compile(r"\{([a-z0-9][a-z0-9_.-]*)\}")
MAX_LENGTH = 400  # characters: a derivation is a short formula over a few figures
MAX_DIGITS = 30  # in one number
_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over known figures."""


def references(formula: str) -> list[str]:
    return _REF.findall(formula)


def _check_size(formula: str) -> None:
    """Refuse a formula too long, or with a number too long, to be a derivation (before parsing it)."""
    if len(formula) > MAX_LENGTH:
        raise FormulaError(
            f"is {len(formula):,} characters long: a derivation is a short formula (at most {MAX_LENGTH})"
        )
    if any(len(number) > MAX_DIGITS for number in re.findall(r"\d+", _REF.sub("", formula))):
        raise FormulaError(f"holds a number of more than {MAX_DIGITS} digits")


def _parse(formula: str, values: dict[str, float]) -> tuple[ast.Expression, dict[str, float]]:
    """The formula as a Python expression over plain names (_f0, _f1, ...), and each name's value."""
    names: dict[str, str] = {}

    def name_for(match: re.Match) -> str:
        fid = match.group(1)
        if fid not in values:
            raise FormulaError(f"refers to {{{fid}}}, which is not a figure in the data")
        return names.setdefault(fid, f"_f{len(names)}")

    expression = _REF.sub(name_for, formula)
    try:
        tree = ast.parse(expression, mode="eval")
    except (SyntaxError, RecursionError, MemoryError):
        raise FormulaError("is not arithmetic over {figure_id}s") from None
    return tree, {alias: values[fid] for fid, alias in names.items()}


def _arithmetic(node: ast.AST, lookup: dict[str, float]) -> float:
    """The value of a parsed formula; any node but numbers, + - * /, unary minus and known names is refused."""
    if isinstance(node, ast.Expression):
        return _arithmetic(node.body, lookup)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_arithmetic(node.left, lookup), _arithmetic(node.right, lookup))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_arithmetic(node.operand, lookup)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.Name) and node.id in lookup:
        return lookup[node.id]
    raise FormulaError("may hold only numbers, + - * /, parentheses and {figure_id}s")


def evaluate(formula: str, values: dict[str, float]) -> float:
    """The formula's value, with each {figure_id} replaced by that figure's value in base units."""
    _check_size(formula)
    tree, lookup = _parse(formula, values)
    try:
        result = _arithmetic(tree, lookup)
    except ZeroDivisionError:
        raise FormulaError("divides by zero") from None
    except (OverflowError, RecursionError):
        raise FormulaError("gives a number too large to compute") from None
    if not math.isfinite(result):
        raise FormulaError("gives no finite number")
    return result
