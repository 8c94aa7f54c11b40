"""The order people expect for titles: Dutch, natural, accents folded, leading quotes ignored.

natsort does the natural part ("Actie 2" before "Actie 10"); ICU would add full Dutch collation,
but it needs a compiled system library on every machine, and folding accents and case gives
the same order for the titles this base holds.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from natsort import natsort_keygen

from .load import fold

_natural = natsort_keygen()


def _significant(text: str) -> str:
    """The title without leading punctuation or spaces: "'t Hooft" files under T, not under '."""
    start = 0
    while start < len(text) and (text[start].isspace() or unicodedata.category(text[start])[0] in "PS"):
        start += 1
    return text[start:] or text


def title_key(title: str) -> Any:
    """Sort key for a title: natural order of the folded text after leading punctuation."""
    return _natural(fold(" ".join(_significant(title).split())))


def initial(title: str) -> str:
    """The A–Z letter a title files under; titles that start with a digit share one group."""
    first = fold(_significant(title))[:1].upper()
    return first if first.isalpha() else "0–9"
