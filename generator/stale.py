"""Keeping the base current: which records are past due for review.

The reference date is passed in (the CLI uses today, the site uses the date of the last commit),
so a site build never depends on the clock and two builds of one commit stay identical.
"""

from __future__ import annotations

from datetime import date

from .model import Model, Record


def months_between(earlier: date, later: date) -> int:
    """Whole calendar months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def stale_records(model: Model, reference: date, months: int) -> dict[str, list[tuple[Record, int]]]:
    """Per collection, the records last reviewed ``months`` or more before ``reference``, oldest first."""
    out: dict[str, list[tuple[Record, int]]] = {}
    for name in model.collections:
        found = []
        for record in model.current(name):
            age = months_between(date.fromisoformat(record.fields["last_reviewed"]), reference)
            if age >= months:
                found.append((record, age))
        if found:
            out[name] = sorted(found, key=lambda item: (item[0].fields["last_reviewed"], item[0].id))
    return out
