"""Issue bodies as GitHub writes them from a submitted issue form, made from the form file itself.

For every input of the form, in order: ``### <label>``, a blank line, the answer, a blank line.
An empty answer is ``_No response_``; a dropdown's chosen options are joined with ", "; a
checkboxes input lists every box as ``- [X] label`` or ``- [ ] label``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"


def form(name: str) -> dict[str, Any]:
    return yaml.safe_load((TEMPLATES / f"{name}.yml").read_text(encoding="utf-8"))


def inputs(name: str) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in form(name)["body"] if e["type"] != "markdown"}


def render(name: str, answers: dict[str, Any]) -> str:
    """The body GitHub writes for ``answers`` (by field id) given in the form ``name``."""
    unknown = set(answers) - set(inputs(name))
    assert not unknown, f"not in the form: {unknown}"
    parts = []
    for element in form(name)["body"]:
        if element["type"] == "markdown":
            continue
        attributes = element["attributes"]
        value = answers.get(element["id"])
        if element["type"] == "checkboxes":
            chosen = value or []
            text = "\n".join(f"- [{'X' if o['label'] in chosen else ' '}] {o['label']}" for o in attributes["options"])
        elif element["type"] == "dropdown":
            chosen = value if isinstance(value, list) else ([value] if value else [])
            for option in chosen:
                assert option in attributes["options"], f"{option!r} is not an option of {element['id']}"
            text = ", ".join(chosen) or "_No response_"
        else:
            text = value or "_No response_"
        parts.append(f"### {attributes['label']}\n\n{text}")
    return "\n\n".join(parts) + "\n"


def required_answers(name: str, title: str) -> dict[str, Any]:
    """Answers to every required input of a collection form: the first option, or the example."""
    answers: dict[str, Any] = {}
    for ident, element in inputs(name).items():
        if not element.get("validations", {}).get("required"):
            continue
        attributes = element["attributes"]
        if element["type"] == "dropdown":
            answers[ident] = [attributes["options"][0]] if attributes["multiple"] else attributes["options"][0]
        elif ident == "sources-section":
            answers[ident] = "4. Ontwikkelagenda, actie 6"
        else:
            answers[ident] = attributes.get("placeholder") or "Een tekst die lang genoeg is voor dit veld."
    answers["title"] = title
    return answers
