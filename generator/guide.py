"""The field tables of CONTRIBUTING.md, generated from the schemas so they cannot drift.

``python -m generator guide`` rewrites the part of CONTRIBUTING.md between the two markers; the
tests fail when the committed file differs from what the schemas say.
"""

from __future__ import annotations

import json
from typing import Any

from .quantities import UNIT_LABELS
from .schema import Schemas

START = "<!-- veldtabellen:start (gegenereerd door 'make guide'; niet met de hand bewerken) -->"
END = "<!-- veldtabellen:end -->"

_KIND = {
    "text": "tekst", "markdown": "Markdown-tekst", "list": "lijst van teksten", "ref": "id van een {target}-record",
    "refs": "lijst van ids uit {target}", "vocab": "waarde uit de lijst {target}", "vocabs": "lijst van waarden uit {target}",
    "date": "datum JJJJ-MM-DD", "objects": "lijst van groepen velden", "object": "groep velden", "bool": "true of false",
}
_FIGURE = "getal ({unit}) met bron"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def tables(schemas: Schemas) -> str:
    parts = [START, ""]
    for name, collection in schemas.collections.items():
        parts += [f"### {collection.label} (`data/{name}/`)", "", _cell(collection.schema.get("description", "")), "",
                  "| Veld | Verplicht | Soort waarde | Wat vult u in | Voorbeeld |", "| --- | --- | --- | --- | --- |"]
        when = _required_when(collection.schema)
        for info in schemas.fields(name):
            kind = (_FIGURE.format(unit=UNIT_LABELS.get(info.unit, info.unit)) if info.unit
                    else _KIND.get(info.kind, info.kind).format(target=info.target))
            example = json.dumps(info.examples[0], ensure_ascii=False) if info.examples else ""
            required = "ja" if info.required else when.get(info.name, "nee")
            parts.append(f"| `{info.name}` | {required} | {kind} | "
                         f"**{_cell(info.title)}**: {_cell(info.description)} | {'`' + _cell(example) + '`' if example else ''} |")
        parts.append("")
    parts.append(END)
    return "\n".join(parts)


def _required_when(schema: dict[str, Any]) -> dict[str, str]:
    """Fields a condition makes required (``if kind is x then required``): "bij kind: x"."""
    out = {}
    for rule in schema.get("allOf", []):
        condition = rule.get("if", {}).get("properties", {})
        for field, required in ((f, rule.get("then", {}).get("required", [])) for f in condition):
            if "const" in condition[field]:
                out.update({name: f"bij {field}: {condition[field]['const']}" for name in required})
    return out


def update(text: str, schemas: Schemas) -> str:
    """The guide with its generated section replaced (appended when the markers are missing)."""
    generated = tables(schemas)
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        return head + generated + tail
    return text.rstrip() + "\n\n" + generated + "\n"
