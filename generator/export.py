"""Open data: every collection as JSON and CSV, and the glossary as SKOS following NL-SBB.

The site is for reading; these files are for reuse. They are derived from the same finished
model as the pages, so the downloads can never disagree with the site. Three rules hold for all
of them:

* only authored values are published (plus each record's ``id`` and page ``url``), never
  anything the generator derives, so a download is a faithful copy of ``data/``;
* output is deterministic (byte-identical for the same input), so a rebuild without data changes
  leaves the published files untouched and diffs between releases show only real changes;
* the glossary conforms to the Dutch *Nederlandse standaard voor het beschrijven van begrippen*
  (NL-SBB, SHACL profile ``skos-ap-nl``), so it can be loaded into government concept browsers.

The entry point :func:`export` returns the files by path relative to the docs folder; writing
them is the build stage's job.

The SKOS files (Turtle and compact JSON-LD) are written without rdflib, by :mod:`generator.rdf`;
this module decides what the graph says.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import quote

from .addresses import OPEN_DATA, PROJECTS, relative, theme_url
from .config import Settings
from .model import Model, Record
from .projects import CASES, THEMES, ProjectsView, local_projects, projects_view
from .rdf import (
    DCTERMS,
    FOAF,
    IRI,
    LANGUAGE,
    OWL,
    RDF_TYPE,
    RDFS,
    SKOS,
    TRUE,
    BlankNode,
    Graph,
    Literal,
    statements,
    write_json_ld,
    write_turtle,
)
from .schema import FieldInfo
from .text import strip_tags

GLOSSARY = "glossary"
SOURCES = "sources"
URN = "urn:kennisbank-waardevolle-kernen"
ATTRIBUTION = "Kennisbank Waardevolle Kernen"
REUSE = f"De gegevens mogen worden hergebruikt met bronvermelding ({ATTRIBUTION})."
LIST_SEPARATOR = " | "
INDEX = f"{OPEN_DATA}/index.md"
PROJECTS_CSV, GROUPS_CSV = "projecten.csv", "projecten-per-groep.csv"  # linked from /projecten/
# Spreadsheets execute a cell that starts with one of these as a formula (CSV injection, see
# OWASP); tab and carriage return are included because some spreadsheets skip them first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a URL may contain to be written as an IRI (schema URLs are already http(s)); used with
# fullmatch: no space, no control character and none of <>"{}|^`\, so it cannot end Turtle's <...>.
SAFE_IRI = re.compile(r"https?://[^\x00-\x20\x7f-\x9f\s<>\"{}|\\^`]+")
# What the configured site URL may be to serve as the base of the concept IRIs: as SAFE_IRI, and
# without query or fragment, so ``<base>/begrippen/<id>/`` is an address of a page on the site.
SAFE_BASE = re.compile(r"https?://[^\x00-\x20\x7f-\x9f\s<>\"{}|\\^`?#]+")


def export(model: Model, settings: Settings) -> dict[str, bytes]:
    """All open-data files by path relative to the docs folder, in a stable order."""
    files: dict[str, bytes] = {}
    for name in model.collections:
        rows = [published_fields(model, record) for record in by_id(model, name)]
        files[f"{OPEN_DATA}/{name}.json"] = collection_json(rows)
        files[f"{OPEN_DATA}/{name}.csv"] = collection_csv(csv_columns(model, name), rows)
    if GLOSSARY in model.collections:
        files[f"{OPEN_DATA}/begrippen.ttl"], files[f"{OPEN_DATA}/begrippen.jsonld"] = skos_files(model, settings)
    view = projects_view(model)
    files[f"{OPEN_DATA}/{PROJECTS_CSV}"] = projects_csv(model, view, model.addresses.url)
    files[f"{OPEN_DATA}/{GROUPS_CSV}"] = groups_csv(view)
    files[f"{OPEN_DATA}/index.md"] = index_page(model)
    return dict(sorted(files.items()))


def skos_files(model: Model, settings: Settings) -> tuple[bytes, bytes]:
    """Turtle and JSON-LD of the glossary."""
    ordered = statements(glossary_graph(model, settings))
    return write_turtle(ordered), write_json_ld(ordered)


# -- records as plain data -------------------------------------------------------------------------


def by_id(model: Model, name: str) -> list[Record]:
    """A collection's records sorted by id: ids are stable, titles may be edited."""
    return sorted(model.records.get(name, []), key=lambda r: r.id)


def published_fields(model: Model, record: Record) -> dict[str, Any]:
    """The authored fields plus ``id`` and ``url``: what a reuser needs to link back to the page."""
    fields = dict(record.fields)
    if "contacts" in fields:
        # Validation already refuses contacts without consent; this keeps the rule if that ever changes.
        fields["contacts"] = [c for c in fields["contacts"] if isinstance(c, dict) and c.get("consent") is True]
        if not fields["contacts"]:
            del fields["contacts"]
    return {**fields, "id": record.id, "url": model.addresses.url(record)}


def collection_json(rows: list[dict[str, Any]]) -> bytes:
    """One JSON array per collection (the records' published fields in id order), one record per
    line, keys sorted: the bytes depend only on the data, and a diff between two releases shows
    one changed line per changed record.

    Not ``indent=2``: with indentation ``json`` falls back to its much slower pure-Python encoder.
    """
    lines = [json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows]
    return ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")


# -- CSV -------------------------------------------------------------------------------------------


def csv_columns(model: Model, name: str) -> list[FieldInfo | str]:
    """``id``, ``url`` and then every top-level schema field, so all files of a collection share columns."""
    return ["id", "url", *model.schemas.fields(name)]


def collection_csv(columns: list[FieldInfo | str], rows: list[dict[str, Any]]) -> bytes:
    """One row per record; lists and objects flattened to text so the file opens in any spreadsheet."""
    names = [column if isinstance(column, str) else column.name for column in columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    writer.writerows([cell(row.get(name)) for name in names] for row in rows)
    return out.getvalue().encode("utf-8")


def cell(value: Any) -> str:
    """One CSV cell: lists joined with `` | ``, objects flattened, formulas neutralised."""
    if value.__class__ is str:  # most cells: no flattening to do
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    if value is None:
        return ""
    return neutralise(flatten(value))


def flatten(value: Any) -> str:
    """A scalar or one nested object as readable text (``document: section``, ``title <url>``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return flatten_object(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(flatten(item) for item in value)
    return "" if value is None else str(value)


def flatten_object(value: dict[str, Any]) -> str:
    """The nested objects the schemas define, each in the form people write them by hand."""
    if "value" in value and "source" in value:  # a stated figure (x-unit) and where it comes from
        return f"{value['value']} ({flatten(value['source'])})"
    if "document" in value:
        return f"{value['document']}: {value.get('section', '')}".rstrip(": ")
    if "url" in value:
        return f"{value.get('title', '')} <{value['url']}>".strip()
    if "name" in value:
        text = str(value["name"])
        if value.get("role"):
            text += f" ({value['role']})"
        if value.get("email"):
            text += f" <{value['email']}>"
        return text
    return "; ".join(f"{key}: {flatten(value[key])}" for key in sorted(value))


def neutralise(text: str) -> str:
    """Prefix a quote so a spreadsheet shows ``=…`` as text instead of running it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# -- the local projects (Projecten en mandjes) ----------------------------------------------------


def vocab_labels(model: Model, vocabulary: str, ids: Iterable[str]) -> str:
    """Vocabulary values as their Dutch labels, in one cell."""
    return LIST_SEPARATOR.join(model.vocab_label(vocabulary, i) for i in ids)


def cited_source(model: Model, source: dict[str, str]) -> str:
    """Where a stated figure comes from, as text: *document title, section* or *title <url>*."""
    if "document" in source:
        return f"{model.get(('sources', source['document'])).title}, {source['section']}"
    return f"{source['title']} <{source['url']}>"


def plain_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def projects_csv(model: Model, view: ProjectsView, url: Callable[[Record], str]) -> bytes:
    """One row per local project with what the page shows: values as their Dutch labels, figures
    as plain numbers (an empty cell when unknown, never 0), each with its source; only contact
    persons who gave consent. Columns are named after the schema fields, as in the other files.
    """
    head = ["id", "title", "url", "places", "province", "themes", "phase", "seeks"]
    for m in view.measures:
        head += [m.field, f"{m.field}_source"]
    head.append("contacts")
    rows = [head]
    for p in view.projects:
        f = p.record.fields
        row = [p.record.id, p.record.title, url(p.record), LIST_SEPARATOR.join(p.places), p.province,
               vocab_labels(model, THEMES, f["themes"]), p.phase, LIST_SEPARATOR.join(p.seeks)]
        for m in view.measures:
            stated = f.get(m.field)
            row += [str(stated["value"]), cited_source(model, stated["source"])] if stated else ["", ""]
        people = [c for c in f.get("contacts", []) if c.get("consent") is True]
        row.append(LIST_SEPARATOR.join(flatten_object(c) for c in people))
        rows.append([neutralise(cell) for cell in row])
    return plain_csv(rows)


def groups_csv(view: ProjectsView) -> bytes:
    """One row per group (and one for all projects): count, and per figure how many know it and their
    sum; the sum is empty, not 0, when no project in the group states the figure.
    """
    head = ["grouping", "group", "projects"]
    for m in view.measures:
        head += [f"{m.field}_sum", f"{m.field}_known", f"{m.field}_unknown"]
    rows = [head]
    everything = [("alle", "Alle lokale projecten", len(view.projects), view.totals)] if view.projects else []
    for kind, _heading, groups in view.groupings():
        everything += [(kind, g.label, len(g.projects), g.totals) for g in groups]
    for kind, label, count, group_totals in everything:
        row = [kind, label, str(count)]
        for t in group_totals:
            row += [str(t.total) if t.known else "", str(t.known), str(t.unknown)]
        rows.append([neutralise(cell) for cell in row])
    return plain_csv(rows)


# -- the glossary as SKOS (NL-SBB) --------------------------------------------------------------------
SLUG = re.compile(r"[a-z0-9-]+")


@dataclass(frozen=True)
class Identifiers:
    """Stable URIs: the published page when the site URL is known, otherwise a URN that never changes.

    A URN rather than a made-up web address: a URI that looks resolvable but is not would be worse
    for reusers than one that plainly is a name. A site URL that is not a plain http(s) address
    (see ``SAFE_BASE``) counts as unknown, so no setting can produce an IRI that breaks the files.
    """

    site_url: str
    glossary_path: str

    @cached_property
    def base(self) -> str:
        base = self.site_url.rstrip("/")
        return base if SAFE_BASE.fullmatch(base + "/") else ""

    @cached_property
    def glossary(self) -> str:
        """Where the scheme and its concepts are: the glossary's web address, or the URN."""
        return f"{self.base}/{segment(self.glossary_path)}/" if self.base else f"{URN}:begrippen"

    def scheme(self) -> IRI:
        return IRI(self.glossary)

    def concept(self, term_id: str) -> IRI:
        return IRI(f"{self.glossary}{segment(term_id)}/" if self.base else f"{self.glossary}:{segment(term_id)}")

    def theme(self, theme_id: str) -> IRI:
        theme = segment(theme_id)
        return IRI(f"{self.base}/{theme_url(theme)}" if self.base else f"{URN}:themas:{theme}")

    def page(self, path: str) -> IRI | None:
        """The web page of a site path, only when the site URL is known."""
        return IRI(f"{self.base}/{quote(path, safe='/')}") if self.base else None


def segment(text: str) -> str:
    """One path segment or URN part, percent-encoded; ids are slugs, so this normally changes nothing."""
    return text if SLUG.fullmatch(text) else quote(text, safe="")


def nl(text: str) -> Literal:
    """A Dutch language-tagged literal: NL-SBB requires rdf:langString for labels and notes."""
    return Literal(str(text), LANGUAGE)


@lru_cache(maxsize=8192)
def html_text(fragment: str) -> str:
    """Sanitised HTML (a description as the site shows it) as plain text: a SKOS note is text, and
    a reuser may show it without escaping it.

    Stripped of every tag, so no markup or script in partner text reaches a concept browser;
    paragraphs stay separated by a blank line. Cached: ``make serve`` rebuilds the graph after
    every edit of a term, when all other descriptions are unchanged.
    """
    stripped = html.unescape(strip_tags(fragment))
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n|\n", stripped)]
    return "\n\n".join(p for p in paragraphs if p)


def safe_iri(url: str) -> IRI | None:
    """A link as IRI, or ``None`` if it holds characters Turtle cannot write in an IRI."""
    return IRI(url) if SAFE_IRI.fullmatch(url) else None


def glossary_graph(model: Model, settings: Settings) -> Graph:
    """The glossary as one skos:ConceptScheme, with themes as skos:Collection."""
    ids = Identifiers(settings.site_url, model.collections[GLOSSARY].path)
    graph: Graph = set()
    terms = by_id(model, GLOSSARY)
    add_scheme(graph, ids, settings)
    for term in terms:
        add_concept(graph, model, ids, term)
    add_themes(graph, model, ids, terms)
    return graph


def add_scheme(graph: Graph, ids: Identifiers, settings: Settings) -> None:
    """The concept scheme: NL-SBB requires a dct:title; prefLabel and comment help SKOS browsers."""
    scheme = ids.scheme()
    title = f"Begrippen van de {settings.site_name}" if settings.site_name else f"Begrippen van de {ATTRIBUTION}"
    graph.add((scheme, RDF_TYPE, SKOS.ConceptScheme))
    graph.add((scheme, DCTERMS.title, nl(title)))
    graph.add((scheme, SKOS.prefLabel, nl(title)))
    graph.add((scheme, RDFS.comment, nl(
        "De gedeelde taal van het lerend netwerk van het Pact voor Waardevolle Kernen: begrippen met "
        "definitie, afkortingen, synoniemen en verwante begrippen.")))
    graph.add((scheme, DCTERMS.rights, nl(REUSE)))


def add_concept(graph: Graph, model: Model, ids: Identifiers, term: Record) -> None:
    """One skos:Concept with everything NL-SBB asks for (see the profile in tests/standards/nl-sbb)."""
    concept, scheme = ids.concept(term.id), ids.scheme()
    derived = model.derived[term.key]
    graph.add((concept, RDF_TYPE, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((concept, SKOS.prefLabel, nl(term.title)))
    for label in alternative_labels(term):
        graph.add((concept, SKOS.altLabel, nl(label)))
    graph.add((concept, SKOS.definition, nl(term.fields["definition"])))
    if term.summary:
        graph.add((concept, RDFS.comment, nl(term.summary)))
    if "description" in derived.prose:  # rendered once, by the model, as the site shows it
        graph.add((concept, SKOS.scopeNote, nl(html_text(derived.prose["description"].text))))
    if not derived.broader:
        # A concept without a broader one is an entry point; NL-SBB forbids a top concept with a broader.
        graph.add((concept, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
    for predicate, others in ((SKOS.broader, derived.broader), (SKOS.narrower, derived.narrower),
                              (SKOS.related, derived.related)):
        for other in others:
            graph.add((concept, predicate, ids.concept(other.id)))
    add_sources(graph, model, ids, term, concept)
    if term.retired:  # kept, so links to it resolve, but marked as no longer in use (as Skosmos shows it)
        graph.add((concept, OWL.deprecated, TRUE))
        if "replaced_by" in term.fields:
            graph.add((concept, DCTERMS.isReplacedBy, ids.concept(term.fields["replaced_by"])))
    for link in term.fields.get("links", []):
        iri = safe_iri(link["url"])
        if iri is not None:
            graph.add((concept, RDFS.seeAlso, iri))


def alternative_labels(term: Record) -> list[str]:
    """Abbreviations and synonyms, minus the preferred term: SKOS makes prefLabel and altLabel disjoint."""
    seen: list[str] = []
    for label in [*term.fields.get("abbreviations", []), *term.fields.get("synonyms", [])]:
        if label != term.title and label not in seen:
            seen.append(label)
    return seen


def add_sources(graph: Graph, model: Model, ids: Identifiers, term: Record, concept: IRI) -> None:
    """dct:source to a source-document node per cited section, as NL-SBB's SourceDocument shape wants.

    A node per citation (not per document) because the section belongs to the citation; its blank
    node label is derived from the term id and position so the serialisation stays deterministic.
    """
    seen: set[tuple[str, str]] = set()
    for source in term.fields.get("sources", []):
        key = (source["document"], source["section"])
        if key in seen:
            continue
        seen.add(key)
        document = model.get((SOURCES, source["document"]))
        node = BlankNode(f"bron-{term.id}-{len(seen)}")
        graph.add((concept, DCTERMS.source, node))
        graph.add((node, DCTERMS.title, nl(document.title)))
        # The citation is a plain string (no language): it quotes a document title and section number.
        graph.add((node, DCTERMS.bibliographicCitation, Literal(f"{document.title}, {source['section']}")))
        if document.summary:
            graph.add((node, RDFS.comment, nl(document.summary)))
        page = ids.page(model.addresses.url(document))
        if page is not None:
            graph.add((node, FOAF.page, page))
        for link in document.fields.get("links", []):
            iri = safe_iri(link["url"])
            if iri is not None:
                graph.add((node, FOAF.page, iri))


def add_themes(graph: Graph, model: Model, ids: Identifiers, terms: Iterable[Record]) -> None:
    """Each theme that has terms becomes a skos:Collection (NL-SBB: "collectie"), so reusers can filter."""
    members: dict[str, list[str]] = {}
    for term in terms:
        for theme_id in term.fields.get("themes", []):
            members.setdefault(theme_id, []).append(term.id)
    for theme_id, term_ids in sorted(members.items()):
        collection = ids.theme(theme_id)
        entry = model.vocabularies.get("themes", {}).get(theme_id)
        graph.add((collection, RDF_TYPE, SKOS.Collection))
        graph.add((collection, SKOS.prefLabel, nl(entry.label if entry else theme_id)))
        if entry and entry.description:
            graph.add((collection, RDFS.comment, nl(entry.description)))
        for term_id in term_ids:
            graph.add((collection, SKOS.member, ids.concept(term_id)))


# -- the page that lists the downloads ------------------------------------------------------------


def index_page(model: Model) -> bytes:
    """The Dutch "Open data" page: every download with its format and number of records."""
    # One row per collection, three columns: the table fits a phone's width without scrolling.
    rows = []
    for name, collection in model.collections.items():
        count = len(model.records.get(name, []))
        rows.append(f"| {collection.label} | {count} | [{name}.json]({name}.json) (JSON), [{name}.csv]({name}.csv) (CSV) |")
    if CASES in model.collections:
        count = len(local_projects(model))
        rows.append(f"| Lokale projecten, zoals op [Projecten en mandjes]({relative(INDEX, PROJECTS)}) | {count} | "
                    f"[{PROJECTS_CSV}]({PROJECTS_CSV}) (CSV), [{GROUPS_CSV}]({GROUPS_CSV}) (CSV, per thema en per provincie: "
                    "aantallen en opgetelde omvang) |")
    if GLOSSARY in model.collections:
        count = len(model.records.get(GLOSSARY, []))
        rows.append(f"| Begrippen als SKOS (NL-SBB) | {count} | [begrippen.ttl](begrippen.ttl) (RDF, Turtle), "
                    "[begrippen.jsonld](begrippen.jsonld) (RDF, JSON-LD) |")
    lines = [
        "---",
        "title: Open data",
        "description: Alle gegevens van de kennisbank als open data om te downloaden, per collectie als JSON en CSV, "
        "en de begrippen als SKOS volgens NL-SBB.",
        "---",
        "",
        "# Open data",
        "",
        "Alle gegevens van de kennisbank zijn hier te downloaden: per collectie als JSON en als CSV, en de begrippen "
        "daarnaast als begrippenkader in SKOS. De bestanden worden bij elke publicatie van de site opnieuw gemaakt "
        "uit dezelfde gegevens als de pagina's.",
        "",
        '<div class="kb-downloads" markdown>',
        "",
        "| Gegevens | Records | Bestanden |",
        "| --- | ---: | --- |",
        *rows,
        "",
        "</div>",
        "",
        "## Over de bestanden",
        "",
        "- **JSON**: per collectie één lijst met alle ingevulde velden van elk record, plus `id` (de vaste sleutel) "
        "en `url` (het adres van de pagina, vanaf de hoofdpagina van de site). De velden en hun betekenis staan in "
        "de schema's van de kennisbank; `description` is Markdown.",
        "- **CSV**: één regel per record en één kolom per veld, in UTF-8 met een komma als scheidingsteken. Lijsten "
        "staan in één cel, gescheiden door een verticale streep; bronnen staan er als *document: sectie*, links als "
        "*titel &lt;adres&gt;*. Begint een waarde met =, +, - of @, dan staat er een apostrof voor, zodat een "
        "spreadsheet de waarde niet als formule uitvoert.",
        "- **Lokale projecten** (CSV): de praktijkvoorbeelden van de soort *lokaal project* met fase, wat ze zoeken, "
        "provincie en de omvang die ze noemen (investering in euro, woningen, vloeroppervlak in m²), elk getal met zijn "
        "bron. Een getal dat een project niet noemt, is een lege cel, nooit 0. Het bestand per groep telt per thema en "
        "per provincie de projecten en de genoemde getallen op, met hoeveel projecten het getal bekend en onbekend is.",
        "- **SKOS** (Turtle en JSON-LD): de begrippen met voorkeursterm, afkortingen en synoniemen (als alternatieve "
        "term), definitie, uitleg, bronnen en bredere, smallere en verwante begrippen. Het begrippenkader volgt de "
        "Nederlandse standaard voor het beschrijven van begrippen (NL-SBB) en is getoetst aan het "
        "SHACL-toepassingsprofiel van NL-SBB (skos-ap-nl, versie 1.0.0, van Geonovum).",
        "",
        "## Hergebruik",
        "",
        "De teksten zijn in eigen woorden weergegeven (geparafraseerd) uit de brondocumenten; bij elk record staat "
        "welk document en welke sectie de bron is. " + REUSE,
        "",
    ]
    return "\n".join(lines).encode("utf-8")
