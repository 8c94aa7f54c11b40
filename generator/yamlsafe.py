"""A strict, position-keeping YAML reader for untrusted partner files.

PyYAML follows YAML 1.1, where ``NO`` means false, ``010`` means 8 and ``1:30`` means 90. Partners
never mean that, so only the unambiguous YAML 1.2 core forms are typed (``true``/``false``, ``null``,
decimal integers and floats); every other plain scalar stays the text the partner typed. Dates stay
text too: the schema checks their form. Duplicate keys, anchors/aliases and non-standard tags are
refused, and every value keeps its line and column so messages can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

Path = tuple[str | int, ...]

MAX_DEPTH = 50
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class StrictResolver(yaml.resolver.BaseResolver):
    """Types only what YAML 1.2's core schema types, and nothing PyYAML adds for YAML 1.1."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        """PyYAML's ``resolve``, without its path resolvers and wildcard look-ups (we add none).

        Called for every value of every file, so it does only what our loader needs.
        """
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
StrictResolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:0|[1-9][0-9]*)\.[0-9]+$"),
    list("-+0123456789"),
)

try:  # libyaml's parser (in PyYAML's wheels) composes much faster than the Python one
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover
    _Parser = None  # type: ignore[misc,assignment]


if _Parser is not None:

    class _Composer(_Parser, StrictResolver):
        def __init__(self, text: str) -> None:
            _Parser.__init__(self, text)
            StrictResolver.__init__(self)

else:  # pragma: no cover - libyaml is part of the PyYAML wheels we pin

    class _Composer(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        StrictResolver,
    ):
        def __init__(self, text: str) -> None:
            yaml.reader.Reader.__init__(self, text)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            StrictResolver.__init__(self)


@dataclass(frozen=True)
class YamlIssue:
    """A problem found while reading, before any schema is applied."""

    line: int
    column: int
    code: str
    message: str
    field_path: str = ""
    hint: str = ""


@dataclass
class Parsed:
    """A document's value, plus the position of every value and every mapping key in it."""

    value: Any
    positions: dict[Path, tuple[int, int]]
    key_positions: dict[Path, tuple[int, int]]


class YamlRejected(Exception):
    """Raised with every issue found, so the caller can turn them into problems."""

    def __init__(self, issues: list[YamlIssue]) -> None:
        super().__init__("; ".join(i.message for i in issues))
        self.issues = issues


# PyYAML's (libyaml's) wording of a syntax error → what a partner reads: (part of the English
# problem, Dutch message, Dutch hint). The first match wins; no English reaches the partner.
_INDENT = ("Het inspringen klopt niet.",
           "Velden op hetzelfde niveau beginnen in dezelfde kolom; een lijstitem begint met '- '.")
_DOCUMENTS = ("Het bestand bevat meer dan één record, of een losse regel '---' of '...'.",
              "Een bestand bevat één record: verwijder de extra '---' of '...'.")
_ESCAPE = ("Er staat een backslash (\\) in tekst tussen dubbele aanhalingstekens.",
           "Gebruik enkele aanhalingstekens, of schrijf de backslash dubbel: \\\\.")
_TAG = ("Een ! aan het begin van een waarde is in YAML een tag; die worden hier niet gebruikt.",
        "Zet tekst die met ! begint tussen aanhalingstekens.")
_ANCHOR = ("Een & of * aan het begin van een waarde is in YAML een anker of alias; die worden hier niet gebruikt.",
           "Zet tekst die met & of * begint tussen aanhalingstekens.")
_SYNTAX: list[tuple[str, tuple[str, str]]] = [
    ("mapping values are not allowed", ("Er staat een dubbele punt (:) op een plek waar dat niet kan.",
     "Staat er ': ' in de tekst? Zet de hele tekst dan tussen aanhalingstekens. Anders klopt het inspringen niet: "
     "velden op hetzelfde niveau beginnen in dezelfde kolom.")),
    ("mapping keys are not allowed", ("Er staat een veldnaam op een plek waar dat niet kan.", _INDENT[1])),
    ("found unexpected ':'", ("Er staat een dubbele punt (:) op een plek waar dat niet kan.",
     "Zet tekst met een dubbele punt erin tussen aanhalingstekens.")),
    ("could not find expected ':'", ("Deze regel heeft niet de vorm 'veld: waarde'.",
     "Ontbreekt er een dubbele punt na de veldnaam, of een aanhalingsteken aan het eind van de tekst?")),
    ("cannot start any token", ("Deze waarde begint met een teken dat in YAML een bijzondere betekenis heeft.",
     "Zet tekst die met een teken als @, ` of % begint tussen aanhalingstekens.")),
    ("unexpected end of stream", ("Het bestand houdt op terwijl een aanhalingsteken of haakje nog openstaat.",
     "Sluit het aanhalingsteken of haakje dat hier geopend wordt.")),
    ("expected <block end>", _INDENT),
    ("did not find expected key", _INDENT),
    ("did not find expected '-' indicator", ("Het inspringen van de lijst klopt niet.",
     "Elk lijstitem begint met '- ' in dezelfde kolom; een veld binnen een item springt verder in dan het streepje.")),
    ("block sequence entries are not allowed", ("Hier begint een lijstitem ('- ') waar geen lijst kan beginnen.",
     "Zet de lijst op de regels onder 'veld:', en begin elk item met '- '.")),
    ("',' or ']'", ("Een lijst tussen [ en ] is niet goed gesloten.",
     "Scheid de waarden met komma's en sluit af met ]; zet een waarde met een komma erin tussen aanhalingstekens.")),
    ("',' or '}'", ("Een groep tussen { en } is niet goed gesloten.",
     "Scheid de velden met komma's en sluit af met }; zet een waarde met een komma erin tussen aanhalingstekens.")),
    ("single document", _DOCUMENTS),
    ("another document", _DOCUMENTS),
    ("document start", _DOCUMENTS),
    ("document indicator", _DOCUMENTS),
    ("escape", _ESCAPE),
    ("hexdecimal", _ESCAPE),
    ("directive", ("Een regel die met % begint, is in YAML een instructie; die horen niet in een record.",
     "Verwijder de regel, of zet tekst die met % begint tussen aanhalingstekens.")),
    ("alias", _ANCHOR),
    ("anchor", _ANCHOR),
    ("alphabetic or numeric character", _ANCHOR),
    ("tag", _TAG),
    ("'!'", _TAG),
    ("'>'", _TAG),
    ("indentation indicator", ("Na | of > staat een ongeldig getal.",
     "Schrijf alleen | of > aan het eind van de regel, en de tekst op de regels eronder, ingesprongen.")),
    ("comment or line break", ("Na het einde van deze waarde staat nog tekst.",
     "Staat er tekst na een afsluitend aanhalingsteken? Zet dan de hele waarde tussen aanhalingstekens.")),
    ("whitespace or line break", ("Na het einde van deze waarde staat nog tekst.",
     "Zet de hele waarde tussen aanhalingstekens.")),
    ("node content", ("Hier ontbreekt een waarde.", "Controleer deze regel en de regel erboven.")),
    ("character", ("Het bestand bevat een onzichtbaar of niet-toegestaan teken.",
     "Verwijder het teken; het komt vaak mee met tekst die uit een ander programma is geplakt.")),
    ("octet", ("Het bestand bevat een onzichtbaar of niet-toegestaan teken.",
     "Sla het bestand op als UTF-8 en verwijder het teken.")),
]
_UNKNOWN = ("De opbouw van het bestand klopt hier niet.",
            "Controleer deze regel en de regel erboven: het inspringen, de dubbele punten en de aanhalingstekens.")
# Where the error is only noticed later (end of file, the next line), the place it started is the
# one to show.
_AT_CONTEXT = ("unexpected end of stream", "could not find expected ':'")
# Leading spaces and list dashes of a line: a tab among them is indentation.
_INDENTATION = re.compile(r"^[ \t]*(?:-[ \t]+)*")


def _tab_issue(text: str, before_line: int) -> YamlIssue | None:
    """The first tab used to indent a line, on or before ``before_line``; YAML only allows spaces."""
    for number, line in enumerate(text.splitlines()[:before_line], start=1):
        indentation = _INDENTATION.match(line)
        if indentation and "\t" in indentation.group():
            return YamlIssue(number, indentation.group().index("\t") + 1, "yaml-tab",
                             f"Regel {number} springt in met een tab.",
                             hint="Gebruik spaties om in te springen: vervang de tab door spaties (twee per niveau).")
    return None


def _syntax_issue(exc: yaml.YAMLError, text: str) -> YamlIssue:
    english = str(exc)
    problem = str(getattr(exc, "problem", None) or english)
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line, column = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
    else:
        mark = getattr(exc, "problem_mark", None)
        context = getattr(exc, "context_mark", None)
        if context is not None and (mark is None or any(key in problem for key in _AT_CONTEXT)):
            mark = context
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    tab = _tab_issue(text, line)
    if tab is not None:
        return tab
    message, hint = next((dutch for key, dutch in _SYNTAX if key in problem), _UNKNOWN)
    return YamlIssue(line, column, "yaml-syntax", f"YAML-syntaxfout: {message}", hint=hint)


def texts(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every text in a parsed value with its path, depth first in file order."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(item, (*path, key))


def pointer(path: Path) -> str:
    """A path as partners read it: ``sources[0].document``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def parse(text: str, *, positions: bool = True) -> Parsed:
    """Parse one YAML document strictly; raise :class:`YamlRejected` with every issue found.

    Without ``positions`` the value is all that is returned (the maps stay empty): recording
    where every value sits costs time that only a record with a problem needs.
    """
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise YamlRejected([_syntax_issue(exc, text)]) from None
    except RecursionError:
        raise YamlRejected([YamlIssue(1, 1, "yaml-depth", "Het bestand is te diep genest.")]) from None
    finally:
        loader.dispose()
    if node is None:
        return Parsed(None, {}, {})
    walker = _Walker(positions)
    value = walker.walk(node, (), 0)
    if walker.issues:
        raise YamlRejected(walker.issues)
    return Parsed(value, walker.positions, walker.key_positions)


class _Walker:
    """Turns composed nodes into plain values, refusing what partners should never write."""

    def __init__(self, record_positions: bool = True) -> None:
        self.record_positions = record_positions
        self.issues: list[YamlIssue] = []
        self.positions: dict[Path, tuple[int, int]] = {}
        self.key_positions: dict[Path, tuple[int, int]] = {}
        self._seen: set[int] = set()

    def _issue(self, node: Node, code: str, message: str, path: Path, hint: str = "") -> None:
        mark = node.start_mark
        self.issues.append(YamlIssue(mark.line + 1, mark.column + 1, code, message, pointer(path), hint))

    def walk(self, node: Node, path: Path, depth: int) -> Any:
        if id(node) in self._seen:
            self._issue(node, "yaml-alias", "Ankers en aliassen (&naam en *naam) zijn niet toegestaan.", path,
                        "Schrijf de waarde gewoon opnieuw uit.")
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self._issue(node, "yaml-depth", "Het bestand is te diep genest.", path)
            return None
        if self.record_positions:
            self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, (SequenceNode, MappingNode)) and node.tag not in _COLLECTION_TAGS:
            self._issue(node, "yaml-tag", f"De YAML-tag '{node.tag}' is niet toegestaan.", path,
                        "Laat tags als !!python of !ref weg en schrijf gewone tekst.")
            return None
        if isinstance(node, SequenceNode):
            return [self.walk(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        self._issue(node, "yaml-node", "Onbekend YAML-element.", path)  # pragma: no cover
        return None

    def _scalar(self, node: ScalarNode, path: Path) -> Any:
        tag, text = node.tag, node.value
        if tag == "tag:yaml.org,2002:str":
            return text
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return text.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            return int(text)
        if tag == "tag:yaml.org,2002:float":
            return float(text)
        self._issue(node, "yaml-tag", f"De YAML-tag '{tag}' is niet toegestaan.", path,
                    "Laat tags als !!python of !ref weg en schrijf gewone tekst.")
        return None

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != "tag:yaml.org,2002:str":
                self._issue(key_node, "yaml-key", "Een veldnaam moet gewone tekst zijn.", path,
                            "Schrijf 'veldnaam: waarde'.")
                continue
            key = key_node.value
            if key in result or key in first_line:
                self._issue(key_node, "yaml-duplicate-key",
                            f"Het veld '{key}' staat twee keer in dit bestand (eerst op regel {first_line[key]}).",
                            (*path, key), "Voeg de twee samen tot één veld.")
                continue
            first_line[key] = key_node.start_mark.line + 1
            if self.record_positions:
                self.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.walk(value_node, (*path, key), depth + 1)
        return result
