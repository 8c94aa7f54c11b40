"""The secretariat's weekly lists as GitHub issues: records past their review date, broken links.

``python -m generator routine stale|links --out <file.json>`` writes the title, label and
Markdown body of the one issue that holds the list (and how many items it has); the weekly
workflow opens that issue, updates it, or closes it when the list is empty. All the deciding is
here, so it is tested; the workflow only moves the file to GitHub.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .config import Settings
from .issueflow import escape
from .model import Model, Record

MAX_BODY = 60_000  # GitHub refuses an issue body over 65,536 characters
STALE_LABEL = "routine: controledatum"
LINKS_LABEL = "routine: links"


def _file_link(settings: Settings, path: str) -> str:
    if settings.repo_url:
        return f"[`{path}`]({settings.repo_url.rstrip('/')}/blob/{settings.edit_branch}/{path})"
    return f"`{path}`"


def _body(head: list[str], items: list[str], more: str) -> str:
    """The head and as many items as fit in one issue, then how many more there are."""
    lines, size = list(head), sum(len(line) + 1 for line in head)
    for index, item in enumerate(items):
        if size + len(item) + 1 > MAX_BODY - 200:
            lines += ["", more.format(count=len(items) - index)]
            break
        lines.append(item)
        size += len(item) + 1
    return "\n".join(lines).rstrip() + "\n"


def stale_issue(model: Model, found: dict[str, list[tuple[Record, int]]], months: int, reference: date,
                settings: Settings) -> dict[str, Any]:
    """The issue listing every record last reviewed ``months`` or more before ``reference``."""
    count = sum(len(items) for items in found.values())
    head = [f"Deze records zijn {months} maanden of langer niet inhoudelijk gecontroleerd (peildatum "
             f"{reference.isoformat()}). Controleer elk record tegen de bron, werk het zo nodig bij en zet "
             "`last_reviewed` op de datum van de controle. Deze lijst wordt elke week bijgewerkt; is hij leeg, "
             "dan sluit dit issue vanzelf.", ""]
    items: list[str] = []
    for name, found_here in found.items():
        items += [f"### {model.collections[name].label} ({len(found_here)})", ""]
        for record, age in found_here:
            items.append(f"- [ ] {escape(str(record.fields['title']))}: {_file_link(settings, record.source_path)}, "
                         f"laatst gecontroleerd {record.fields['last_reviewed']} ({age} maanden)")
        items.append("")
    more = "… en nog {count} regels: `make stale` toont de hele lijst."
    return {"label": STALE_LABEL, "title": "Records om opnieuw te controleren", "count": count,
            "body": _body(head, items, more),
            "closing": "Alle records zijn weer binnen de termijn gecontroleerd: dit issue sluit vanzelf."}


def links_issue(found: list[tuple[str, str, str]], total: int, settings: Settings) -> dict[str, Any]:
    """The issue listing every external link that did not answer well."""
    head = [f"Van de {total} externe links in de records werken er {len(found)} niet (of gaven een fout). "
             "Zoek per link het nieuwe adres op of haal de link weg. Deze lijst wordt elke week bijgewerkt; is "
             "hij leeg, dan sluit dit issue vanzelf.", "", "| Record | Link | Probleem |", "| --- | --- | --- |"]
    items = [f"| {_file_link(settings, path)} | {escape(url)} | {escape(reason)} |" for path, url, reason in found]
    return {"label": LINKS_LABEL, "title": "Externe links die niet werken", "count": len(found),
            "body": _body(head, items, "… en nog {count} links: `make links` toont de hele lijst."),
            "closing": "Alle externe links werken weer: dit issue sluit vanzelf."}
