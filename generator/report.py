"""Printing problems for people (terminal) and for GitHub (annotations and a step summary)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .problems import Problem

MAX_ANNOTATIONS = 10  # GitHub shows at most ten annotations of a kind per step.


def report(problems: Sequence[Problem], stream: TextIO = sys.stderr) -> None:
    """Print every problem as ``path:line:column: message``, then a Dutch total."""
    for problem in problems:
        print(problem.text(), file=stream)
    errors = sum(p.severity == "error" for p in problems)
    warnings = sum(p.severity == "warning" for p in problems)
    if errors:
        print(f"\n{errors} fout(en){f' en {warnings} waarschuwing(en)' if warnings else ''} gevonden; "
              "er is niets gepubliceerd.", file=stream)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        github(problems)


def github(problems: Sequence[Problem]) -> None:
    """Annotations on the changed lines, and the complete list in the step summary."""
    for problem in problems:
        print(problem.github_annotation(), file=sys.stdout)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and problems:
        lines = ["## Controle van de kennisbank", "",
                 f"{len(problems)} melding(en). GitHub toont er hoogstens {MAX_ANNOTATIONS} per stap bij de regels; "
                 "dit is de volledige lijst.", "",
                 "| Bestand | Regel | Kolom | Veld | Melding |", "| --- | --- | --- | --- | --- |"]
        for p in problems:
            message = f"{p.message} {p.hint}".strip().replace("|", "\\|").replace("\n", " ")
            lines.append(f"| `{p.path}` | {p.line} | {p.column} | {p.field_path or '–'} | {message} |")
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
