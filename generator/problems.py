"""Problems found in the data: values, not exceptions.

Every check appends :class:`Problem` values to one list, so a run reports all mistakes at once,
sorted by position, and exits non-zero once (the shape MkDocs' ``Config.validate()`` uses).
Messages are Dutch because partners read them; codes are English for developers and tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, with the position a partner needs to fix it."""

    path: str
    line: int = 1
    column: int = 1
    code: str = field(default="", compare=False)
    message: str = field(default="", compare=False)
    field_path: str = field(default="", compare=False)
    hint: str = field(default="", compare=False)
    severity: str = field(default="error", compare=False)  # "error", "warning" or "note" (context for an error)

    def text(self) -> str:
        """``path:line:column: message`` as editors and CI logs understand it."""
        where = f" (veld {self.field_path})" if self.field_path else ""
        hint = f" {self.hint}" if self.hint else ""
        label = "waarschuwing: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.column}: {label}{self.message}{where}{hint}"

    def github_annotation(self) -> str:
        """A GitHub Actions workflow command that puts the message on the changed line."""
        kind = {"warning": "warning", "note": "notice"}.get(self.severity, "error")
        title = _escape_property(f"{self.code} {self.field_path}".strip())
        message = _escape_data(f"{self.message}{' ' + self.hint if self.hint else ''}")
        path = _escape_property(self.path)
        return f"::{kind} file={path},line={self.line},col={self.column},title={title}::{message}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def suggest(wrong: str, candidates: Iterable[str]) -> str:
    """The Dutch "did you mean" hint for a value that is really close to a valid one, or ``""``.

    Close means a few typing slips (insertions, deletions, swaps), growing with the length: a
    shared prefix such as "gemeente-" alone is no reason to suggest another municipality.
    """
    limit = max(1, min(3, len(wrong) // 5))
    match = process.extractOne(wrong, sorted(set(candidates)), scorer=OSA.distance, score_cutoff=limit,
                               processor=str.casefold)
    return f"Bedoelde u '{match[0]}'?" if match else ""
