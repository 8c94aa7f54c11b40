"""When a check on the built site refuses it: which record file and field the offending text came from.

The checks on built HTML (:mod:`generator.csp`) and MkDocs' own checks find a page; a partner
needs the file and field to fix. A built page maps back to its Markdown file in the staging folder
and from there to its record (``<collection path>/<id>.md`` is ``data/<collection>/<id>.yaml``) or
to a hand-written page in ``content/``; the field is the one whose text stands on the page, markup
and all, unescaped.
Only runs when a check has tripped, so it may read every record again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .load import RawRecord, load
from .problems import Problem
from .schema import Schemas
from .text import normalise
from .yamlsafe import pointer, texts

HINT = ("Haal de HTML-code uit dit veld en meld het aan de beheerders van de kennisbank: "
        "de generator had deze tekst als gewone tekst moeten tonen.")


class BuildRefused(Exception):
    """A check on the built site failed; ``problems`` say where, in Dutch."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.text() for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Finding:
    """Something on a built page that must not be there."""

    page: str  # the page in the site, e.g. ``begrippen/marktmeester/index.html``
    what: str  # Dutch, e.g. "een event-handler (onerror op <img>)"
    markup: str  # the offending HTML as it stands in the page (a start tag, or a whole script)
    at: int  # where it starts in the page's text


def source_of_page(page: str, schemas: Schemas, root: Path | None = None) -> str:
    """The file a built page (``….html``) or staged page (``….md``) was made from: its record
    ``data/<collection>/<id>.yaml``, its hand-written page in ``content/``, or, for a generated
    overview or theme page, the templates."""
    stem = page.removesuffix(".md").removesuffix(".html")
    stem = stem.removesuffix("index").rstrip("/")
    folder, _, name = stem.rpartition("/")
    for collection in schemas.collections.values():
        if folder == collection.path and name:
            return f"data/{collection.name}/{name}.yaml"
    for candidate in (f"content/{stem}.md", f"content/{stem}/index.md", "content/index.md" if not stem else ""):
        if candidate and (root is None or (root / candidate).is_file()):
            return candidate
    return "generator/templates"


def _caused(text: str, finding: Finding, before: str) -> int:
    """How much of ``text`` (a field's value) explains the markup found: 0 unless the field holds
    the markup and the page, just before it, holds the field's words before it (so a field that
    merely holds the same markup, shown safely elsewhere, is no cause). Whitespace is compared
    collapsed, as pages show plain text on one line."""
    at = text.find(finding.markup)
    if at < 0:
        return 0
    own = normalise(text[:at])
    return len(own) + 1 if before.endswith(own) else 0


def trace(findings: list[Finding], site: Path, root: Path) -> list[Problem]:
    """One problem per record field that put offending HTML on a page, or per page when no field did."""
    schemas = Schemas()
    loaded = load(root / "data", list(schemas.collections), root)
    files: list[RawRecord] = [r for records in loaded.records.values() for r in records]
    if loaded.vocabularies is not None:
        files.append(loaded.vocabularies)
    hits: dict[tuple[str, tuple[str | int, ...]], tuple[RawRecord, list[Finding]]] = {}
    unexplained: list[Finding] = []
    pages: dict[str, str] = {}
    for finding in findings:
        if finding.page not in pages:
            pages[finding.page] = (site / finding.page).read_text(encoding="utf-8")
        before = normalise(pages[finding.page][max(0, finding.at - 4000):finding.at])
        causes = [(_caused(text, finding, before), record, path)
                  for record in files for path, text in texts(record.data)]
        best = max((length for length, _, _ in causes), default=0)
        if not best:
            unexplained.append(finding)
        # The field that explains most of the text before the markup.
        for length, record, path in causes:
            if length == best and best:
                hits.setdefault((record.path, path), (record, []))[1].append(finding)
    problems = []
    for (_file, path), (record, found) in hits.items():
        shown = sorted({f.page for f in found})
        line, column = record.where(path)
        where = shown[0] if len(shown) == 1 else f"{len(shown)} pagina's, waaronder {shown[0]}"
        problems.append(Problem(record.path, line, column, "unsafe-html-on-site",
                                f"Tekst uit dit veld staat op de gebouwde site als HTML met {found[0].what} ({where}).",
                                pointer(path), HINT))
    for finding in unexplained:
        source = source_of_page(finding.page, schemas, root)
        problems.append(Problem(source, 1, 1, "unsafe-html-on-site",
                                f"De gebouwde pagina {finding.page} bevat {finding.what}, en geen veld van een record bevat die tekst.",
                                hint="Waarschijnlijk schrijft een sjabloon (generator/templates of "
                                     "overrides/) dit: meld het aan de beheerders van de kennisbank."))
    return sorted(problems)


# MkDocs' warnings (strict mode turns each into a failure), said in Dutch.
_LINK = re.compile(r"Doc file '(?P<doc>[^']+)' contains (?:an absolute |a )?link '(?P<link>[^']+)'(?P<rest>.*)")


def engine_problems(warnings: list[str], root: Path) -> list[Problem]:
    """MkDocs' warnings as problems naming the file they are about (and the line, where the
    link stands in it), in Dutch; ``[]`` when none names a page."""
    schemas = Schemas()
    problems = []
    for warning in warnings:
        match = _LINK.search(warning)
        if not match:
            continue
        source, link, rest = source_of_page(match["doc"], schemas, root), match["link"], match["rest"]
        if "no such anchor" in rest or "does not contain an anchor" in rest:
            message = f"De link '{link}' wijst naar een kop die niet bestaat."
        elif "absolute link" in warning:
            message = f"De link '{link}' is absoluut; gebruik een link naar het .md-bestand, relatief aan deze pagina."
        else:
            message = f"De link '{link}' wijst naar een pagina die niet bestaat."
        line, column = 1, 1
        path = root / source
        if path.is_file():
            for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if link in text:
                    line, column = number, text.index(link) + 1
                    break
        problems.append(Problem(source, line, column, "broken-link", message,
                                hint="Controleer de bestandsnaam (zie de map content/ en de "
                                     "adressen van de records)."))
    return sorted(problems)
