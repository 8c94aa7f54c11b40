"""Numbers with a unit, written the Dutch way: € 1.250.000, 120 woningen, 3.400 m².

The schemas mark such fields with ``x-unit`` (see :mod:`generator.schema`); this module only
writes them. Hand-written rather than ``babel``/``locale``: three fixed formats, and the C locale
of a build machine must not change what the site says. A non-breaking space keeps a number and its
unit on one line.
"""

from __future__ import annotations

NBSP = "\u00a0"
UNIT_LABELS = {"euro": "euro", "woningen": "woningen", "m2": "m²"}  # the units x-unit may name


def grouped(number: int) -> str:
    """``1250000`` → ``1.250.000`` (a point between thousands, as Dutch writes them)."""
    return f"{number:,}".replace(",", ".")


def amount(number: int, unit: str) -> str:
    """One stated figure in full: ``€ 1.250.000``, ``1 woning``, ``120 woningen``, ``3.400 m²``."""
    if unit == "euro":
        return f"€{NBSP}{grouped(number)}"
    if unit == "woningen":
        return f"{grouped(number)}{NBSP}{'woning' if number == 1 else 'woningen'}"
    if unit == "m2":
        return f"{grouped(number)}{NBSP}m²"
    raise ValueError(f"unknown unit {unit!r}")


def compact(number: int, unit: str) -> str:
    """A total, short enough for a summary: euros from a million on in ``mln``/``mld`` with at most
    two decimals (rounded half up, so the browser script gives the same text), other units in full.
    """
    if unit != "euro" or number < 1_000_000:
        return amount(number, unit)
    scale, word = (1_000_000_000, "mld") if number >= 1_000_000_000 else (1_000_000, "mln")
    hundredths = (number * 100 + scale // 2) // scale
    whole, fraction = divmod(hundredths, 100)
    text = grouped(whole) + ("," + f"{fraction:02d}".rstrip("0") if fraction else "")
    return f"€{NBSP}{text}{NBSP}{word}"
