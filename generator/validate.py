"""Stage 2: check raw records against the schemas, the vocabularies and each other.

Three passes, each appending to one list of problems: the vocabularies file, every record against
its collection's JSON Schema (messages translated to Dutch, positioned on the offending line), and
the checks a schema cannot express: references resolve to a record of the right collection, titles
are unique within a collection, nothing refers to itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import fastjsonschema
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from .forms import FORM_COLLECTIONS
from .load import Loaded, RawRecord, fold
from .problems import Problem, suggest
from .schema import REDIRECTS, RETIRED, VOCABULARIES, Schemas, vocabulary_values_schema
from .yamlsafe import pointer, texts

PLACEHOLDER = "VUL IN"  # what the skeleton of ``generator new`` puts where the partner must write

_TYPE_NAMES = {
    "string": "tekst",
    "array": "een lijst",
    "object": "een groep velden (veld: waarde)",
    "boolean": "true of false",
    "integer": "een geheel getal",
    "number": "een getal",
    "null": "niets",
}

_PATTERN_MESSAGES = {
    "last_reviewed": ("De datum moet de vorm JJJJ-MM-DD hebben.", "Bijvoorbeeld: 2026-11-23."),
    "url": ("Een webadres moet beginnen met https:// of http:// en mag geen spaties bevatten.",
            "Andere soorten adressen (zoals javascript: of data:) zijn niet toegestaan."),
    "email": ("Dit is geen geldig e-mailadres.", "Bijvoorbeeld: naam@voorbeeld.nl."),
    "title": ("Een titel staat op één regel en is niet leeg.", ""),
    "file": ("Dit is geen geldige bestandsnaam.", "Gebruik alleen letters, cijfers, punt, liggend streepje en koppelteken."),
}
_PATTERN_MESSAGES["retired"] = _PATTERN_MESSAGES["last_reviewed"]


@dataclass
class Validated:
    """The loaded data plus every problem found; ``ok`` when nothing stops the build."""

    loaded: Loaded
    vocabularies: dict[str, list[dict[str, Any]]]
    problems: list[Problem]
    # data/redirects.yaml once checked: per collection, each old id with its new id ("to") or the
    # date it was retired ("retired") and its old title.
    redirects: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def _cap(text: str) -> str:
    """Upper-case the first letter only (str.capitalize would lower-case field names)."""
    return text[:1].upper() + text[1:]


def _describe(value: Any) -> str:
    if value is None:
        return "een lege waarde"
    if isinstance(value, bool):
        return f"de waarde {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"de tekst '{shown}'"
    if isinstance(value, list):
        return "een lijst"
    return "een groep velden"


class _Translator:
    """Turns one jsonschema error into a Dutch problem positioned in the record's file."""

    def __init__(self, schemas: Schemas, collection: str) -> None:
        self.schemas = schemas
        self.collection = collection
        self.titles = {f.name: f.title for f in schemas.fields(collection)} if collection in schemas.collections else {}

    def label(self, path: tuple[str | int, ...]) -> str:
        name = next((p for p in path if isinstance(p, str)), "")
        return f"'{self.titles.get(name, name)}'" if name else "het record"

    def problem(self, record: RawRecord, error: ValidationError) -> list[Problem]:
        path = tuple(error.absolute_path)
        field = pointer(path)
        line, column = record.where(path)
        kind = error.validator
        value = error.instance

        def make(code: str, message: str, hint: str = "", at: tuple[int, int] | None = None, fp: str = field) -> Problem:
            ln, col = at or (line, column)
            return Problem(record.path, ln, col, code, message, fp, hint)

        if kind == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extra = sorted(set(value) - set(allowed)) if isinstance(value, dict) else []
            return [
                make("unknown-field", f"Onbekend veld '{key}'.",
                     suggest(key, allowed) or f"Toegestane velden: {', '.join(allowed)}.",
                     at=record.where((*path, key), key=True), fp=pointer((*path, key)))
                for key in extra
            ]
        if kind == "required":
            missing = [k for k in error.validator_value if isinstance(value, dict) and k not in value]
            return [make("missing-field", f"Het verplichte veld '{key}' ontbreekt.",
                         f"Voeg een regel '{key}: ...' toe.", fp=pointer((*path, key))) for key in missing]
        if kind == "type":
            expected = error.validator_value
            names = " of ".join(_TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
            hint = ""
            if expected == "string" and isinstance(value, (int, float, bool)):
                hint = "Zet de waarde tussen aanhalingstekens, bijvoorbeeld: \"" + str(value).lower() + "\"."
            elif expected == "array" and isinstance(value, str):
                hint = "Schrijf een lijst: elke waarde op een eigen regel die begint met '- '."
            elif expected == "array" and value is None:
                hint = "Vul de lijst of laat het veld helemaal weg."
            elif expected == "integer" and isinstance(value, (str, float)):
                hint = "Schrijf alleen het getal, zonder punten, spaties, €-teken of eenheid, bijvoorbeeld: 1250000."
            return [make("wrong-type", f"{_cap(self.label(path))} moet {names} zijn, maar is {_describe(value)}.", hint)]
        if kind == "enum":
            options = [str(o) for o in error.validator_value]
            listed = f"Toegestaan: {', '.join(options)}." if len(options) <= 15 else "Zie data/vocabularies.yaml."
            shown = f"'{value}'" if isinstance(value, str) and len(value) <= 40 else _describe(value)
            return [make("unknown-value", f"Onbekende waarde {shown} voor {self.label(path)}.",
                         " ".join(h for h in (suggest(str(value), options), listed) if h))]
        if kind == "const":
            if error.validator_value is True:
                return [make("consent-required",
                             "Contactpersonen worden alleen opgenomen met hun toestemming (consent: true).",
                             "Heeft de persoon geen toestemming gegeven? Verwijder dan de contactpersoon.")]
            return [make("wrong-value", f"{_cap(self.label(path))} moet {error.validator_value!r} zijn.")]
        if kind == "pattern":
            key = next((str(p) for p in reversed(path) if isinstance(p, str)), "")
            if key in _PATTERN_MESSAGES:
                message, hint = _PATTERN_MESSAGES[key]
                return [make("bad-format", f"{message} Gevonden: {_describe(value)}.", hint)]
            return [make("bad-id", f"{_cap(_describe(value))} is geen geldige id.",
                         "Een id bestaat uit kleine letters a-z, cijfers en koppeltekens, zoals de bestandsnaam van het record.")]
        if kind == "not" and "x-only-for" in error.schema:
            only_for = error.schema["x-only-for"]
            return [make("only-for", f"{_cap(self.label(path))} hoort alleen bij records met {only_for}.",
                         f"Is dit record er een? Zet dan {only_for}. Anders: verwijder het veld.")]
        if kind == "minimum":
            return [make("too-small", f"{_cap(self.label(path))} moet {error.validator_value} of meer zijn, maar is {_describe(value)}.")]
        if kind == "minLength":
            return [make("too-short", f"{_cap(self.label(path))} is te kort of leeg.",
                         f"Schrijf minstens {error.validator_value} tekens.")]
        if kind == "maxLength":
            return [make("too-long", f"{_cap(self.label(path))} is te lang ({len(value)} tekens; hoogstens {error.validator_value}).")]
        if kind == "minItems":
            return [make("too-few", f"{_cap(self.label(path))} moet minstens {error.validator_value} waarde(n) bevatten.")]
        if kind == "uniqueItems":
            return [make("duplicate-value", f"{_cap(self.label(path))} bevat dezelfde waarde twee keer.")]
        return [make("invalid", f"{_cap(self.label(path))} klopt niet: {error.message}")]  # pragma: no cover


def _vocabularies(loaded: Loaded, schemas: Schemas, problems: list[Problem]) -> dict[str, list[dict[str, Any]]]:
    record = loaded.vocabularies
    if record is None:
        return {}
    validator = Draft7Validator(schemas.inlined(VOCABULARIES, {"definitions": {}}))
    translator = _Translator(schemas, "")
    found = sorted(validator.iter_errors(record.data), key=lambda e: record.where(tuple(e.absolute_path)))
    for error in found:
        problems += translator.problem(record, error)
    if found or not isinstance(record.data, dict):
        return {}
    for name, entries in record.data.items():
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if entry["id"] in seen:
                line, column = record.where((name, index, "id"))
                problems.append(Problem(record.path, line, column, "duplicate-id",
                                        f"De waarde '{entry['id']}' staat twee keer in de lijst {name}.",
                                        pointer((name, index, "id"))))
            seen[entry["id"]] = index
    _check_covers(record, problems)
    return record.data


def _check_covers(record: RawRecord, problems: list[Problem]) -> None:
    """A help kind's ``covers`` names existing kind lists and values in them (the wegwijzer maps through it)."""
    lists = {name: {e["id"] for e in entries} for name, entries in record.data.items()}
    for name, entries in record.data.items():
        for index, entry in enumerate(entries):
            for list_name, values in entry.get("covers", {}).items():
                if list_name not in lists:
                    line, column = record.where((name, index, "covers", list_name))
                    problems.append(Problem(record.path, line, column, "unknown-list",
                                            f"De lijst '{list_name}' bestaat niet in data/vocabularies.yaml.",
                                            pointer((name, index, "covers", list_name))))
                    continue
                for position, value in enumerate(values):
                    if value not in lists[list_name]:
                        line, column = record.where((name, index, "covers", list_name, position))
                        problems.append(Problem(record.path, line, column, "unknown-value",
                                                f"De waarde '{value}' staat niet in de lijst {list_name}.",
                                                pointer((name, index, "covers", list_name, position))))


def validate(loaded: Loaded, schemas: Schemas) -> Validated:
    """Check everything; the result lists every problem, sorted by file and position."""
    problems = list(loaded.problems)
    vocabularies = _vocabularies(loaded, schemas, problems)
    values = vocabulary_values_schema(vocabularies) if vocabularies else {"definitions": {}}
    ids = {name: {r.id for r in records} for name, records in loaded.records.items()}
    waiting: dict[str, set[str]] = defaultdict(set)  # unreadable file → the files that refer to it
    schema_ok: dict[str, bool] = {}

    for collection, records in loaded.records.items():
        schema_errors = _SchemaCheck(schemas.inlined(schemas.collections[collection].schema_file, values))
        translator = _Translator(schemas, collection)
        for record in records:
            if not isinstance(record.data, dict):
                problems.append(Problem(record.path, 1, 1, "not-a-mapping",
                                        f"Het bestand moet velden bevatten (veld: waarde), maar bevat {_describe(record.data)}.",
                                        hint="Begin met 'title: ...'; maak een nieuw record met python -m generator new."))
                schema_ok[record.path] = False
                continue
            unfilled = _placeholders(record)
            problems += unfilled
            errors = schema_errors(record.data)
            # A placeholder left in a field is that field's one message, not also "unknown value".
            blanks = {p.field_path for p in unfilled}
            for error in errors:
                if not any(pointer(tuple(error.absolute_path)[:n]) in blanks for n in range(1, len(error.absolute_path) + 1)):
                    problems += translator.problem(record, error)
            schema_ok[record.path] = not errors

    retired = {name: {r.id: r.data for r in records if isinstance(r.data, dict) and r.data.get("status") == RETIRED}
               for name, records in loaded.records.items()}
    for collection, records in loaded.records.items():
        titles: dict[str, RawRecord] = {}
        for record in records:
            if not isinstance(record.data, dict):
                continue
            problems += _reference_problems(record, collection, schemas, ids, loaded.unreadable, waiting)
            problems += _retirement_problems(record, retired[collection])
            title = record.data.get("title")
            if isinstance(title, str):
                key = fold(" ".join(title.split()))
                if key in titles:
                    line, column = record.where(("title",))
                    problems.append(Problem(record.path, line, column, "duplicate-title",
                                            f"Een ander record in {schemas.collections[collection].label.lower()} heeft dezelfde titel: {titles[key].path}.",
                                            "title", "Maak de titels verschillend of voeg de records samen."))
                else:
                    titles[key] = record
    redirects = _redirects(loaded, schemas, ids, problems)
    problems.sort()
    return Validated(loaded, vocabularies, _dedupe(_with_waiting(problems, waiting)), redirects)


def _redirects(loaded: Loaded, schemas: Schemas, ids: dict[str, set[str]],
               problems: list[Problem]) -> dict[str, list[dict[str, Any]]]:
    """Check data/redirects.yaml: every old id is gone, every target exists, no loops or chains."""
    record = loaded.redirects
    if record is None:
        return {}
    validator = Draft7Validator(schemas.inlined(REDIRECTS, {"definitions": {}}))
    found = sorted(validator.iter_errors(record.data), key=lambda e: record.where(tuple(e.absolute_path)))
    translator = _Translator(schemas, "")
    for error in found:
        problems.extend(translator.problem(record, error))
    if found or not isinstance(record.data, dict):
        return {}
    out: dict[str, list[dict[str, Any]]] = {}
    before = len(problems)

    def report(path: tuple[str | int, ...], code: str, message: str, hint: str = "", *, key: bool = False) -> None:
        line, column = record.where(path, key=key)
        problems.append(Problem(record.path, line, column, code, message, pointer(path), hint))

    for collection, entries in record.data.items():
        if collection not in schemas.collections:
            report((collection,), "unknown-collection",
                   f"'{collection}' is geen collectie; de collecties zijn: {', '.join(schemas.collections)}.",
                   suggest(collection, list(schemas.collections)), key=True)
            continue
        present = ids.get(collection, set()) | set(loaded.unreadable.get(collection, {}))
        moved: dict[str, str | None] = {}
        for entry in entries:
            moved.setdefault(entry["from"], entry.get("to"))
        seen: set[str] = set()
        for index, entry in enumerate(entries):
            old, new, at = entry["from"], entry.get("to"), (collection, index)
            if old in seen:
                report((*at, "from"), "duplicate-redirect", f"'{old}' staat twee keer in de doorverwijzingen van {collection}.",
                       "Houd één doorverwijzing per oude id.")
            seen.add(old)
            if old in present:
                report((*at, "from"), "redirect-from-existing",
                       f"Er bestaat nog een record met de id '{old}' (data/{collection}/{old}.yaml).",
                       "Een doorverwijzing is alleen voor een verwijderd of hernoemd record: haal de doorverwijzing "
                       "of het record weg.")
            elif old == "index":
                report((*at, "from"), "redirect-reserved", "'index' is het adres van het overzicht van de collectie.")
            if (new is None) == ("retired" not in entry):
                report(at, "redirect-target", "Geef bij een doorverwijzing 'to' (de id van het nieuwe record) of "
                       "'retired' (de datum waarop het record verviel), niet allebei en niet geen van beide.")
            elif new == old:
                report((*at, "to"), "redirect-loop", f"De doorverwijzing van '{old}' wijst naar zichzelf.")
            elif new is not None and new in moved:
                further = moved[new]
                report((*at, "to"), "redirect-chain", f"'{new}' wordt zelf ook doorverwezen.",
                       f"Verwijs direct naar '{further}'." if further and further != old else
                       "Verwijs direct naar een bestaand record.")
            elif new is not None and new not in present:
                report((*at, "to"), "unknown-reference",
                       f"Onbekende verwijzing '{new}': er is geen record met die id in {schemas.collections[collection].label.lower()}.",
                       suggest(new, present) or f"Er bestaat geen record data/{collection}/{new}.yaml.")
        out[collection] = entries
    return out if len(problems) == before else {}


def _with_waiting(problems: list[Problem], waiting: dict[str, set[str]]) -> list[Problem]:
    """After the error of a file that could not be read, one line saying how many records refer to it.

    Their references are checked again once the file reads; until then they are not reported, so
    one mistake gives one message.
    """
    if not waiting:
        return problems
    out: list[Problem] = []
    told: set[str] = set()
    for problem in problems:
        out.append(problem)
        if problem.path in waiting and problem.path not in told and problem.severity == "error":
            told.add(problem.path)
            count = len(waiting[problem.path])
            out.append(Problem(problem.path, problem.line, problem.column, "referenced-by",
                               f"{count} {'record verwijst' if count == 1 else 'records verwijzen'} naar dit record; "
                               "die verwijzingen worden weer gecontroleerd zodra dit bestand gelezen kan worden.",
                               severity="note"))
    return out


class _SchemaCheck:
    """Every schema error of a record, found fast when there are none.

    Almost every record is valid, and jsonschema walks the whole schema for each one.
    fastjsonschema compiles the schema to Python code and answers "valid or not" quickly, but stops at the first error and words it in English. So it
    only decides; for a record it rejects, jsonschema lists all errors, which are translated to
    Dutch as before. jsonschema stays the authority: any doubt from the fast check (including an
    unexpected exception) sends the record to it.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        self.validator = Draft7Validator(schema)
        # use_default=False: fastjsonschema would otherwise write schema defaults into the data.
        self.fast = fastjsonschema.compile(schema, use_default=False)

    def __call__(self, data: Any) -> list[ValidationError]:
        try:
            self.fast(data)
        except Exception:  # any failure of the fast check means: ask jsonschema
            return list(self.validator.iter_errors(data))
        return []


def _reference_problems(record: RawRecord, collection: str, schemas: Schemas, ids: dict[str, set[str]],
                        unreadable: dict[str, dict[str, str]], waiting: dict[str, set[str]]) -> list[Problem]:
    found = []
    for path, target, ref in schemas.references(collection, record.data):
        if not isinstance(ref, str) or target not in ids or PLACEHOLDER in ref:
            continue
        if ref in unreadable.get(target, {}):
            waiting[unreadable[target][ref]].add(record.path)
            continue
        to_itself = target == collection and ref == record.id
        if ref in ids[target] and not to_itself:
            continue
        # Only now the position: finding it re-reads the file, and nearly every reference is fine.
        line, column = record.where(path)
        field = pointer(path)
        if to_itself:
            found.append(Problem(record.path, line, column, "self-reference", "Een record kan niet naar zichzelf verwijzen.", field))
        elif ref not in ids[target]:
            elsewhere = [name for name, pool in ids.items() if ref in pool and name != target]
            label = schemas.collections[target].label.lower()
            if elsewhere:
                other = schemas.collections[elsewhere[0]].singular
                hint = f"'{ref}' is een {other} (data/{elsewhere[0]}/{ref}.yaml), geen record uit {label}."
            else:
                form = f"met het formulier '{_cap(schemas.collections[target].singular)} toevoegen' of " \
                    if target in FORM_COLLECTIONS else ""
                hint = suggest(ref, ids[target]) or (
                    f"Er bestaat geen record data/{target}/{ref}.yaml. Zoek de juiste id op in data/{target}/, of voeg "
                    f"het record eerst toe: {form}met make new COLLECTIE={target} TITEL=\"…\" (zie CONTRIBUTING.md).")
            found.append(Problem(record.path, line, column, "unknown-reference",
                                 f"Onbekende verwijzing '{ref}': er is geen record met die id in {label}.", field, hint))
    return found


def _retirement_problems(record: RawRecord, retired: dict[str, Any]) -> list[Problem]:
    """``replaced_by`` belongs to a retired record and names one that is kept (no chains)."""
    replacement = record.data.get("replaced_by")
    if not isinstance(replacement, str) or PLACEHOLDER in replacement:
        return []
    line, column = record.where(("replaced_by",))
    if record.data.get("status") != RETIRED:
        return [Problem(record.path, line, column, "replaced-not-retired",
                        "'Vervangen door' (replaced_by) hoort alleen bij een vervallen record.", pointer(("replaced_by",)),
                        f"Zet 'status: {RETIRED}' in het record als het niet meer wordt bijgehouden, of haal 'replaced_by' weg.")]
    if replacement in retired and replacement != record.id:
        further = retired[replacement].get("replaced_by")
        hint = (f"Verwijs direct naar '{further}', het record dat '{replacement}' vervangt." if isinstance(further, str)
                else "Kies een record dat nog wordt bijgehouden, of laat 'replaced_by' weg.")
        return [Problem(record.path, line, column, "replacement-retired",
                        f"Het vervangende record '{replacement}' is zelf vervallen.", pointer(("replaced_by",)), hint)]
    return []


def _placeholders(record: RawRecord) -> list[Problem]:
    """Every value that still holds the skeleton's placeholder: an error, so it is never published.

    Without a backslash (YAML's escapes) every letter of a value stands in the file in order, so
    a file without "VUL" has no placeholder and its values need no walk.
    """
    if "VUL" not in record.text and "\\" not in record.text:
        return []
    found = []
    for path, text in texts(record.data):
        if PLACEHOLDER in " ".join(text.split()):
            line, column = record.where(path)
            found.append(Problem(record.path, line, column, "placeholder",
                                 f"Dit veld bevat nog '{PLACEHOLDER}' uit het sjabloon.", pointer(path),
                                 f"Vervang '{PLACEHOLDER}' door de echte waarde. Een optioneel veld dat u niet invult, "
                                 "laat u weg."))
    return found


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, int, int, str, str]] = set()
    out = []
    for p in problems:
        key = (p.path, p.line, p.column, p.code, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out
