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
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import nh3
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, RDF, RDFS, SKOS

from .config import Settings
from .model import Model, Record
from .schema import FieldInfo
from .text import markdown_to_html

FOLDER = "open-data"
GLOSSARY = "glossary"
SOURCES = "sources"
LANGUAGE = "nl"
URN = "urn:kennisbank-waardevolle-kernen"
ATTRIBUTION = "Kennisbank Waardevolle Kernen"
REUSE = f"De gegevens mogen worden hergebruikt met bronvermelding ({ATTRIBUTION})."
LIST_SEPARATOR = " | "
# Spreadsheets execute a cell that starts with one of these as a formula (CSV injection, see
# OWASP); tab and carriage return are included because some spreadsheets skip them first.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What a URL may contain to be written as an IRI in Turtle (schema URLs are already http(s)).
SAFE_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
JSONLD_CONTEXT = {
    "@language": LANGUAGE,
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
}


def export(model: Model, settings: Settings) -> dict[str, bytes]:
    """All open-data files by path relative to the docs folder, in a stable order."""
    files: dict[str, bytes] = {}
    for name in model.collections:
        files[f"{FOLDER}/{name}.json"] = collection_json(model, name)
        files[f"{FOLDER}/{name}.csv"] = collection_csv(model, name)
    if GLOSSARY in model.collections:
        files[f"{FOLDER}/begrippen.ttl"], files[f"{FOLDER}/begrippen.jsonld"] = skos_files(model, settings)
    files[f"{FOLDER}/index.md"] = index_page(model)
    return dict(sorted(files.items()))


_SKOS_CACHE: dict[str, tuple[bytes, bytes]] = {}


def skos_files(model: Model, settings: Settings) -> tuple[bytes, bytes]:
    """Turtle and JSON-LD of the glossary, reused while the glossary and sources are unchanged.

    rdflib's serialisers are the slowest step of a regeneration; ``make serve`` regenerates on
    every save, mostly of records that are not terms.
    """
    inputs = [[r.id, dict(r.fields)] for name in (GLOSSARY, "sources") for r in model.records.get(name, [])]
    themes = sorted((k, v.label) for k, v in model.vocabularies.get("themes", {}).items())
    key = hashlib.sha256(json.dumps([inputs, themes, settings.site_url], sort_keys=True, default=str).encode()).hexdigest()
    if key not in _SKOS_CACHE:
        graph = glossary_graph(model, settings)
        _SKOS_CACHE.clear()
        _SKOS_CACHE[key] = (turtle(graph), json_ld(graph))
    return _SKOS_CACHE[key]


# -- records as plain data -------------------------------------------------------------------------


def record_url(model: Model, record: Record) -> str:
    """The record's page path relative to the site root (``instrumenten/<id>/``), as MkDocs serves it."""
    return f"{model.collections[record.collection].path}/{record.id}/"


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
    return {**fields, "id": record.id, "url": record_url(model, record)}


def collection_json(model: Model, name: str) -> bytes:
    """One JSON array per collection, with sorted keys so the bytes depend only on the data."""
    rows = [published_fields(model, record) for record in by_id(model, name)]
    return (json.dumps(rows, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


# -- CSV -------------------------------------------------------------------------------------------


def csv_columns(model: Model, name: str) -> list[FieldInfo | str]:
    """``id``, ``url`` and then every top-level schema field, so all files of a collection share columns."""
    return ["id", "url", *model.schemas.fields(name)]


def collection_csv(model: Model, name: str) -> bytes:
    """One row per record; lists and objects flattened to text so the file opens in any spreadsheet."""
    columns = csv_columns(model, name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([column if isinstance(column, str) else column.name for column in columns])
    for record in by_id(model, name):
        values = published_fields(model, record)
        row = [cell(values.get(column if isinstance(column, str) else column.name)) for column in columns]
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def cell(value: Any) -> str:
    """One CSV cell: lists joined with `` | ``, objects flattened, formulas neutralised."""
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


# -- the glossary as SKOS (NL-SBB) --------------------------------------------------------------------


@dataclass(frozen=True)
class Identifiers:
    """Stable URIs: the published page when the site URL is known, otherwise a URN that never changes.

    A URN rather than a made-up web address: a URI that looks resolvable but is not would be worse
    for reusers than one that plainly is a name.
    """

    site_url: str
    glossary_path: str

    @property
    def base(self) -> str:
        return self.site_url.rstrip("/")

    def scheme(self) -> URIRef:
        return URIRef(f"{self.base}/{self.glossary_path}/" if self.base else f"{URN}:begrippen")

    def concept(self, term_id: str) -> URIRef:
        return URIRef(f"{self.base}/{self.glossary_path}/{term_id}/" if self.base else f"{URN}:begrippen:{term_id}")

    def theme(self, theme_id: str) -> URIRef:
        return URIRef(f"{self.base}/themas/{theme_id}/" if self.base else f"{URN}:themas:{theme_id}")

    def page(self, path: str) -> URIRef | None:
        """The web page of a site path, only when the site URL is known."""
        return URIRef(f"{self.base}/{path}") if self.base else None


def nl(text: str) -> Literal:
    """A Dutch language-tagged literal: NL-SBB requires rdf:langString for labels and notes."""
    return Literal(str(text), lang=LANGUAGE)


def plain_text(markdown: str) -> str:
    """Markdown as plain text: a SKOS note is text, and a reuser may show it without escaping it.

    Rendered and sanitised exactly as on the site, then stripped of every tag, so no markup or
    script in partner text reaches a concept browser; paragraphs stay separated by a blank line.
    """
    stripped = html.unescape(nh3.clean(markdown_to_html(markdown), tags=set(), strip_comments=True))
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n|\n", stripped)]
    return "\n\n".join(p for p in paragraphs if p)


def safe_iri(url: str) -> URIRef | None:
    """A link as IRI, or ``None`` if it holds characters Turtle cannot write in an IRI."""
    return URIRef(url) if SAFE_IRI.match(url) else None


def glossary_graph(model: Model, settings: Settings) -> Graph:
    """The glossary as one skos:ConceptScheme, with themes as skos:Collection."""
    ids = Identifiers(settings.site_url, model.collections[GLOSSARY].path)
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in (("dct", DCTERMS), ("foaf", FOAF), ("rdfs", RDFS), ("skos", SKOS)):
        graph.bind(prefix, namespace)
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
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
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
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    graph.add((concept, SKOS.prefLabel, nl(term.title)))
    for label in alternative_labels(term):
        graph.add((concept, SKOS.altLabel, nl(label)))
    graph.add((concept, SKOS.definition, nl(term.fields["definition"])))
    if term.summary:
        graph.add((concept, RDFS.comment, nl(term.summary)))
    if term.fields.get("description"):
        graph.add((concept, SKOS.scopeNote, nl(plain_text(term.fields["description"]))))
    if not derived.broader:
        # A concept without a broader one is an entry point; NL-SBB forbids a top concept with a broader.
        graph.add((concept, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
    for predicate, others in ((SKOS.broader, derived.broader), (SKOS.narrower, derived.narrower),
                              (SKOS.related, derived.related)):
        for other in others:
            graph.add((concept, predicate, ids.concept(other.id)))
    add_sources(graph, model, ids, term, concept)
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


def add_sources(graph: Graph, model: Model, ids: Identifiers, term: Record, concept: URIRef) -> None:
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
        node = BNode(f"bron-{term.id}-{len(seen)}")
        graph.add((concept, DCTERMS.source, node))
        graph.add((node, DCTERMS.title, nl(document.title)))
        graph.add((node, DCTERMS.bibliographicCitation, Literal(f"{document.title}, {source['section']}")))
        if document.summary:
            graph.add((node, RDFS.comment, nl(document.summary)))
        page = ids.page(record_url(model, document))
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
        graph.add((collection, RDF.type, SKOS.Collection))
        graph.add((collection, SKOS.prefLabel, nl(entry.label if entry else theme_id)))
        if entry and entry.description:
            graph.add((collection, RDFS.comment, nl(entry.description)))
        for term_id in term_ids:
            graph.add((collection, SKOS.member, ids.concept(term_id)))


def turtle(graph: Graph) -> bytes:
    """Turtle; rdflib sorts subjects, predicates and objects, and blank node labels are fixed."""
    return graph.serialize(format="turtle", encoding="utf-8")


def json_ld(graph: Graph) -> bytes:
    """Compact JSON-LD, re-sorted so it does not depend on the store's iteration order."""
    document = json.loads(graph.serialize(format="json-ld", context=JSONLD_CONTEXT))
    # rdflib writes a lone node without "@graph"; always using "@graph" keeps the shape predictable.
    nodes = document.get("@graph", [{k: v for k, v in document.items() if k != "@context"}])
    ordered = sorted((sort_values(node) for node in nodes), key=lambda node: node.get("@id", ""))
    body = {"@context": JSONLD_CONTEXT, "@graph": ordered}
    return (json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def sort_values(node: Any) -> Any:
    """Sort every array in a JSON-LD node: without @list, value order carries no meaning."""
    if isinstance(node, dict):
        return {key: sort_values(value) for key, value in node.items()}
    if isinstance(node, list):
        return sorted((sort_values(item) for item in node), key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return node


# -- the page that lists the downloads ------------------------------------------------------------


def index_page(model: Model) -> bytes:
    """The Dutch "Open data" page: every download with its format and number of records."""
    rows = []
    for name, collection in model.collections.items():
        count = len(model.records.get(name, []))
        for extension, label in (("json", "JSON"), ("csv", "CSV")):
            rows.append(f"| {collection.label} | [{name}.{extension}]({name}.{extension}) | {label} | {count} |")
    if GLOSSARY in model.collections:
        count = len(model.records.get(GLOSSARY, []))
        rows.append(f"| Begrippen als SKOS | [begrippen.ttl](begrippen.ttl) | RDF (Turtle), NL-SBB | {count} |")
        rows.append(f"| Begrippen als SKOS | [begrippen.jsonld](begrippen.jsonld) | RDF (JSON-LD), NL-SBB | {count} |")
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
        "| Gegevens | Bestand | Formaat | Aantal records |",
        "| --- | --- | --- | ---: |",
        *rows,
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
