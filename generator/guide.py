"""The field tables of CONTRIBUTING.md, generated from the schemas so they cannot drift.

``python -m generator guide`` rewrites the part of CONTRIBUTING.md between the two markers; the
tests fail when the committed file differs from what the schemas say.
"""

from __future__ import annotations

import json

from .schema import Schemas

START = "<!-- veldtabellen:start (gegenereerd door 'make guide'; niet met de hand bewerken) -->"
END = "<!-- veldtabellen:end -->"

_KIND = {
    "text": "tekst", "markdown": "Markdown-tekst", "list": "lijst van teksten", "ref": "id van een {target}-record",
    "refs": "lijst van ids uit {target}", "vocab": "waarde uit de lijst {target}", "vocabs": "lijst van waarden uit {target}",
    "date": "datum JJJJ-MM-DD", "objects": "lijst van groepen velden", "object": "groep velden", "bool": "true of false",
}


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def tables(schemas: Schemas) -> str:
    parts = [START, ""]
    for name, collection in schemas.collections.items():
        parts += [f"### {collection.label} (`data/{name}/`)", "", _cell(collection.schema.get("description", "")), "",
                  "| Veld | Verplicht | Soort waarde | Wat vult u in | Voorbeeld |", "| --- | --- | --- | --- | --- |"]
        for info in schemas.fields(name):
            kind = _KIND.get(info.kind, info.kind).format(target=info.target)
            example = json.dumps(info.examples[0], ensure_ascii=False) if info.examples else ""
            parts.append(f"| `{info.name}` | {'ja' if info.required else 'nee'} | {kind} | "
                         f"**{_cell(info.title)}**: {_cell(info.description)} | {'`' + _cell(example) + '`' if example else ''} |")
        parts.append("")
    parts.append(END)
    return "\n".join(parts)


def update(text: str, schemas: Schemas) -> str:
    """The guide with its generated section replaced (appended when the markers are missing)."""
    generated = tables(schemas)
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        return head + generated + tail
    return text.rstrip() + "\n\n" + generated + "\n"
