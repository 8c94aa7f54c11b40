"""``python -m generator new <collection> "<titel>"``: a skeleton record to fill in.

The skeleton is written from the collection's schema, so every field appears with its Dutch
description as a comment. It pre-fills nothing a partner must decide: every required field holds
the placeholder ``VUL IN``, which validation refuses, and a field with a fixed set of values lists
them (id and Dutch label) beside it. Optional fields are commented out. It refuses an id that
exists and says which file has it.
"""

from __future__ import annotations

import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

from .load import make_id
from .schema import FieldInfo, Schemas
from .validate import PLACEHOLDER

Choices = list[tuple[str, str]]  # (id, Dutch label) of each value a field may take
MAX_LISTED_PER_LINE = 15  # longer lists of values are written as wrapped text, not a line each


def _comment(info: FieldInfo) -> list[str]:
    text = info.description or info.title
    required = "verplicht" if info.required else "optioneel"
    return [f"# {info.title} ({required}): {text}"]


def _choices_comment(heading: str, choices: Choices) -> list[str]:
    if len(choices) <= MAX_LISTED_PER_LINE:
        width = max(len(value) for value, _ in choices)
        return [f"#   {heading}", *(f"#     {value.ljust(width)}  {label}" for value, label in choices)]
    listed = ", ".join(f"{value} ({label})" for value, label in choices)
    return [f"#   {heading}", *("#     " + line for line in textwrap.wrap(listed, 94))]


def _placeholder(info: FieldInfo, title: str, today: str) -> str:
    """The value a new record starts with; every required one fails validation until replaced."""
    if info.name == "title":
        return json.dumps(title, ensure_ascii=False)
    if info.name == "last_reviewed":
        return today
    if info.name == "sources":
        return f'\n  - document: {PLACEHOLDER}\n    section: "{PLACEHOLDER}: hoofdstuk of paragraaf"'
    if info.kind in ("vocab", "ref"):
        return PLACEHOLDER if info.required else json.dumps((info.examples or [PLACEHOLDER])[0], ensure_ascii=False)
    if info.kind in ("vocabs", "refs", "list"):
        return f"[{PLACEHOLDER}]" if info.required else json.dumps((info.examples or [[]])[0], ensure_ascii=False)
    if info.kind == "markdown":
        return f"|\n  {PLACEHOLDER}"
    if info.required:
        return json.dumps(f"{PLACEHOLDER}: {info.title.lower()}", ensure_ascii=False)
    example = info.examples[0] if info.examples else PLACEHOLDER
    return json.dumps(example if isinstance(example, (list, dict)) else str(example), ensure_ascii=False)


def skeleton(schemas: Schemas, collection: str, title: str, choices: dict[str, Choices], today: str) -> str:
    """The text of a new record: schema line, then every field with a comment saying what goes there.

    ``choices`` gives the allowed values per vocabulary list, and the documents under "sources".
    """
    lines = [f"# yaml-language-server: $schema=../../generator/schemas/{collection}.schema.json",
             f"# Nieuw record ({schemas.collections[collection].singular}). Vervang elke '{PLACEHOLDER}' door de echte "
             "waarde:", "# zolang er een staat, wordt het record niet gepubliceerd.",
             "# Optionele velden staan uit (met # ervoor): haal het # weg om ze te gebruiken.", ""]
    for info in schemas.fields(collection):
        if info.name == "standalone":
            continue
        lines += _comment(info)
        if info.kind in ("vocab", "vocabs") and choices.get(info.target):
            heading = "Kies één van:" if info.kind == "vocab" else "Kies één of meer van:"
            lines += _choices_comment(heading, choices[info.target])
        elif info.name == "sources" and choices.get("sources"):
            lines += _choices_comment("Document (id van de bron):", choices["sources"])
        value = _placeholder(info, title, today)
        line = f"{info.name}:{'' if value.startswith(chr(10)) else ' '}{value}"
        if info.required:
            lines += line.split("\n")
        else:
            lines += ["# " + part for part in line.split("\n")]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def choices_of(vocabularies: dict[str, list[dict[str, Any]]], sources: list[tuple[str, str]]) -> dict[str, Choices]:
    """The values a skeleton lists: every vocabulary's (id, label), and the source documents."""
    lists = {name: [(entry["id"], entry["label"]) for entry in entries] for name, entries in vocabularies.items()}
    return {**lists, "sources": sorted(sources)}


def new_record(data_dir: Path, schemas: Schemas, collection: str, title: str,
               choices: dict[str, Choices], today: str | None = None) -> tuple[Path | None, str]:
    """Write the skeleton; return (path, message) or (None, why not)."""
    if collection not in schemas.collections:
        return None, f"Onbekende collectie '{collection}'. Kies uit: {', '.join(schemas.collections)}."
    record_id = make_id(title)
    for other in sorted(data_dir.glob(f"*/{record_id}.yaml")):
        if other.parent.name == collection:
            return None, f"De id '{record_id}' bestaat al: {other.relative_to(data_dir.parent).as_posix()}."
    path = data_dir / collection / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(schemas, collection, title, choices, today or date.today().isoformat()), encoding="utf-8")
    return path, f"Nieuw record: {path.relative_to(data_dir.parent).as_posix()}"
