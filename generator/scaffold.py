"""``python -m generator new <collection> "<titel>"``: a valid skeleton record to fill in.

The skeleton is written from the collection's schema, so every field appears with its Dutch
description as a comment; required fields get a placeholder that validates, optional ones are
commented out. It refuses an id that exists and says which file has it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from .load import make_id
from .schema import FieldInfo, Schemas

PLACEHOLDER = "VUL IN"


def _comment(info: FieldInfo) -> list[str]:
    text = info.description or info.title
    required = "verplicht" if info.required else "optioneel"
    return [f"# {info.title} ({required}): {text}"]


def _placeholder(info: FieldInfo, title: str, vocabularies: dict[str, list[dict[str, Any]]], today: str) -> str:
    if info.name == "title":
        return json.dumps(title, ensure_ascii=False)
    if info.name == "last_reviewed":
        return today
    if info.name == "sources":
        return '\n  - document: pact\n    section: "VUL IN: hoofdstuk of paragraaf"'
    if info.kind == "vocab":
        return vocabularies[info.target][0]["id"]
    if info.kind == "vocabs":
        return "[" + vocabularies[info.target][0]["id"] + "]"
    if info.kind in ("refs", "list"):
        return f'["{PLACEHOLDER}"]' if info.required else "[]"
    if info.kind == "markdown":
        return "|\n  VUL IN"
    example = info.examples[0] if info.examples else "VUL IN"
    if isinstance(example, (list, dict)):
        return json.dumps(example, ensure_ascii=False)
    if info.name in ("summary", "definition"):
        return json.dumps(f"{PLACEHOLDER}: {info.title.lower()} in één of twee zinnen.", ensure_ascii=False)
    return json.dumps(str(example), ensure_ascii=False)


def skeleton(schemas: Schemas, collection: str, title: str, vocabularies: dict[str, list[dict[str, Any]]], today: str) -> str:
    """The text of a new record: schema line, then every field with a comment saying what goes there."""
    lines = [f"# yaml-language-server: $schema=../../generator/schemas/{collection}.schema.json",
             f"# Nieuw record ({schemas.collections[collection].singular}). Vul de velden in en verwijder 'VUL IN'.",
             "# Optionele velden staan uit (met # ervoor): haal het # weg om ze te gebruiken.", ""]
    for info in schemas.fields(collection):
        if info.name == "standalone":
            continue
        lines += _comment(info)
        value = _placeholder(info, title, vocabularies, today)
        line = f"{info.name}:{'' if value.startswith(chr(10)) else ' '}{value}"
        if info.required:
            lines += line.split("\n")
        else:
            lines += ["# " + part for part in line.split("\n")]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def new_record(data_dir: Path, schemas: Schemas, collection: str, title: str,
               vocabularies: dict[str, list[dict[str, Any]]], today: str | None = None) -> tuple[Path | None, str]:
    """Write the skeleton; return (path, message) or (None, why not)."""
    if collection not in schemas.collections:
        return None, f"Onbekende collectie '{collection}'. Kies uit: {', '.join(schemas.collections)}."
    record_id = make_id(title)
    for other in sorted(data_dir.glob(f"*/{record_id}.yaml")):
        if other.parent.name == collection:
            return None, f"De id '{record_id}' bestaat al: {other.relative_to(data_dir.parent).as_posix()}."
    path = data_dir / collection / f"{record_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(schemas, collection, title, vocabularies, today or date.today().isoformat()), encoding="utf-8")
    return path, f"Nieuw record: {path.relative_to(data_dir.parent).as_posix()}"
