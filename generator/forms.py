"""GitHub issue forms, generated from the schemas: one per collection partners add to, and one
to propose a change to an existing record.

The same :class:`Form` values that are written to ``.github/ISSUE_TEMPLATE/`` are used to read a
submitted issue back (:mod:`generator.fromissue`), so a form and its reader cannot drift apart.
``python -m generator forms`` writes the files; ``--check`` (and a test) fails when a committed
form differs from what the schemas, vocabularies and source documents give.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .load import fold
from .schema import RETIRED, FieldInfo, Schemas, vocabulary_values_schema

FORM_COLLECTIONS = ("glossary", "instruments", "funds", "partners", "cases")
CHANGE = "wijziging"
TEMPLATE_DIR = Path(".github") / "ISSUE_TEMPLATE"
FORM_LABEL = "formulier"  # every form's issues carry it: the workflow runs only for these
NO_RESPONSE = "_No response_"
# Filled in by from-issue (the day of submission), not asked: a new record is checked when submitted.
NOT_ASKED = {"last_reviewed"}
# GitHub reserves "None" in dropdowns (it is the empty choice of an optional dropdown).
RESERVED_OPTIONS = {"none"}
HEADER = "# Gegenereerd door 'make forms' uit de schema's en data/; niet met de hand bewerken.\n"


@dataclass(frozen=True)
class Option:
    """One choice of a dropdown or checkbox: the text the partner sees, the value it stands for."""

    text: str
    value: str


@dataclass(frozen=True)
class FormField:
    """One input of a form and how its answer becomes a value in the record.

    ``path`` is where the value goes (``("sources", "document")`` for a part of a group field);
    ``lists`` says, per step of the path, whether that step is a list of groups, of which the form
    fills the first item.
    """

    id: str
    path: tuple[str, ...]
    label: str
    element: str  # input, textarea, dropdown, checkboxes
    kind: str  # text, markdown, list, ref, refs, vocab, vocabs, number, bool, date, choice, flags, raw
    required: bool = False
    description: str = ""
    placeholder: str = ""
    options: tuple[Option, ...] = ()
    multiple: bool = False
    lists: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Form:
    name: str  # the file is .github/ISSUE_TEMPLATE/<name>.yml
    title: str
    description: str
    issue_title: str
    label: str  # the label that tells the workflow which form an issue came from
    intro: str
    fields: tuple[FormField, ...]
    collection: str = ""  # empty for the change form

    def by_label(self, label: str) -> FormField | None:
        return next((f for f in self.fields if f.label == label), None)


@dataclass(frozen=True)
class FormContext:
    """What the forms are made from besides the schemas: vocabularies, documents and addresses."""

    schemas: Schemas
    vocabularies: dict[str, list[dict[str, Any]]]
    documents: list[tuple[str, str]]  # (id, title) of every record in data/sources
    site_url: str = ""
    repo_url: str = ""
    branch: str = "main"
    _inlined: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def overview(self, collection: str) -> str:
        """Where a partner looks up the ids of a collection, as Markdown."""
        coll = self.schemas.collections[collection]
        if self.site_url:
            return f"in het [overzicht {coll.label}]({self.site_url.rstrip('/')}/{coll.path}/) (het laatste deel van het webadres van een pagina)"
        if self.repo_url:
            return f"in de map [data/{collection}/]({self.repo_url.rstrip('/')}/tree/{self.branch}/data/{collection}) (de bestandsnaam zonder .yaml)"
        return f"in de map data/{collection}/ van de repository (de bestandsnaam zonder .yaml)"

    def guide_link(self) -> str:
        if self.repo_url:
            return f"[de uitleg voor partners]({self.contributing_url()})"
        return "de uitleg voor partners (CONTRIBUTING.md in de repository)"

    def contributing_url(self) -> str:
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/CONTRIBUTING.md" if self.repo_url else ""

    def inlined(self, collection: str) -> dict[str, Any]:
        if collection not in self._inlined:
            values = vocabulary_values_schema(self.vocabularies)
            self._inlined[collection] = self.schemas.inlined(self.schemas.collections[collection].schema_file, values)
        return self._inlined[collection]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def options_for(entries: Sequence[tuple[str, str]]) -> tuple[Option, ...]:
    """Dropdown options from (value, text) pairs: the text, made unique and never GitHub's "None"."""
    counts = Counter(fold(text.strip()) for _, text in entries)
    out = []
    for value, text in entries:
        shown = " ".join(text.split())
        if counts[fold(shown)] > 1 or fold(shown) in RESERVED_OPTIONS:
            shown = f"{shown} ({value})"
        out.append(Option(shown, value))
    return tuple(out)


def _vocab_options(ctx: FormContext, info: FieldInfo) -> tuple[Option, ...]:
    """A vocabulary's values; a new record cannot be retired, so its status leaves that value out."""
    entries = [e for e in ctx.vocabularies.get(info.target, []) if not (info.name == "status" and e["id"] == RETIRED)]
    return options_for([(entry["id"], str(entry.get("label") or entry["id"])) for entry in entries])


def _placeholder(info: FieldInfo) -> str:
    if not info.examples:
        return ""
    example = info.examples[0]
    if isinstance(example, list):
        return "\n".join(str(item) for item in example if not isinstance(item, (dict, list)))
    if isinstance(example, (dict, bool)):
        return ""
    return str(example)


_VOCAB_SENTENCE = re.compile(r"\s*Een waarde uit data/vocabularies\.yaml \(lijst [a-z_]+\)\.")
_VOCAB_PHRASE = re.compile(r",? uit data/vocabularies\.yaml \(lijst [a-z_]+\)")


def help_text(info: FieldInfo, kind: str = "") -> str:
    """The schema's description as a form shows it: without the editors' pointers into data/."""
    text = _VOCAB_PHRASE.sub("", _VOCAB_SENTENCE.sub("", info.description))
    if (kind or info.kind) == "bool":
        text = _cap(re.sub(r"^true:\s*", "", text).replace("Zet op true als", "Vink aan als"))
    return text.strip()


def value_input(ctx: FormContext, info: FieldInfo, path: tuple[str, ...], label: str, required: bool,
               lists: tuple[bool, ...]) -> FormField:
    """The form input for one schema field that holds a value (not a group)."""
    kind, node = info.kind, info.schema or {}
    if node.get("type") in ("integer", "number"):
        kind = "number"
    if node.get("type") == "boolean":
        kind = "bool"
    description = help_text(info, kind)
    ident = "-".join(path)
    common: dict[str, Any] = {"id": ident, "path": path, "label": label, "required": required, "lists": lists}
    if kind in ("ref", "refs") and info.target == "sources":
        return FormField(**common, element="dropdown", kind="choice" if kind == "ref" else "choices",
                         description="Het document waarin het staat.", options=options_for(ctx.documents),
                         multiple=kind == "refs")
    if kind in ("vocab", "vocabs"):
        extra = " U kunt meer dan één keuze maken." if kind == "vocabs" else ""
        return FormField(**common, element="dropdown", kind="choice" if kind == "vocab" else "choices",
                         description=description + extra, options=_vocab_options(ctx, info),
                         multiple=kind == "vocabs")
    if kind == "bool":
        return FormField(**common, element="checkboxes", kind="bool", description=description,
                         options=(Option(f"Ja ({info.title.lower()})", "true"),))
    if kind == "refs":
        description += f" Eén id per regel, of gescheiden door komma's. De ids vindt u {ctx.overview(info.target)}."
        return FormField(**common, element="textarea", kind="refs", description=description, placeholder=_placeholder(info))
    if kind == "ref":
        description += f" De id vindt u {ctx.overview(info.target)}."
        return FormField(**common, element="input", kind="ref", description=description, placeholder=_placeholder(info))
    if kind == "list":
        description += " Eén per regel (of op één regel, gescheiden door komma's)."
        return FormField(**common, element="textarea", kind="list", description=description, placeholder=_placeholder(info))
    if kind == "markdown":
        return FormField(**common, element="textarea", kind="markdown", description=description, placeholder=_placeholder(info))
    if kind == "number":
        return FormField(**common, element="input", kind="number", description=description + " Alleen het getal.",
                         placeholder=_placeholder(info))
    if kind == "date":
        return FormField(**common, element="input", kind="date", description=description, placeholder=_placeholder(info) or "JJJJ-MM-DD")
    # One line for short text and for anything with a pattern (web and e-mail addresses, ids).
    one_line = "pattern" in node or (node.get("maxLength") or 10**6) <= 200
    return FormField(**common, element="input" if one_line else "textarea", kind="text", description=description,
                     placeholder=_placeholder(info))


def _fields_of(ctx: FormContext, node: dict[str, Any], path: tuple[str, ...], label: str, required: bool,
               lists: tuple[bool, ...]) -> list[FormField]:
    """The inputs for the properties of a group (or of the first item of a list of groups)."""
    needed = set(node.get("required", []))
    out: list[FormField] = []
    for name, sub in node.get("properties", {}).items():
        info = ctx.schemas.describe(name, sub, name in needed)
        out += _inputs(ctx, info, (*path, name), f"{label}: {info.title}", required and info.required, lists)
    return out


def _inputs(ctx: FormContext, info: FieldInfo, path: tuple[str, ...], label: str, required: bool,
            lists: tuple[bool, ...] = ()) -> list[FormField]:
    node = info.schema or {}
    if info.kind == "object":
        return _fields_of(ctx, node, path, label, required, (*lists, False))
    if info.kind == "objects":
        return _fields_of(ctx, node.get("items", {}), path, label, required, (*lists, True))
    return [value_input(ctx, info, path, label, required, (*lists, False))]


def collection_form(ctx: FormContext, collection: str) -> Form:
    """The form that adds one record to ``collection``."""
    coll = ctx.schemas.collections[collection]
    inlined = ctx.inlined(collection)
    needed = set(inlined.get("required", []))
    fields: list[FormField] = []
    for name, node in inlined.get("properties", {}).items():
        info = ctx.schemas.describe(name, node, name in needed)
        if name in NOT_ASKED or info.change_only:
            continue
        fields += _inputs(ctx, info, (name,), info.title, info.required)
    singular = _cap(coll.singular)
    intro = (
        f"**{singular} toevoegen.** Vul in wat u weet; velden met een sterretje zijn verplicht. "
        "Na het versturen controleert de kennisbank uw invoer. Klopt alles, dan maakt zij er een voorstel "
        "(pull request) van dat het secretariaat beoordeelt. Klopt er iets niet, dan leest u in een reactie "
        "onder dit issue wat u moet aanpassen; pas dan het issue aan (··· › Edit) en de controle loopt opnieuw.\n\n"
        "Schrijf in eigen woorden, neem bedragen en data precies over uit de bron en noem altijd de bron. "
        f"Meer uitleg: {ctx.guide_link()}."
    )
    return Form(name=collection, title=f"{singular} toevoegen", description=coll.schema.get("description", ""),
                issue_title=f"{singular} toevoegen: ", label=f"{FORM_LABEL}: {coll.singular}", intro=intro,
                fields=tuple(fields), collection=collection)


CHANGE_OPTIONS = (Option("Veld weghalen (de nieuwe inhoud blijft dan leeg)", "remove"),
                  Option("Ik heb het hele record gecontroleerd: zet de controledatum op vandaag", "reviewed"))
# Fields the change form does not touch: personal data needs the secretariat, groups need the editor.
CHANGE_SKIPPED = {"last_reviewed", "contacts"}


def changeable(info: FieldInfo) -> bool:
    """Whether the change form can set this field (groups only as sources or links, one per line)."""
    if info.name in CHANGE_SKIPPED:
        return False
    return info.kind not in ("object", "objects") or info.name in ("sources", "links")


def change_form(ctx: FormContext) -> Form:
    """The form that proposes a change to one field of an existing record."""
    collections = options_for([(name, coll.label) for name, coll in ctx.schemas.collections.items()])
    titles: dict[str, list[str]] = {}
    for name in ctx.schemas.collections:
        for info in ctx.schemas.fields(name):
            if changeable(info) and info.title not in titles.setdefault(info.name, []):
                titles[info.name].append(info.title)
    fields = options_for([(name, f"{' / '.join(shown)} ({name})") for name, shown in titles.items()])
    value_help = (
        "De nieuwe inhoud van het veld, zoals die op de site moet komen. Tekst typt u gewoon. "
        "Een lijst (afkortingen, thema's, verwijzingen): één waarde per regel; bij keuzes uit een lijst de naam zoals "
        "op de site of de id. Bronnen: één per regel als `document-id: sectie`, bijvoorbeeld `pact: 4. Ontwikkelagenda, actie 6`. "
        "Links: één per regel, de linktekst en dan het webadres, bijvoorbeeld `Website van RVO https://www.rvo.nl/`."
    )
    intro = (
        "**Wijziging voorstellen.** Ziet u een fout of ontbreekt er iets? Kies het record en het veld, en schrijf de "
        "nieuwe inhoud. Na het versturen past de kennisbank het record aan en controleert het. Klopt alles, dan maakt "
        "zij een voorstel (pull request) dat het secretariaat beoordeelt; anders leest u in een reactie wat u moet "
        "aanpassen. Wilt u meer velden tegelijk wijzigen, gebruik dan *Bewerk dit record* onderaan de pagina, of "
        f"dien per veld een formulier in. Meer uitleg: {ctx.guide_link()}."
    )
    body = (
        FormField("collectie", ("collectie",), "Collectie", "dropdown", "choice", True,
                  "In welk deel van de kennisbank staat het record?", options=collections),
        FormField("id", ("id",), "Id van het record", "input", "raw", True,
                  "Het laatste deel van het webadres van de pagina (of de bestandsnaam zonder .yaml in "
                  "data/<collectie>/). Via *Wijziging voorstellen* op een pagina is dit al ingevuld.", placeholder="impulsaanpak-winkelgebieden"),
        FormField("veld", ("veld",), "Welk veld", "dropdown", "choice", True,
                  "Het veld dat u wilt wijzigen, met tussen haakjes de naam in het record.", options=fields),
        FormField("waarde", ("waarde",), "Nieuwe inhoud", "textarea", "raw", False, value_help),
        FormField("opties", ("opties",), "Opties", "checkboxes", "flags", False, "", options=CHANGE_OPTIONS),
        FormField("toelichting", ("toelichting",), "Toelichting en bron", "textarea", "raw", True,
                  "Waarom deze wijziging, en waar staat het (document en paragraaf, of een webadres)? "
                  "Dit komt bij het voorstel, niet in het record.", placeholder="Pact voor Waardevolle Kernen, 4. Ontwikkelagenda, actie 6"),
    )
    return Form(name=CHANGE, title="Wijziging voorstellen", description="Stel een correctie of aanvulling voor op een bestaand record.",
                issue_title="Wijziging: ", label=f"{FORM_LABEL}: {CHANGE}", intro=intro, fields=body)


def all_forms(ctx: FormContext) -> list[Form]:
    return [*(collection_form(ctx, name) for name in FORM_COLLECTIONS if name in ctx.schemas.collections), change_form(ctx)]


# -- writing -------------------------------------------------------------------------------------


def form_document(form: Form) -> dict[str, Any]:
    """The form as GitHub's issue-form schema wants it."""
    body: list[dict[str, Any]] = [{"type": "markdown", "attributes": {"value": form.intro}}]
    for f in form.fields:
        attributes: dict[str, Any] = {"label": f.label}
        if f.description:
            attributes["description"] = f.description
        if f.element in ("input", "textarea") and f.placeholder:
            attributes["placeholder"] = f.placeholder
        if f.element == "dropdown":
            attributes["multiple"] = f.multiple
            attributes["options"] = [o.text for o in f.options]
        if f.element == "checkboxes":
            attributes["options"] = [{"label": o.text, **({"required": True} if f.required else {})} for o in f.options]
        element: dict[str, Any] = {"type": f.element, "id": f.id, "attributes": attributes}
        if f.required and f.element != "checkboxes":
            element["validations"] = {"required": True}
        body.append(element)
    return {"name": form.title, "description": form.description, "title": form.issue_title,
            "labels": [FORM_LABEL, form.label], "body": body}


def config_document(ctx: FormContext) -> dict[str, Any]:
    """``config.yml``: blank issues stay possible (questions), and the chooser links the guide."""
    document: dict[str, Any] = {"blank_issues_enabled": True}
    if ctx.repo_url:
        document["contact_links"] = [{
            "name": "Uitleg voor partners",
            "url": ctx.contributing_url(),
            "about": "Hoe u een record toevoegt of wijzigt, en wat de controle zegt (CONTRIBUTING.md).",
        }]
    return document


class _FormDumper(yaml.SafeDumper):
    """Lists indented under their key (as yamllint's default wants), no anchors."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_FormDumper.add_representer(str, _str)


def to_yaml(document: dict[str, Any]) -> str:
    return HEADER + yaml.dump(document, Dumper=_FormDumper, allow_unicode=True, sort_keys=False, width=100)


def form_files(ctx: FormContext) -> dict[str, str]:
    """Every generated file below ``.github/ISSUE_TEMPLATE/`` by name."""
    files = {f"{form.name}.yml": to_yaml(form_document(form)) for form in all_forms(ctx)}
    files["config.yml"] = to_yaml(config_document(ctx))
    return files


def context_for(schemas: Schemas, vocabularies: dict[str, list[dict[str, Any]]], sources: Sequence[Any],
                site_url: str = "", repo_url: str = "", branch: str = "main") -> FormContext:
    """The context from validated data: ``sources`` are the raw records of data/sources."""
    documents = sorted(((r.id, str(r.data.get("title", r.id))) for r in sources if isinstance(r.data, dict)),
                       key=lambda item: (fold(item[1]), item[0]))
    return FormContext(schemas, vocabularies, documents, site_url, repo_url, branch)
