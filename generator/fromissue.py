"""``python -m generator from-issue <collection> <body-file>``: a submitted issue form as a record.

GitHub writes a submitted form into the issue body as ``### <label>`` headings, each followed by
the answer (``_No response_`` when empty, ``- [X]`` for a ticked box, a dropdown's chosen option
texts joined by ", "). This module reads that body back with the same :class:`~generator.forms.Form`
the form file was written from, builds the record, validates it together with the existing data
(in a temporary copy, by the ordinary load and validate stages), and only then writes it. The body
is untrusted: it only ever becomes values in a dict; the file name comes from the slug rules, and
nothing is written outside ``data/<collection>/`` or over an existing record, except by the change
form, which rewrites only the field it names in the record it names.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import Settings
from .forms import (
    CHANGE,
    NO_RESPONSE,
    Form,
    FormContext,
    FormField,
    Option,
    change_form,
    changeable,
    collection_form,
    context_for,
    value_input,
)
from .load import ID_PATTERN, MAX_FILE_BYTES, fold, make_id
from .pipeline import check
from .problems import Problem
from .recordyaml import FlowList, dump_fields, read_back, record_text
from .schema import FieldInfo, Schemas

GENERAL = "Algemeen"


@dataclass
class Outcome:
    """What became of one submission: the record's path, or the Dutch messages why not."""

    ok: bool
    path: str = ""  # data/<collection>/<id>.yaml
    messages: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    collection: str = ""
    record_id: str = ""
    change: bool = False
    field_title: str = ""  # the change form: which field
    explanation: str = ""  # the change form: why, and where it says so


class _Messages:
    """Dutch messages per form label; one mistake in one field is told once."""

    def __init__(self) -> None:
        self.errors: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []

    def add(self, label: str, message: str, warning: bool = False) -> None:
        target = self.warnings if warning else self.errors
        if (label, message) not in target:
            target.append((label, message))

    def labels(self) -> set[str]:
        return {label for label, _ in self.errors}

    def texts(self, warnings: bool = False) -> list[str]:
        return [f"{label}: {message}" for label, message in (self.warnings if warnings else self.errors)]


# -- reading the body ----------------------------------------------------------------------------


def parse_body(body: str, form: Form) -> dict[str, str]:
    """The answer to each field of ``form`` by field id ("" when empty or missing).

    Headings are looked for in the form's order, so an answer that itself contains a line like
    ``### Titel`` further down cannot take the place of the real heading before it.
    """
    lines = (body or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    heads: list[tuple[int, FormField]] = []
    taken: set[int] = set()
    start = 0
    for f in form.fields:
        target = f"### {f.label}"
        found = next((n for n in range(start, len(lines)) if lines[n].rstrip() == target), None)
        if found is None:  # edited by hand into another order
            found = next((n for n, line in enumerate(lines) if line.rstrip() == target and n not in taken), None)
        if found is not None:
            heads.append((found, f))
            taken.add(found)
            start = found + 1
    heads.sort(key=lambda item: item[0])
    answers = {f.id: "" for f in form.fields}
    for index, (line, f) in enumerate(heads):
        end = heads[index + 1][0] if index + 1 < len(heads) else len(lines)
        text = "\n".join(lines[line + 1:end]).strip("\n")
        if text.strip() == NO_RESPONSE or (f.element == "dropdown" and not f.required and text.strip() == "None"):
            text = ""
        answers[f.id] = text
    return answers


def _bullet_free(line: str) -> str:
    return re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line).strip()


def split_items(text: str) -> list[str]:
    """A list answer: one item per line, or on one line separated by commas; bullets dropped."""
    lines = [_bullet_free(line) for line in text.split("\n") if line.strip()]
    lines = [line for line in lines if line]
    parts = [p.strip() for p in lines[0].split(",")] if len(lines) == 1 else lines
    return _unique([p for p in parts if p])


def as_id(text: str) -> str:
    """An id as typed or pasted: the last part of a web address or path, without .yaml, lower case."""
    text = text.strip().strip("/").strip()
    if "/" in text:
        text = text.rstrip("/").rsplit("/", 1)[-1]
    text = re.sub(r"\.(ya?ml|html?)$", "", text, flags=re.IGNORECASE)
    return text.lower()


def split_ids(text: str) -> list[str]:
    """Ids: separated by lines, commas, semicolons or spaces (an id has none of those)."""
    parts = [p for line in text.split("\n") for p in re.split(r"[\s,;]+", _bullet_free(line)) if p]
    return _unique([as_id(p) for p in parts if as_id(p)])


def _unique(items: list[Any]) -> list[Any]:
    seen: list[Any] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def choose(text: str, options: tuple[Option, ...]) -> str | None:
    """The value of the option whose text (or value) this is; case and accents do not matter."""
    shown = " ".join(text.split())
    for option in options:
        if option.text == shown:
            return option.value
    folded = fold(shown)
    for option in options:
        if folded in (fold(option.text), fold(option.value)):
            return option.value
    return None


def choose_many(text: str, options: tuple[Option, ...]) -> tuple[list[str], list[str]]:
    """The values of several choices, and what matched no option.

    GitHub joins the chosen options with ", ", and an option may contain a comma itself: at each
    place the longest run of comma-separated pieces that is an option wins.
    """
    values: list[str] = []
    unknown: list[str] = []
    for line in text.split("\n"):
        pieces = _bullet_free(line).split(",") if line.strip() else []
        i = 0
        while i < len(pieces):
            for j in range(len(pieces), i, -1):
                value = choose(",".join(pieces[i:j]), options)
                if value is not None:
                    values.append(value)
                    i = j
                    break
            else:
                if pieces[i].strip():
                    unknown.append(pieces[i].strip())
                i += 1
    return _unique(values), unknown


def ticked(text: str) -> set[str]:
    """The texts of the ticked boxes in a checkboxes answer."""
    found = set()
    for line in text.split("\n"):
        match = re.match(r"^\s*[-*]\s*\[([ xX])\]\s*(.*?)\s*$", line)
        if match and match.group(1) in "xX":
            found.add(match.group(2))
    return found


def _number(text: str) -> Any:
    raw = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
        raw = raw.replace(".", "")
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    if re.fullmatch(r"-?\d+,\d+", raw):
        return float(raw.replace(",", "."))
    return text.strip()  # the schema says what is wrong with it


def markdown_text(text: str) -> str:
    """Markdown as typed, without trailing spaces or tabs (the YAML block style cannot keep them)."""
    lines = [line.expandtabs(4).rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip("\n")
    return text + "\n" if text else ""


def answer_value(f: FormField, text: str, messages: _Messages) -> Any:
    """The value an answer gives, or ``None`` when it gives none (never a partial guess)."""
    if not text.strip() and f.kind != "bool":
        return None
    if f.kind == "text":
        return " ".join(text.split())
    if f.kind == "markdown":
        return markdown_text(text) or None
    if f.kind == "list":
        return split_items(text) or None
    if f.kind == "refs":
        return FlowList(split_ids(text)) or None
    if f.kind == "ref":
        ids = split_ids(text)
        if len(ids) > 1:
            messages.add(f.label, "Vul hier één id in.")
            return None
        return ids[0] if ids else None
    if f.kind == "choice":
        value = choose(text, f.options)
        if value is None:
            messages.add(f.label, f"'{' '.join(text.split())}' is geen keuze uit de lijst.",)
        return value
    if f.kind == "choices":
        values, unknown = choose_many(text, f.options)
        for item in unknown:
            messages.add(f.label, f"'{item}' is geen keuze uit de lijst.")
        return FlowList(values) or None
    if f.kind == "bool":
        return True if ticked(text) else None
    if f.kind == "number":
        return _number(text)
    return text.strip()


def _put(record: dict[str, Any], f: FormField, value: Any) -> None:
    node = record
    for step, key in enumerate(f.path[:-1]):
        node = node.setdefault(key, [{}])[0] if f.lists[step] else node.setdefault(key, {})
    node[f.path[-1]] = value


def _ordered(record: dict[str, Any], schemas: Schemas, collection: str) -> dict[str, Any]:
    order = [info.name for info in schemas.fields(collection)]
    return {key: record[key] for key in sorted(record, key=lambda k: order.index(k) if k in order else len(order))}


def read_record(form: Form, answers: dict[str, str], messages: _Messages) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for f in form.fields:
        value = answer_value(f, answers.get(f.id, ""), messages)
        if value is not None:
            _put(record, f, value)
    return record


# -- messages in the form's words ----------------------------------------------------------------


def _label_for(problem: Problem, fields: tuple[FormField, ...], titles: dict[str, str]) -> str:
    names = tuple(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", problem.field_path))
    for size in range(len(names), 0, -1):
        for f in fields:
            if f.path[:size] == names[:size] and len(f.path) >= size:
                return f.label
    if names and names[0] in titles:
        return titles[names[0]]
    return GENERAL


def _form_message(problem: Problem) -> str:
    """The validator's message, with its hints about YAML replaced by hints about the form."""
    if problem.code == "missing-field":
        return "Dit veld is verplicht: vul het in."
    if problem.code == "file-too-large":
        return "De inzending is te lang voor één record (de grens is 256 KB). Kort vooral de beschrijving in."
    hint = "" if problem.code in ("wrong-type", "unknown-field") else problem.hint
    return f"{problem.message} {hint}".strip()


def _add_problems(messages: _Messages, problems: list[Problem], fields: tuple[FormField, ...],
                  titles: dict[str, str]) -> None:
    already = messages.labels()
    for problem in problems:
        label = _label_for(problem, fields, titles)
        if label in already and problem.severity == "error":
            continue  # the reading of the answer already said what is wrong here
        messages.add(label, _form_message(problem), warning=problem.severity != "error")


# -- validating in a copy ------------------------------------------------------------------------


def _problems_with(data_dir: Path, schemas: Schemas, rel: str, text: str, baseline: set[str]) -> list[Problem]:
    """The problems that putting ``text`` at ``data/<rel>`` adds to the data (validated in a copy)."""
    with tempfile.TemporaryDirectory(prefix="kennisbank-formulier-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, symlinks=True)
        target = copy / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_symlink():
            target.unlink()
        target.write_text(text, encoding="utf-8")
        validated = check(copy, schemas, Path(tmp), workers=1)
    return [p for p in validated.problems if p.text() not in baseline]


def _safe_folder(data_dir: Path, collection: str) -> Path | None:
    """``data/<collection>/`` if it is a real folder inside data/ (or can be made), else ``None``."""
    folder = data_dir / collection
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        return None
    if folder.exists() and not folder.resolve().is_relative_to(data_dir.resolve()):
        return None
    return folder


def _write_new(path: Path, text: str) -> None:
    """Create the file; fail rather than follow a link or overwrite anything."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


def _replace(path: Path, text: str) -> None:
    """Replace an existing record file in one step (never through a symbolic link)."""
    if path.is_symlink() or not path.is_file():
        raise OSError(f"{path} is not a plain file")
    temporary = path.with_name(f".{path.name}.formulier")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


# -- the two kinds of submission -----------------------------------------------------------------


def _context(settings: Settings, schemas: Schemas) -> tuple[FormContext, set[str]] | None:
    validated = check(settings.data_dir, schemas, settings.root, workers=1)
    if not validated.vocabularies:
        return None
    ctx = context_for(schemas, validated.vocabularies, validated.loaded.records.get("sources", []))
    return ctx, {p.text() for p in validated.problems}


def _failed(messages: _Messages, **known: Any) -> Outcome:
    return Outcome(False, messages=messages.texts(), warnings=messages.texts(warnings=True), **known)


def submit(settings: Settings, form_name: str, body: str, today: str, write: bool = True) -> Outcome:
    """Read one submitted form (a collection's or the change form) and write its record when valid."""
    schemas = Schemas()
    loaded = _context(settings, schemas)
    messages = _Messages()
    if loaded is None:
        messages.add(GENERAL, "De kennisbank kan nu geen inzendingen verwerken: de woordenlijsten bevatten een fout. "
                              "Het secretariaat lost dit op; probeer het later opnieuw.")
        return _failed(messages)
    ctx, baseline = loaded
    if form_name == CHANGE:
        return _submit_change(settings, schemas, ctx, baseline, body, today, write)
    if form_name not in schemas.collections:
        messages.add(GENERAL, f"Onbekend formulier '{form_name}'.")
        return _failed(messages)
    return _submit_new(settings, schemas, ctx, baseline, form_name, body, today, write)


def _submit_new(settings: Settings, schemas: Schemas, ctx: FormContext, baseline: set[str], collection: str,
                body: str, today: str, write: bool) -> Outcome:
    form = collection_form(ctx, collection)
    messages = _Messages()
    record = read_record(form, parse_body(body, form), messages)
    title_field = next(f for f in form.fields if f.path == ("title",))
    title = record.get("title")
    if not isinstance(title, str) or not title.strip():
        messages.add(title_field.label, "Dit veld is verplicht: vul het in.")
        return _failed(messages, collection=collection)
    record_id = make_id(title)
    if not ID_PATTERN.match(record_id):  # slugify gives a-z, 0-9 and '-', never a path
        messages.add(title_field.label, "Uit deze titel kan geen bestandsnaam worden gemaakt.")
        return _failed(messages, collection=collection)
    rel = f"{collection}/{record_id}.yaml"
    known: dict[str, Any] = {"collection": collection, "record_id": record_id, "path": f"data/{rel}"}
    folder = _safe_folder(settings.data_dir, collection)
    if folder is None:
        messages.add(GENERAL, f"De map data/{collection}/ is geen gewone map; er is niets geschreven.")
        return _failed(messages, **known)
    target = folder / f"{record_id}.yaml"
    if os.path.lexists(target):
        singular = schemas.collections[collection].singular
        messages.add(title_field.label,
                     f"Er is al een {singular} met de id '{record_id}' (data/{rel}). Wilt u dat record aanvullen "
                     "of verbeteren? Gebruik dan het formulier 'Wijziging voorstellen' (of 'Wijziging voorstellen' "
                     "onderaan de pagina van het record). Gaat het om iets anders, geef het dan een eigen titel.")
        return _failed(messages, **known)
    record["last_reviewed"] = today
    text = record_text(collection, _ordered(record, schemas, collection))
    titles = {info.name: info.title for info in schemas.fields(collection)}
    titles["last_reviewed"] = GENERAL
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        messages.add(GENERAL, _form_message(Problem(known["path"], code="file-too-large")))
    else:
        _add_problems(messages, _problems_with(settings.data_dir, schemas, rel, text, baseline), form.fields, titles)
    if messages.errors:
        return _failed(messages, **known)
    if write:
        folder.mkdir(parents=True, exist_ok=True)
        _write_new(target, text)
    return Outcome(True, warnings=messages.texts(warnings=True), **known)


# -- the change form -----------------------------------------------------------------------------

_TOP_KEY = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):")


def replace_top_field(text: str, name: str, value: Any, order: list[str]) -> str:
    """``text`` with only the top-level field ``name`` rewritten (or removed, when ``value`` is None).

    The other lines stay exactly as they are, comments included, so the pull request shows only
    the change.
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    starts = [(i, m.group(1)) for i, line in enumerate(lines) if (m := _TOP_KEY.match(line))]
    new = dump_fields({name: value}).splitlines(keepends=True) if value is not None else []
    for index, (line, key) in enumerate(starts):
        if key != name:
            continue
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        while end > line + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1  # blank lines and comments before the next field belong to that field
        return "".join(lines[:line] + new + lines[end:])
    rank = order.index(name) if name in order else len(order)
    for line, key in starts:
        if key in order and order.index(key) > rank:
            return "".join(lines[:line] + new + lines[line:])
    return "".join(lines + new)


def _sources_value(text: str, ctx: FormContext, label: str, messages: _Messages) -> list[dict[str, str]] | None:
    """Sources one per line: ``document: section`` (the document by id or by title)."""
    documents = tuple(Option(title, ident) for ident, title in ctx.documents)
    out = []
    for line in [_bullet_free(line) for line in text.split("\n") if line.strip()]:
        document, sep, section = line.partition(":")
        ident = choose(document, documents) if sep else None
        if not sep or not section.strip():
            messages.add(label, f"Schrijf een bron als 'document-id: sectie', bijvoorbeeld 'pact: 4. Ontwikkelagenda'. Gevonden: '{line}'.")
            continue
        out.append({"document": ident or as_id(document), "section": " ".join(section.split())})
    return out or None


def _links_value(text: str, label: str, messages: _Messages) -> list[dict[str, str]] | None:
    """Links one per line: the link text, then the web address (the address alone is fine too)."""
    out = []
    for line in [_bullet_free(line) for line in text.split("\n") if line.strip()]:
        words = line.split()
        url = words[-1].strip("<>()")
        if not re.match(r"^https?://", url):
            messages.add(label, f"Eindig elke regel met een webadres dat begint met https://. Gevonden: '{line}'.")
            continue
        title = " ".join(words[:-1]).rstrip(":–- ").strip() or re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
        out.append({"title": title, "url": url})
    return out or None


def _change_value(info: FieldInfo, text: str, ctx: FormContext, label: str, messages: _Messages) -> Any:
    if info.name == "sources":
        return _sources_value(text, ctx, label, messages)
    if info.name == "links":
        return _links_value(text, label, messages)
    f = value_input(ctx, info, (info.name,), label, info.required, (False,))
    if f.kind == "bool":  # typed here, not ticked
        answer = fold(text.strip())
        if answer in ("ja", "true", "waar"):
            return True
        messages.add(label, "Schrijf 'ja', of kies 'Veld weghalen' voor nee.")
        return None
    if f.kind == "choices":  # one per line here, or as GitHub would join them
        values, unknown = choose_many(text, f.options)
        for item in unknown:
            messages.add(label, f"'{item}' is geen waarde van '{info.title}'. Kies uit: {', '.join(o.text for o in f.options)}.")
        return FlowList(values) or None
    if f.kind == "choice":
        value = choose(text, f.options)
        if value is None:
            messages.add(label, f"'{' '.join(text.split())}' is geen waarde van '{info.title}'. "
                                f"Kies uit: {', '.join(o.text for o in f.options)}.")
        return value
    return answer_value(f, text, messages)


def _submit_change(settings: Settings, schemas: Schemas, ctx: FormContext, baseline: set[str], body: str,
                   today: str, write: bool) -> Outcome:
    form = change_form(ctx)
    fields = {f.id: f for f in form.fields}
    answers = parse_body(body, form)
    messages = _Messages()
    explanation = answers["toelichting"].strip()
    collection = choose(answers["collectie"], fields["collectie"].options) or ""
    if not collection:
        messages.add(fields["collectie"].label, "Kies de collectie van het record.")
    record_id = as_id(answers["id"])
    if not ID_PATTERN.match(record_id):
        messages.add(fields["id"].label, "Vul de id van het record in: kleine letters, cijfers en koppeltekens, "
                                         "zoals het laatste deel van het webadres van de pagina.")
    name = choose(answers["veld"], fields["veld"].options) or ""
    if not name:
        messages.add(fields["veld"].label, "Kies het veld dat u wilt wijzigen.")
    if not explanation:
        messages.add(fields["toelichting"].label, "Schrijf kort waarom, en waar het staat (document en paragraaf).")
    if messages.errors:
        return _failed(messages, change=True, explanation=explanation)
    rel = f"{collection}/{record_id}.yaml"
    known: dict[str, Any] = {"collection": collection, "record_id": record_id, "path": f"data/{rel}", "change": True,
             "explanation": explanation}
    folder = _safe_folder(settings.data_dir, collection)
    target = folder / f"{record_id}.yaml" if folder is not None else None
    if target is None or target.is_symlink() or not target.is_file():
        label = schemas.collections[collection].label
        messages.add(fields["id"].label, f"Er is geen record '{record_id}' in {label}. Controleer de id en de collectie.")
        return _failed(messages, **known)
    info = next((i for i in schemas.fields(collection) if i.name == name), None)
    if info is None or not changeable(info):
        usable = ", ".join(i.title for i in schemas.fields(collection) if changeable(i))
        what = "heeft geen" if info is None else "kan met dit formulier niet het"
        messages.add(fields["veld"].label, f"{schemas.collections[collection].label} {what} veld '{name}'. "
                                           f"Te wijzigen velden: {usable}.")
        return _failed(messages, **known)
    known["field_title"] = info.title
    flags = {choose(text, fields["opties"].options) for text in ticked(answers["opties"])}
    remove, reviewed = "remove" in flags, "reviewed" in flags
    value_label = fields["waarde"].label
    value = None
    if remove:
        if info.required:
            messages.add(value_label, f"'{info.title}' is verplicht en kan niet weg; schrijf de nieuwe inhoud.")
        elif answers["waarde"].strip():
            messages.add(value_label, "U koos 'Veld weghalen' en schreef ook een nieuwe inhoud: kies één van beide.")
    else:
        value = _change_value(info, answers["waarde"], ctx, value_label, messages)
        if value is None and not messages.errors:
            messages.add(value_label, "Schrijf de nieuwe inhoud, of kies 'Veld weghalen'.")
    if messages.errors:
        return _failed(messages, **known)
    old_text = target.read_text(encoding="utf-8")
    order = [i.name for i in schemas.fields(collection)]
    text = replace_top_field(old_text, name, value, order)
    if reviewed:
        text = replace_top_field(text, "last_reviewed", today, order)
    try:
        old = read_back(old_text)
        expected = {**old, name: value} if value is not None else {k: v for k, v in old.items() if k != name}
        if reviewed:
            expected["last_reviewed"] = today
        if not isinstance(old, dict) or read_back(text) != expected:
            raise ValueError("the rewritten record does not read back as intended")
    except ValueError:
        messages.add(GENERAL, "Dit record kan niet automatisch worden aangepast. Gebruik 'Bewerk dit record' op de "
                              "pagina, of vraag het secretariaat.")
        return _failed(messages, **known)
    if text == old_text:
        messages.add(value_label, "Er verandert niets: dit staat er al.")
        return _failed(messages, **known)
    titles = {i.name: value_label for i in schemas.fields(collection)}
    _add_problems(messages, [p for p in _problems_with(settings.data_dir, schemas, rel, text, baseline)
                             if p.path == f"data/{rel}"], (), titles)
    if messages.errors:
        return _failed(messages, **known)
    if write:
        _replace(target, text)
    return Outcome(True, warnings=messages.texts(warnings=True), **known)
