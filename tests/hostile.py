"""A hostile data set: one record of each collection with a hostile value in every plain-text field.

Made from a copy of the minimal fixture by walking the schemas, so a field added to a schema is
covered without touching this file. Every value starts with a marker naming its place
(``glossary-title``); the control data set has the same markers followed by harmless text, so both
build to pages of the same shape and any extra element or attribute is the hostile text's doing.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.schema import Schemas

from conftest import ROOT

# What a partner could type that a browser, Markdown, Jinja or a YAML/HTML attribute might act on.
PAYLOAD = ("<img src=x onerror=alert(1)> <script>alert(2)</script> \"><svg onload=alert(3)> "
           "'onmouseover='alert(4) {{ 7*7 }} {% raw %} [x](javascript:alert(5)) &amp; Actie & plan")
HARMLESS = "gewone tekst"
# Markdown is rendered and sanitised, so it may become (allow-listed) markup: the same in both data sets.
DESCRIPTION = ("Tekst met <img src=x onerror=alert(6)> en <script>alert(7)</script>, "
               "[klik](javascript:alert(8)) en {{ 7*7 }}.\n\n<a href=\"https://example.org\" onclick=\"alert(9)\">a</a>\n")
URL = "https://example.org/[x](javascript:alert(11))'met&teken?a=1&b=2"  # what the URL pattern lets through
EMAIL = "[x](javascript:alert(10))*o'brien*@example.org"  # what the e-mail pattern lets through
CORPUS = ROOT / "tests" / "corpus"


def _plain(node: dict[str, Any]) -> bool:
    """A free-text string field: no format, list of values or reference restricts it, and any pattern
    it has (a title is one line) lets the payload through."""
    if node.get("type") != "string" or any(k in node for k in ("format", "enum", "const", "x-ref", "x-vocab")):
        return False
    return "pattern" not in node or re.search(node["pattern"], f"x {PAYLOAD}") is not None


class _Filler:
    def __init__(self, schemas: Schemas, hostile: bool) -> None:
        self.schemas = schemas
        self.hostile = hostile
        self.values: dict[str, str] = {}  # marker → the value written

    def text(self, marker: str, node: dict[str, Any]) -> str:
        value = f"{marker} {PAYLOAD if self.hostile else HARMLESS}"[: node.get("maxLength", 10_000)].rstrip()
        self.values[marker] = value
        return value

    def fill(self, node: Any, base: str, value: Any, marker: str) -> Any:
        """``value`` with every plain-text part replaced (missing optional parts added)."""
        node, base = self.schemas.resolve(node, base)
        if marker.endswith("-description") and node.get("type") == "string":
            return DESCRIPTION
        if _plain(node):
            return self.text(marker, node)
        if node.get("type") == "string" and str(node.get("pattern", "")).startswith("^https?") and value is None:
            return URL if self.hostile else "https://example.org/pad"
        if node.get("type") == "string" and "@" in str(node.get("pattern", "")):
            return EMAIL if self.hostile else "o.brien@example.org"
        if node.get("type") == "array":
            items = value if isinstance(value, list) and value else None
            if items is None:
                item, _ = self.schemas.resolve(node.get("items", {}), base)
                if not (_plain(item) or item.get("type") == "object"):
                    return value
                items = [None]
            return [self.fill(node.get("items", {}), base, item, f"{marker}-{i}") for i, item in enumerate(items)]
        if node.get("type") == "object":
            current = dict(value or {})
            for key, sub in node.get("properties", {}).items():
                sub_node, _ = self.schemas.resolve(sub, base)
                if sub_node.get("const") is True:
                    current[key] = True  # contacts: consent given, so the contact is published
                    continue
                filled = self.fill(sub, base, current.get(key), f"{marker}-{key}")
                if filled is not None:
                    current[key] = filled
            return current
        return value


def make_data(target: Path, hostile: bool) -> dict[str, dict[str, str]]:
    """Write the data set to ``target`` (a data/ folder); return per record file its values by marker."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal" / "data", target)
    schemas = Schemas()
    written: dict[str, dict[str, str]] = {}
    for name, collection in schemas.collections.items():
        path = sorted((target / name).glob("*.yaml"))[0]
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        filler = _Filler(schemas, hostile)
        # Fields allowed only with another kind of record (the schema's if/else) are not added.
        other_kinds = {key for rule in collection.schema.get("allOf", []) for key in rule.get("else", {}).get("properties", {})}
        for key, node in collection.schema.get("properties", {}).items():
            if key not in record and (key in other_kinds or schemas.resolve(node, collection.schema_file)[0].get("type") == "object"):
                continue
            filled = filler.fill(node, collection.schema_file, record.get(key), f"{name}-{key}")
            if filled is not None:
                record[key] = filled
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
        written[f"data/{name}/{path.name}"] = filler.values
    vocabularies_path = target / "vocabularies.yaml"
    vocabularies = yaml.safe_load(vocabularies_path.read_text(encoding="utf-8"))
    filler = _Filler(schemas, hostile)
    for list_name, entries in vocabularies.items():
        for entry in entries:
            marker = f"{list_name}-{entry['id']}"
            entry["label"] = filler.text(f"{marker}-label", {"maxLength": 120})
            entry["description"] = filler.text(f"{marker}-description", {"maxLength": 500})
    vocabularies_path.write_text(yaml.safe_dump(vocabularies, allow_unicode=True, sort_keys=False), encoding="utf-8")
    written["data/vocabularies.yaml"] = filler.values
    # The corpus records that must build safely are built too, MkDocs included (in both data sets,
    # so the pages that list them keep the same shape).
    expected = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
    for corpus_name in sorted(n for n, e in expected.items() if "safe" in e):
        shutil.copy2(CORPUS / f"{corpus_name}.yaml", target / "glossary" / f"{corpus_name}.yaml")
    return written
