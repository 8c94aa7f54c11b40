"""What the form workflow does with one issue event, kept here so it can be tested without GitHub.

``python -m generator issue-event <event.json> --out <folder>`` reads the event file GitHub
Actions provides, picks the form by the issue's labels, runs :func:`generator.fromissue.submit`,
and writes everything the later jobs need as files: the record, the comment (as JSON for
``gh api --input``), and the pull request's title and body. The workflow itself only moves
these files; the untrusted issue text never reaches a shell command or a workflow expression.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .config import Settings
from .forms import CHANGE, FORM_COLLECTIONS, FORM_LABEL
from .fromissue import Outcome, submit
from .schema import Schemas

MARKER = "<!-- kennisbank-formulier -->"  # the workflow updates the one comment that has it


def form_for_labels(schemas: Schemas, labels: list[str]) -> str:
    """The form an issue came from, by its labels ("" when it is no form issue)."""
    if FORM_LABEL not in labels:
        return ""
    for name in FORM_COLLECTIONS:
        if name in schemas.collections and f"{FORM_LABEL}: {schemas.collections[name].singular}" in labels:
            return name
    return CHANGE if f"{FORM_LABEL}: {CHANGE}" in labels else ""


def escape(text: str) -> str:
    """Text from the issue shown in a comment as text: no Markdown, HTML or @-mentions."""
    text = re.sub(r"([\\`*_\[\]<>|~#!])", r"\\\1", text)
    return text.replace("@", "@\u200b")


def comment(outcome: Outcome) -> str:
    if outcome.ok:
        what = (f"de wijziging van '{escape(outcome.field_title)}' in `{outcome.path}`" if outcome.change
                else f"het nieuwe record `{outcome.path}`")
        lines = [MARKER, "**Dank u!** Uw inzending is gecontroleerd en klaargezet als voorstel (pull request) voor "
                 f"{what}. Het secretariaat beoordeelt het; na goedkeuring staat het op de site en wordt dit "
                 "issue vanzelf gesloten.", "",
                 "Past u dit issue nog aan, dan wordt het voorstel bijgewerkt."]
        if outcome.warnings:
            lines += ["", "Let op (geen fout):", ""] + [f"- {escape(w)}" for w in outcome.warnings]
        return "\n".join(lines) + "\n"
    count = len(outcome.messages)
    lines = [MARKER, f"**Nog niet helemaal goed.** De kennisbank heeft uw inzending gecontroleerd en vond "
             f"{count} {'punt' if count == 1 else 'punten'} om aan te passen. Er is nog niets veranderd.", ""]
    for message in outcome.messages:
        label, _, text = message.partition(": ")
        lines.append(f"- **{escape(label)}**: {escape(text)}")
    lines += ["", "Pas het issue aan: kies rechtsboven bij uw bericht ··· en dan *Edit*, verbeter de genoemde "
              "velden en kies *Update comment*. De controle loopt dan vanzelf opnieuw en dit bericht wordt "
              "bijgewerkt. Hulp nodig? Antwoord hieronder; het secretariaat leest mee."]
    return "\n".join(lines) + "\n"


def pull_request(outcome: Outcome, number: int, schemas: Schemas) -> tuple[str, str]:
    """Title and body of the pull request; only ids, schema titles and escaped text in them."""
    if outcome.change:
        title = f"Wijziging {outcome.collection}/{outcome.record_id}: {outcome.field_title} (formulier #{number})"
        detail = [f"- Record: `{outcome.path}`", f"- Gewijzigd veld: {outcome.field_title}", "",
                  "Toelichting van de indiener:", ""]
        detail += [f"> {escape(line)}" if line.strip() else ">" for line in outcome.explanation.split("\n")]
    else:
        singular = schemas.collections[outcome.collection].singular
        title = f"Nieuw {singular}: {outcome.record_id} (formulier #{number})"
        detail = [f"- Nieuw record: `{outcome.path}`"]
    body = [f"Voorstel uit formulier #{number}, gemaakt door de workflow *Formulier verwerken*.", "", *detail, ""]
    if outcome.warnings:
        body += ["Waarschuwingen:", ""] + [f"- {escape(w)}" for w in outcome.warnings] + [""]
    body += ["Controleer de inhoud tegen de bron voordat u samenvoegt.", "", f"Closes #{number}"]
    return title, "\n".join(body) + "\n"


def run_event(settings: Settings, event: dict[str, Any], out: Path, today: str) -> dict[str, Any]:
    """Handle one ``issues`` event; write the files for the workflow into ``out`` and return the result."""
    issue = event.get("issue") or {}
    number = int(issue.get("number") or 0)
    labels = [str(label.get("name", "")) for label in issue.get("labels") or [] if isinstance(label, dict)]
    schemas = Schemas()
    form = form_for_labels(schemas, labels)
    out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"ok": False, "skipped": True, "number": number, "path": "", "change": False,
                              "branch": f"formulier/issue-{number}"}
    if not form or issue.get("state", "open") != "open" or number <= 0:
        _write_result(out, result)
        return result
    outcome = submit(settings, form, str(issue.get("body") or ""), today)
    result.update(ok=outcome.ok, skipped=False, path=outcome.path if outcome.ok else "", change=outcome.change)
    (out / "comment.json").write_text(json.dumps({"body": comment(outcome)}, ensure_ascii=False), encoding="utf-8")
    (out / "outcome.json").write_text(json.dumps(asdict(outcome), ensure_ascii=False, indent=2), encoding="utf-8")
    if outcome.ok:
        shutil.copyfile(settings.root / outcome.path, out / "record.yaml")
        title, body = pull_request(outcome, number, schemas)
        (out / "pr-title.txt").write_text(title + "\n", encoding="utf-8")
        (out / "pr-body.md").write_text(body, encoding="utf-8")
    _write_result(out, result)
    return result


def _write_result(out: Path, result: dict[str, Any]) -> None:
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")
    github_output = os.environ.get("GITHUB_OUTPUT")
    if github_output:  # only booleans, a number and a path made from a slug: nothing from the issue text
        with Path(github_output).open("a", encoding="utf-8") as handle:
            for key in ("ok", "skipped", "change"):
                handle.write(f"{key}={str(result[key]).lower()}\n")
            handle.write(f"number={result['number']}\npath={result['path']}\nbranch={result['branch']}\n")
