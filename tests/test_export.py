"""Open data: JSON and CSV per collection, and the glossary as SKOS that conforms to NL-SBB."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import rdflib
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from generator import export as skos
from generator import rdf
from generator.config import load_settings
from generator.export import export, neutralise
from generator.model import Model
from generator.pipeline import generate
from generator.text import markdown_to_html

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "tests" / "standards" / "nl-sbb" / "skos-ap-nl.ttl"
REAL_DATA = ROOT / "data"
SH = Namespace("http://www.w3.org/ns/shacl#")
COLLECTIONS = ("glossary", "instruments", "funds", "partners", "cases", "sources")

# Additions to the minimal fixture: a hierarchy (so not every term is a top concept), synonyms,
# a Markdown note, links, and values a spreadsheet would run as formulas.
EXTRA = {
    "glossary/gebiedsontwikkeling.yaml": """
        title: Gebiedsontwikkeling
        synonyms: [integrale gebiedsontwikkeling, Gebiedstransformatie]
        abbreviations: [GO]
        summary: Het samen ontwikkelen van een gebied door publieke en private partijen.
        definition: Het integraal ontwikkelen van een gebied, waarbij functies, partijen en geld samenkomen.
        description: |
          Zie ook de **handreiking**.

          <script>alert(1)</script>

          [x](javascript:alert(1))
        narrower: [toekomstbestendige-gebiedsontwikkeling]
        themes: [gebiedsgerichte-aanpak]
        sources:
          - {document: pact, section: "1. Gezamenlijke ambitie"}
          - {document: pact, section: "2. Opgave"}
        links:
          - {title: Handreiking, url: "https://example.org/handreiking"}
        last_reviewed: 2026-11-23
        """,
    "funds/formulefonds.yaml": """
        title: Formulefonds
        abbreviations: ["-1+1", "@SUM(A1)"]
        summary: "=HYPERLINK(\\"https://evil.example\\",\\"klik\\")"
        kind: fondsmodel
        status: voorgesteld
        amount: "+31 miljoen"
        manager: invest-nl
        themes: [financiering]
        sources:
          - {document: pact, section: "4. Ontwikkelagenda, actie 8"}
        last_reviewed: 2026-11-23
        """,
}


def model_of(data: Path, tmp_path: Path) -> Model:
    result = generate(load_settings(tmp_path), data)
    assert result.model is not None, [p.text() for p in result.problems]
    return result.model


@pytest.fixture
def model(data_tree, tmp_path) -> Model:
    return model_of(data_tree(EXTRA), tmp_path)


@pytest.fixture
def files(model, tmp_path) -> dict[str, bytes]:
    return export(model, load_settings(tmp_path))


def real_model(tmp_path: Path) -> Model:
    """The project's own data/, when it has terms; skipped while the glossary is still empty."""
    if not any((REAL_DATA / "glossary").glob("*.yaml")):
        pytest.skip("data/glossary has no records yet")
    return model_of(REAL_DATA, tmp_path)


def rows_of(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))


def shacl_results(data: Graph) -> list[tuple[URIRef, str]]:
    """Every result of validating against the NL-SBB profile: (severity, readable line), sorted.

    The profile declares sh:severity sh:Violation on two SPARQL constraints (a top concept with a
    broader one, shared notations), but SHACL takes a result's severity from the shape that uses
    them, which is sh:Warning; so pySHACL reports them as warnings. They count as violations here,
    as the profile's authors meant.
    """
    shapes = Graph().parse(PROFILE, format="turtle")
    _, results, _ = validate(data, shacl_graph=shapes, inference="rdfs", advanced=True)
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(result, SH.resultSeverity)
        constraint = results.value(result, SH.sourceConstraint)
        if constraint is not None and (constraint, SH.severity, SH.Violation) in shapes:
            severity = SH.Violation
        parts = [results.value(result, p) for p in (SH.focusNode, SH.resultPath, SH.sourceShape, SH.sourceConstraint,
                                                    SH.resultMessage)]
        found.append((severity, f"{severity.n3(shapes.namespace_manager)} " + " | ".join(str(p) for p in parts if p)))
    return sorted(found)


def violations(data: Graph) -> list[str]:
    """The results of severity sh:Violation (warnings and infos are advice, not failures)."""
    return [line for severity, line in shacl_results(data) if severity == SH.Violation]


def assert_conforms(turtle: bytes, *, strict: bool = False) -> Graph:
    """No violation; with ``strict``, no result at all (what the fixture export achieves)."""
    data = Graph().parse(data=turtle, format="turtle")
    found = [line for _, line in shacl_results(data)] if strict else violations(data)
    assert not found, "NL-SBB results:\n" + "\n".join(found)
    return data


# -- JSON ----------------------------------------------------------------------------------------


def test_json_round_trips_with_every_record(model, files) -> None:
    for name in COLLECTIONS:
        rows = json.loads(files[f"open-data/{name}.json"].decode("utf-8"))
        assert [r["id"] for r in rows] == sorted(r.id for r in model.records[name])
        for row in rows:
            record = model.get((name, row["id"]))
            assert row["url"] == f"{model.collections[name].path}/{record.id}/"
            assert {k: v for k, v in row.items() if k not in ("id", "url")} == dict(record.fields)


def test_json_is_utf8_one_sorted_record_per_line(files) -> None:
    body = files["open-data/glossary.json"]
    rows = json.loads(body)
    lines = body.decode("utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(rows) + 2
    for line, row in zip(lines[1:-1], rows, strict=True):
        assert line.rstrip(",") == json.dumps(row, sort_keys=True, ensure_ascii=False)
    assert [row["id"] for row in rows] == sorted(row["id"] for row in rows)


# -- CSV ---------------------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_record(model, files) -> None:
    for name in COLLECTIONS:
        body = files[f"open-data/{name}.csv"].decode("utf-8")
        header = next(csv.reader(io.StringIO(body)))
        assert header == ["id", "url", *[f.name for f in model.schemas.fields(name)]]
        rows = rows_of(files[f"open-data/{name}.csv"])
        assert [r["id"] for r in rows] == sorted(r.id for r in model.records[name])
        assert "\r\n" not in body


def test_csv_flattens_lists_and_objects(files) -> None:
    term = {r["id"]: r for r in rows_of(files["open-data/glossary.csv"])}["gebiedsontwikkeling"]
    assert term["synonyms"] == "integrale gebiedsontwikkeling | Gebiedstransformatie"
    assert term["sources"] == "pact: 1. Gezamenlijke ambitie | pact: 2. Opgave"
    assert term["links"] == "Handreiking <https://example.org/handreiking>"
    assert term["url"] == "begrippen/gebiedsontwikkeling/"
    assert "<script>" in term["description"]  # authored text is published as written (quoted, not run)


def test_csv_neutralises_formula_injection(files) -> None:
    fund = {r["id"]: r for r in rows_of(files["open-data/funds.csv"])}["formulefonds"]
    assert fund["summary"] == "'=HYPERLINK(\"https://evil.example\",\"klik\")"
    assert fund["amount"] == "'+31 miljoen"
    assert fund["abbreviations"] == "'-1+1 | @SUM(A1)"
    for row in rows_of(files["open-data/funds.csv"]):
        assert not any(value.startswith(("=", "+", "-", "@")) for value in row.values())
    assert neutralise("@x") == "'@x" and neutralise("a=b") == "a=b" and neutralise("") == ""


# -- SKOS / NL-SBB -------------------------------------------------------------------------------


def test_skos_turtle_conforms_to_nl_sbb(files) -> None:
    data = assert_conforms(files["open-data/begrippen.ttl"], strict=True)
    assert len(set(data.subjects(RDF.type, SKOS.Concept))) == 3


def test_skos_conforms_with_a_site_url_too(model, tmp_path) -> None:
    settings = replace(load_settings(tmp_path), site_url="https://kennisbank.example.nl/")
    data = assert_conforms(export(model, settings)["open-data/begrippen.ttl"], strict=True)
    concept = URIRef("https://kennisbank.example.nl/begrippen/marktmeester/")
    assert (concept, SKOS.inScheme, URIRef("https://kennisbank.example.nl/begrippen/")) in data


def test_profile_catches_what_it_should(files) -> None:
    """Guards the guard: a concept without definition, and a top concept with a broader, are violations."""
    data = Graph().parse(data=files["open-data/begrippen.ttl"], format="turtle")
    concept = URIRef("urn:kennisbank-waardevolle-kernen:begrippen:marktmeester")
    data.remove((concept, SKOS.definition, None))
    data.add((concept, SKOS.broader, URIRef("urn:kennisbank-waardevolle-kernen:begrippen:gebiedsontwikkeling")))
    found = violations(data)
    assert any("definition" in line for line in found), found
    assert any("topbegrip" in line.lower() for line in found), found


def test_skos_content(files) -> None:
    data = Graph().parse(data=files["open-data/begrippen.ttl"], format="turtle")
    base = "urn:kennisbank-waardevolle-kernen:begrippen"
    scheme, parent = URIRef(base), URIRef(f"{base}:gebiedsontwikkeling")
    child, other = URIRef(f"{base}:toekomstbestendige-gebiedsontwikkeling"), URIRef(f"{base}:marktmeester")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in data
    assert data.value(scheme, DCTERMS.title).language == "nl"
    # Abbreviations and synonyms are alternative labels; the preferred label is one per language.
    assert Literal("TBGO", lang="nl") in set(data.objects(child, SKOS.altLabel))
    assert set(data.objects(parent, SKOS.altLabel)) == {
        Literal(x, lang="nl") for x in ("GO", "integrale gebiedsontwikkeling", "Gebiedstransformatie")}
    assert list(data.objects(parent, SKOS.prefLabel)) == [Literal("Gebiedsontwikkeling", lang="nl")]
    # The hierarchy holds both ways, whichever side the data states it on; only roots are top concepts.
    assert (child, SKOS.broader, parent) in data and (parent, SKOS.narrower, child) in data
    assert (child, SKOS.related, other) in data and (other, SKOS.related, child) in data
    assert set(data.objects(scheme, SKOS.hasTopConcept)) == {parent, other}
    assert (child, SKOS.topConceptOf, scheme) not in data
    # Sources: one node per cited section, with the document title and the section.
    citations = {str(data.value(node, DCTERMS.bibliographicCitation)) for node in data.objects(parent, DCTERMS.source)}
    assert citations == {"Pact voor Waardevolle Kernen, 1. Gezamenlijke ambitie", "Pact voor Waardevolle Kernen, 2. Opgave"}
    # The Markdown note is plain text: nothing of the script survives.
    note = str(data.value(parent, SKOS.scopeNote))
    assert "handreiking" in note and "<" not in note and "alert" not in note


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_holds_the_same_graph(files) -> None:
    turtle = Graph().parse(data=files["open-data/begrippen.ttl"], format="turtle")
    jsonld = Graph().parse(data=files["open-data/begrippen.jsonld"], format="json-ld")
    assert isomorphic(turtle, jsonld)


# -- SKOS: the writers (the runtime writes Turtle and JSON-LD itself; rdflib only reads them here) --------


def as_rdflib(graph: rdf.Graph) -> Graph:
    """The generator's own triples as an rdflib graph: what both files must hold."""
    def term(value):
        if isinstance(value, rdf.IRI):
            return URIRef(value)
        if isinstance(value, rdf.BlankNode):
            return rdflib.BNode(value.label)
        return Literal(value.value, lang=value.language or None)

    result = Graph()
    for triple in graph:
        result.add(tuple(term(value) for value in triple))
    return result


def parse_both(turtle: bytes, jsonld: bytes) -> tuple[Graph, Graph]:
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=turtle, format="turtle"), Graph().parse(data=jsonld, format="json-ld")


@pytest.mark.parametrize("site_url", ["", "https://kennisbank.example.nl/"])
def test_turtle_and_jsonld_hold_exactly_the_generated_triples(model, tmp_path, site_url) -> None:
    settings_ = replace(load_settings(tmp_path), site_url=site_url)
    files = export(model, settings_)
    turtle, jsonld = parse_both(files["open-data/begrippen.ttl"], files["open-data/begrippen.jsonld"])
    expected = as_rdflib(skos.glossary_graph(model, settings_))
    assert len(turtle) == len(jsonld) == len(expected)
    assert isomorphic(turtle, expected)
    assert isomorphic(jsonld, expected)


def test_turtle_layout(files) -> None:
    text = files["open-data/begrippen.ttl"].decode("utf-8")
    assert text.startswith("@prefix dct: <http://purl.org/dc/terms/> .\n")
    assert "<urn:kennisbank-waardevolle-kernen:begrippen:marktmeester> a skos:Concept ;\n" in text
    # Blank nodes keep the labels the generator gives them, so the file is the same on every run.
    assert "    dct:source _:bron-gebiedsontwikkeling-1,\n        _:bron-gebiedsontwikkeling-2 ;\n" in text
    assert '_:bron-gebiedsontwikkeling-2 dct:bibliographicCitation "Pact voor Waardevolle Kernen, 2. Opgave" ;' in text
    assert "rdf:type" not in text and "\r" not in text and text.endswith(" .\n")
    subjects = [line.split(" ", 1)[0] for line in text.split("\n\n")[1:]]
    assert subjects == sorted(subjects, key=lambda s: s.strip("<>"))


def test_jsonld_layout(files) -> None:
    body = files["open-data/begrippen.jsonld"]
    document = json.loads(body)
    assert body == (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    assert document["@context"] == {"@language": "nl", "dct": str(DCTERMS), "foaf": "http://xmlns.com/foaf/0.1/",
                                    "owl": "http://www.w3.org/2002/07/owl#", "rdfs": str(RDFS), "skos": str(SKOS)}
    nodes = {node["@id"]: node for node in document["@graph"]}
    assert list(nodes) == sorted(nodes)
    for node in document["@graph"]:
        for value in node.values():
            if isinstance(value, list):
                assert value == sorted(value, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    concept = nodes["urn:kennisbank-waardevolle-kernen:begrippen:gebiedsontwikkeling"]
    assert concept["@type"] == "skos:Concept"
    assert concept["skos:prefLabel"] == "Gebiedsontwikkeling"  # Dutch, by the context's @language
    assert concept["dct:source"] == [{"@id": "_:bron-gebiedsontwikkeling-1"}, {"@id": "_:bron-gebiedsontwikkeling-2"}]
    assert concept["rdfs:seeAlso"] == {"@id": "https://example.org/handreiking"}
    citation = nodes["_:bron-gebiedsontwikkeling-1"]["dct:bibliographicCitation"]
    assert citation == {"@value": "Pact voor Waardevolle Kernen, 1. Gezamenlijke ambitie"}  # no language


# Everything Turtle's string syntax makes hard: quotes (also three), backslashes (also before a
# quote, and at the end), line breaks, a tab, control characters, characters outside the BMP, and
# the characters that end an IRI or start markup.
HOSTILE = ('Hij zei "ja" en \'nee\'; """drie""" en "" \\ \\" \\\\n \\u0041 \\U0001F600;\nregel 2\r\nregel 3\r'
           '\ttab \x00 \x01 \x07 \x08 \x0b \x0c \x1b \x1f \x7f \x85 \u2028 \ufeff 🏙️ 👩‍👩‍👧 𝄞 '
           '<b>vet</b> > < {} | ^ ` & @nl ; . , [] () # _:x <urn:x> \\')


@pytest.mark.parametrize("language", ["nl", ""])
def test_every_string_survives_turtle_and_jsonld(language) -> None:
    graph = {(rdf.IRI("urn:x:s"), rdf.SKOS.definition, rdf.Literal(HOSTILE, language))}
    turtle, jsonld = parse_both(rdf.turtle(graph), rdf.json_ld(graph))
    for parsed in (turtle, jsonld):
        assert list(parsed) == [(URIRef("urn:x:s"), SKOS.definition, Literal(HOSTILE, lang=language or None))]
        assert str(next(iter(parsed))[2]) == HOSTILE
    statement = rdf.turtle(graph).decode("utf-8").split("\n\n")[1]
    # One line, and no control character left raw in the file.
    assert statement.endswith(" .\n") and statement.count("\n") == 1
    assert not [c for c in statement[:-1] if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0]


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs",))))  # lone surrogates cannot be written as UTF-8
def test_any_text_round_trips_through_turtle(text) -> None:
    graph = {(rdf.BlankNode("b"), rdf.RDFS.comment, rdf.Literal(text, "nl")),
             (rdf.BlankNode("b"), rdf.DCTERMS.bibliographicCitation, rdf.Literal(text))}
    parsed = Graph().parse(data=rdf.turtle(graph), format="turtle")
    assert {str(o) for o in parsed.objects()} == {text}
    assert {o.language for o in parsed.objects()} == {"nl", None}


HOSTILE_TERM = {
    "title": 'Lastige "tekst" \\ 🏙️ <b>',
    "summary": 'Een samenvatting met "aanhalingstekens", \\ en """ en 👩‍👩‍👧.',
    "definition": HOSTILE,
    "description": 'Eerste alinea met "quotes", \\\\ en """ en 𝄞 en a < b > c.\n\n\tTweede\talinea met \x07 en een \x1b.',
    "abbreviations": ['L"T', "L\\T"],
    "themes": ["financiering"],
    "sources": [{"document": "pact", "section": 'Sectie "4" \\ 🏙️ \t <x>'}],
    "last_reviewed": "2026-11-23",
}


def test_hostile_term_round_trips_exactly(data_tree, tmp_path) -> None:
    """A term holding the hostile text, through YAML, the model and both files and back."""
    text = yaml.safe_dump(HOSTILE_TERM, allow_unicode=True, sort_keys=False)
    model = model_of(data_tree({"glossary/lastige-tekst.yaml": text}), tmp_path)
    files = export(model, load_settings(tmp_path))
    term = model.get(("glossary", "lastige-tekst"))
    assert term.fields["definition"] == HOSTILE  # what YAML gave is what must come out
    turtle, jsonld = parse_both(files["open-data/begrippen.ttl"], files["open-data/begrippen.jsonld"])
    assert isomorphic(turtle, jsonld)
    concept = URIRef("urn:kennisbank-waardevolle-kernen:begrippen:lastige-tekst")
    for data in (turtle, jsonld):
        assert data.value(concept, SKOS.definition) == Literal(HOSTILE, lang="nl")
        assert data.value(concept, SKOS.prefLabel) == Literal(HOSTILE_TERM["title"], lang="nl")
        assert data.value(concept, RDFS.comment) == Literal(HOSTILE_TERM["summary"], lang="nl")
        assert data.value(concept, SKOS.scopeNote) == Literal(skos.html_text(markdown_to_html(HOSTILE_TERM["description"])), lang="nl")
        assert set(data.objects(concept, SKOS.altLabel)) == {Literal(x, lang="nl") for x in HOSTILE_TERM["abbreviations"]}
        source = data.value(concept, DCTERMS.source)
        assert data.value(source, DCTERMS.bibliographicCitation) == Literal(
            'Pact voor Waardevolle Kernen, Sectie "4" \\ 🏙️ \t <x>')  # plain: no language tag
    note = str(turtle.value(concept, SKOS.scopeNote))
    assert note.startswith('Eerste alinea met "quotes", \\ en """ en 𝄞 en a < b > c.\n\n')  # Markdown: \\\\ is \\
    assert_conforms(files["open-data/begrippen.ttl"])


@pytest.mark.parametrize("site_url", [
    'https://kennisbank.example.nl/"> . <urn:evil> <urn:evil> <urn:evil',
    "https://kennisbank.example.nl/ x",
    "https://kennisbank.example.nl/\n",
    "https://kennisbank.example.nl/\x01",
    "https://kennisbank.example.nl/?q=1",
    "javascript:alert(1)",
    "kennisbank.example.nl",
])
def test_an_unsafe_site_url_falls_back_to_urns(model, tmp_path, site_url) -> None:
    files = export(model, replace(load_settings(tmp_path), site_url=site_url))
    turtle, jsonld = parse_both(files["open-data/begrippen.ttl"], files["open-data/begrippen.jsonld"])
    assert isomorphic(turtle, jsonld)
    assert (URIRef("urn:kennisbank-waardevolle-kernen:begrippen:marktmeester"), RDF.type, SKOS.Concept) in turtle
    iris = {str(node) for triple in turtle for node in triple if isinstance(node, URIRef)}
    assert not any("evil" in iri or "kennisbank.example.nl" in iri for iri in iris), iris


def test_only_safe_links_become_iris() -> None:
    assert skos.safe_iri("https://example.org/a?b=c#d") == "https://example.org/a?b=c#d"
    for url in ("https://example.org/a>b", "https://example.org/\n", "https://example.org/a b", "https://example.org/\x01",
                "https://example.org/a\\b", 'https://example.org/"', "https://example.org/{x}", "ftp://example.org/",
                "https://example.org/\x85", "https://example.org/\u00a0"):
        assert skos.safe_iri(url) is None, url


def test_writers_refuse_what_turtle_cannot_hold() -> None:
    """The graph only holds checked values; should that ever change, no broken file is written."""
    for graph in ({(rdf.IRI("urn:x> <urn:y"), rdf.RDFS.comment, rdf.Literal("x"))},
                  {(rdf.IRI("urn:x"), rdf.RDFS.seeAlso, rdf.IRI("https://example.org/a b"))},
                  {(rdf.BlankNode("a b"), rdf.RDFS.comment, rdf.Literal("x"))},
                  {(rdf.IRI("urn:x"), rdf.RDFS.comment, rdf.Literal("x", "nl nl"))}):
        for write in (rdf.turtle, rdf.json_ld):
            with pytest.raises(ValueError):
                write(graph)


def test_kinds_of_term_never_compare_equal() -> None:
    assert rdf.IRI("x") != rdf.BlankNode("x") != rdf.Literal("x")
    assert rdf.Literal("x") != rdf.Literal("x", "nl") and rdf.IRI("x") != rdf.Literal("x")
    assert len({rdf.IRI("x"), rdf.BlankNode("x"), rdf.Literal("x"), rdf.Literal("x", "nl")}) == 4


def test_skos_files_follow_the_site_settings(model, tmp_path) -> None:
    settings_ = load_settings(tmp_path)
    renamed = skos.skos_files(model, replace(settings_, site_name="Andere kennisbank"))
    assert "Begrippen van de Andere kennisbank" in renamed[0].decode("utf-8")
    assert "Begrippen van de Andere kennisbank" not in skos.skos_files(model, settings_)[0].decode("utf-8")


# -- the page and determinism --------------------------------------------------------------------------


def test_index_page_lists_every_download_with_counts(model, files) -> None:
    page = files["open-data/index.md"].decode("utf-8")
    assert page.startswith("---\ntitle: Open data\ndescription: ")
    downloads = [path.removeprefix("open-data/") for path in files if not path.endswith("index.md")]
    for name in downloads:
        assert f"[{name}]({name})" in page
    assert f"| Fondsen | {len(model.records['funds'])} | [funds.json](funds.json) (JSON), [funds.csv](funds.csv) (CSV) |" in page
    assert "De gegevens mogen worden hergebruikt met bronvermelding (Kennisbank Waardevolle Kernen)." in page
    assert "NL-SBB" in page
    assert "](/" not in page and "](http" not in page
    assert all(path.startswith("open-data/") for path in files)


def test_export_is_byte_identical_when_run_twice(data_tree, tmp_path) -> None:
    """Two exports of two models built apart from the same data: nothing is reused between them."""
    data = data_tree(EXTRA)
    settings = load_settings(tmp_path)
    first, second = export(model_of(data, tmp_path), settings), export(model_of(data, tmp_path), settings)
    assert first == second and first["open-data/begrippen.ttl"] and first["open-data/begrippen.jsonld"]


def test_export_does_not_depend_on_hash_seed(data_tree, tmp_path) -> None:
    """Set and dict order differ between processes; the bytes must not."""
    data = data_tree(EXTRA)
    script = (
        "import hashlib, sys; from pathlib import Path\n"
        "from generator.config import load_settings; from generator.pipeline import generate\n"
        "from generator.export import export\n"
        "s = load_settings(Path(sys.argv[1])); m = generate(s, Path(sys.argv[2])).model\n"
        "print(hashlib.sha256(repr(sorted(export(m, s).items())).encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2", "3"):
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(data)], cwd=ROOT, capture_output=True,
                                text=True, env={**os.environ, "PYTHONHASHSEED": seed}, check=False)
        assert result.returncode == 0, result.stderr
        digests.add(result.stdout.strip())
    assert len(digests) == 1


# -- the real data ---------------------------------------------------------------------------------------


def test_real_glossary_conforms_to_nl_sbb(tmp_path) -> None:
    model = real_model(tmp_path)
    files = export(model, load_settings(tmp_path))
    data = assert_conforms(files["open-data/begrippen.ttl"])
    assert len(set(data.subjects(RDF.type, SKOS.Concept))) == len(model.records["glossary"])
    for term in model.records["glossary"]:
        concept = URIRef(f"urn:kennisbank-waardevolle-kernen:begrippen:{term.id}")
        for label in term.fields.get("abbreviations", []):
            assert Literal(label, lang="nl") in set(data.objects(concept, SKOS.altLabel)) | {Literal(term.title, lang="nl")}


def test_real_data_exports_every_record(tmp_path) -> None:
    model = real_model(tmp_path)
    files = export(model, load_settings(tmp_path))
    for name in COLLECTIONS:
        assert len(json.loads(files[f"open-data/{name}.json"])) == len(model.records[name])
        assert len(rows_of(files[f"open-data/{name}.csv"])) == len(model.records[name])
    assert export(model, load_settings(tmp_path)) == files
