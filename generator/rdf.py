"""A small RDF graph and its Turtle and compact JSON-LD writers, for the glossary's SKOS export.

Why not rdflib: it is a dev-only dependency (``requirements-dev.txt``). The tests parse both files
with it and validate them against NL-SBB with pySHACL, but ``make site`` installs only
``requirements.txt``, so the runtime must not import it (``tests/test_dependencies.py`` checks
this for every module). And it is much slower at this (see benchmarks/README.md). The graph is a set of plain Python
triples of three tiny types (:class:`IRI`, :class:`BlankNode`, :class:`Literal`) over a handful
of SKOS, Dublin Core, FOAF and RDFS terms, so writing it deterministically is simple.
:mod:`generator.export` decides what the graph says; this module only holds and writes it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any, NamedTuple

LANGUAGE = "nl"  # the language of the site's text: written as the JSON-LD default language

# The graph is a set of (subject, predicate, object) triples of three tiny types; see the module
# docstring for why this module writes Turtle and JSON-LD itself instead of using rdflib. The types
# are built on str and tuple so that hashing and comparing them (for every triple, when it is added
# and when it is grouped) runs in C; a str never equals a tuple, and a BlankNode (one item) never
# equals a Literal (two items), so the three kinds can never be mistaken for one another.


class IRI(str):
    """A named node: a web address or a URN (the string is the IRI)."""

    __slots__ = ()


class BlankNode(NamedTuple):
    """A node without a name of its own; the label is fixed by the caller, so output is deterministic."""

    label: str


class Literal(NamedTuple):
    """A string, language-tagged (rdf:langString) or, with ``language=""``, a plain xsd:string.

    ``TRUE`` is the one typed literal the export needs (``owl:deprecated true``).
    """

    value: str
    language: str = ""
    datatype: str = ""


Node = IRI | BlankNode
Term = IRI | BlankNode | Literal
Triple = tuple[Node, IRI, Term]
Graph = set[Triple]  # a set, as RDF graphs are: a triple added twice is one triple


class Namespace:
    """The IRIs of one vocabulary by local name: ``SKOS.prefLabel``."""

    def __init__(self, iri: str) -> None:
        self.iri = iri

    def __getattr__(self, name: str) -> IRI:
        if name.startswith("__"):
            raise AttributeError(name)
        iri = IRI(self.iri + name)
        setattr(self, name, iri)  # found as a plain attribute from now on
        return iri


RDF_TYPE = IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
TRUE = Literal("true", "", XSD_BOOLEAN)
PREFIXES = {"dct": DCTERMS.iri, "foaf": FOAF.iri, "owl": OWL.iri, "rdfs": RDFS.iri, "skos": SKOS.iri}
JSONLD_CONTEXT = {"@language": LANGUAGE, **PREFIXES}


# -- writing the graph: Turtle and compact JSON-LD ------------------------------------------------------
# Both files list subjects sorted by IRI or blank node label ("_:..."), properties sorted (rdf:type
# first, as "a" and "@type") and the values of each property sorted, so the bytes depend only on
# the triples. Every IRI, blank node label and language tag is checked against the Turtle grammar
# before it is written: the graph only holds checked values, and this keeps a future mistake from
# producing a file that no parser reads (or that says something else than meant).

# Turtle's IRIREF: anything but controls, space and <>"{}|^`\ (escapes are legal but never needed).
TURTLE_IRI = re.compile(r"[^\x00-\x20<>\"{}|^`\\]*")
# A prefixed name's local part, kept to the simple form that needs no escaping.
LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# BLANK_NODE_LABEL, in its ASCII subset: no leading '-' or '.', no trailing '.'.
BLANK_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
LANGUAGE_TAG = re.compile(r"[A-Za-z]+(?:-[A-Za-z0-9]+)*")
# STRING_LITERAL_QUOTE: a quote, backslash, line feed and carriage return must be escaped; tab and
# every other control character (C0, DEL, C1) are escaped too, so the file shows no invisible
# characters. Everything else, emoji outside the BMP included, is written as UTF-8.
STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}  # the backslash first
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\x7f-\x9f]')

Statements = list[tuple[Node, list[tuple[IRI, list[Term]]]]]


def statements(graph: Graph) -> Statements:
    """The triples grouped by subject and by predicate, everything sorted; what both writers write."""
    grouped: dict[Node, dict[IRI, list[Term]]] = {}
    for subject, predicate, value in graph:
        predicates = grouped.get(subject)
        if predicates is None:
            predicates = grouped[subject] = {}
        values = predicates.get(predicate)
        if values is None:
            predicates[predicate] = [value]
        else:
            values.append(value)
    result: Statements = []
    for subject in sorted(grouped, key=node_key):
        predicates = grouped[subject]
        ordered = sorted(predicates)
        if RDF_TYPE in predicates:
            ordered.remove(RDF_TYPE)
            ordered.insert(0, RDF_TYPE)
        for values in predicates.values():
            if len(values) > 1:
                values.sort(key=term_key)
        result.append((subject, [(predicate, predicates[predicate]) for predicate in ordered]))
    return result


def node_key(node: Node) -> str:
    """The sort key of a subject: its IRI, or ``_:label`` for a blank node (as JSON-LD writes it)."""
    return node if isinstance(node, IRI) else "_:" + node.label


def term_key(term: Term) -> tuple[int, str, str]:
    """The sort key of an object: IRIs, then blank nodes, then literals, each by text (and language)."""
    if isinstance(term, IRI):
        return 0, term, ""
    if isinstance(term, BlankNode):
        return 1, term.label, ""
    return 2, term.value, term.language + term.datatype


def compact(iri: str) -> str | None:
    """``prefix:local`` for an IRI in one of the four vocabularies, else ``None``."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and LOCAL_NAME.fullmatch(iri, len(namespace)):
            return f"{prefix}:{iri[len(namespace):]}"
    return None


def checked_iri(iri: str) -> str:
    if not TURTLE_IRI.fullmatch(iri):
        raise ValueError(f"not writable as an IRI: {iri!r}")
    return iri


def checked_label(node: BlankNode) -> str:
    if not BLANK_LABEL.fullmatch(node.label):
        raise ValueError(f"not writable as a blank node label: {node.label!r}")
    return node.label


def checked_boolean(literal: Literal) -> str:
    """The only typed literal written: ``true`` or ``false`` as xsd:boolean (Turtle and JSON alike)."""
    if literal.datatype != XSD_BOOLEAN or literal.value not in ("true", "false") or literal.language:
        raise ValueError(f"not a boolean literal: {literal!r}")
    return literal.value


def checked_language(language: str) -> str:
    if not LANGUAGE_TAG.fullmatch(language):
        raise ValueError(f"not a language tag: {language!r}")
    return language


class Memo(dict):
    """``memo[key]`` is ``function(key)``, computed the first time and then kept."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.function(key)
        return value


# -- Turtle


def turtle(graph: Graph) -> bytes:
    """The graph as Turtle (UTF-8)."""
    return write_turtle(statements(graph))


def write_turtle(ordered: Statements) -> bytes:
    """Turtle: the prefixes, then one block per subject; blank nodes keep their labels."""
    nodes = Memo(turtle_node)  # IRIs recur (a concept is named by every related term): format once
    verbs = Memo(turtle_node)
    verbs[RDF_TYPE] = "a"
    blocks = ["".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())]
    for subject, predicates in ordered:
        lines = []
        for predicate, values in predicates:
            if len(values) == 1:  # most properties
                value = values[0]
                lines.append(f"{verbs[predicate]} {turtle_literal(value) if type(value) is Literal else nodes[value]}")
            else:
                lines.append(verbs[predicate] + " " + ",\n        ".join(
                    [turtle_literal(v) if type(v) is Literal else nodes[v] for v in values]))
        blocks.append(nodes[subject] + " " + " ;\n    ".join(lines) + " .\n")
    return "\n".join(blocks).encode("utf-8")


def turtle_node(node: Node) -> str:
    """An IRI as ``prefix:local`` or ``<…>``, a blank node as ``_:label``."""
    if isinstance(node, IRI):
        return compact(node) or f"<{checked_iri(node)}>"
    return "_:" + checked_label(node)


def turtle_literal(literal: Literal) -> str:
    """A literal as STRING_LITERAL_QUOTE, with its language tag if it has one; a boolean bare."""
    text, language, datatype = literal
    if datatype:
        return checked_boolean(literal)
    if NEEDS_ESCAPE.search(text):
        for character, escape in STRING_ESCAPES.items():
            text = text.replace(character, escape)
        text = CONTROL.sub(lambda match: f"\\u{ord(match[0]):04X}", text)
    if not language:
        return f'"{text}"'
    return f'"{text}"@{language if language == LANGUAGE else checked_language(language)}'


# -- JSON-LD


def json_ld(graph: Graph) -> bytes:
    """The graph as compact JSON-LD (UTF-8)."""
    return write_json_ld(statements(graph))


def write_json_ld(ordered: Statements) -> bytes:
    """Compact JSON-LD: one ``@graph`` of nodes sorted by ``@id``, keys and arrays sorted.

    With ``"@language": "nl"`` in the context a Dutch string is a plain JSON string; a string
    without language is ``{"@value": …}``, an IRI or blank node as object ``{"@id": …}`` (a bare
    string would be read as text). A property with one value has no array. Arrays are sorted by
    their items' JSON text, so the bytes depend only on the triples.
    """
    nodes = []
    for subject, predicates in ordered:
        node: dict[str, Any] = {"@id": checked_iri(subject) if isinstance(subject, IRI) else "_:" + checked_label(subject)}
        for predicate, values in predicates:
            types = [v for v in values if isinstance(v, IRI)]
            items: list[str | dict[str, str]]
            if predicate == RDF_TYPE and len(types) == len(values):
                key, items = "@type", [compact(v) or v for v in types]
            else:
                key, items = compact(predicate) or predicate, [json_value(v) for v in values]
            if len(items) == 1:
                node[key] = items[0]
            else:
                node[key] = sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False))
        nodes.append(node)
    document = {"@context": JSONLD_CONTEXT, "@graph": nodes}
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def json_value(term: Term) -> str | dict[str, str]:
    """An object as JSON-LD: a Dutch string as itself, anything else as a small object."""
    if isinstance(term, Literal) and term.datatype:
        return {"@value": checked_boolean(term), "@type": XSD_BOOLEAN}
    if isinstance(term, IRI):
        return {"@id": checked_iri(term)}
    if isinstance(term, BlankNode):
        return {"@id": "_:" + checked_label(term)}
    if term.language == LANGUAGE:
        return term.value
    if term.language:
        return {"@language": checked_language(term.language), "@value": term.value}
    return {"@value": term.value}
