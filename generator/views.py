"""The values pages show, computed from the model: key facts, relations, search filters,
structured data, overview rows and facets. Templates lay these out (:mod:`generator.render`);
nothing here touches a template.

Values that go into HTML are :class:`~markupsafe.Markup` escaped here; everything else is escaped
by the template environment.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from markupsafe import Markup, escape

from .addresses import (
    COMPARE,
    CURRENCY,
    HOME,
    NETWORK_INDEX,
    NEWS,
    PROJECTS,
    THEMES_INDEX,
    WEGWIJZER,
    WHOLE_FEED,
    network_page,
    relative,
    theme_feed,
    theme_page,
)
from .changes import Entry, entries
from .collate import initial
from .config import Settings
from .feeds import feed_list
from .finder import Finder, kind_label
from .history import History
from .model import Model, Record
from .network import Network, Selection
from .paging import page_slice, pagination
from .projects import EXPLAINED_BY, projects_view
from .quantities import amount
from .schema import FieldInfo
from .terms import PageLinker, is_abbreviation, is_term, name_target
from .text import html_escaped, md_escape, normalise

REVIEW_MONTHS = 12  # a record not checked for this long is listed on the Actualiteit page
HOME_ACTIONS = ("instruments", "kind", "pact-actie")  # the home page lists the Pact's actions: records of this kind
HOME_CHANGES = 5  # the newest changes on the home page
NEWS_ENTRIES = 100  # the newest changes on Nieuw en gewijzigd: the page stays small at any size of history
NEWS_FOLD = 10  # a commit that changed more records shows this many and folds the rest
# Fields shown in their own part of the page rather than in the key-facts list.
OWN_PLACE = {"title", "summary", "description", "definition", "sources", "links", "last_reviewed",
             "standalone", "contacts", "abbreviations", "synonyms", "broader", "narrower", "related", "gaps",
             "usage_only", "replaced_by"}


def h(value: Any) -> Markup:
    """Escape for an HTML context (inside the raw HTML blocks of a template)."""
    return Markup(html_escaped(str(value)))


@dataclass
class Fact:
    label: str
    values: list[Markup]


FOLD_AFTER = 10  # a relation list shows this many records and folds the rest ("en N meer")


@dataclass
class RelationList:
    """One relation list of a page: its heading, and its records split into shown and folded."""

    label: str
    records: list[Record]

    @property
    def shown(self) -> list[Record]:
        # Two or three more are shown rather than folded behind "en 2 meer".
        return self.records if len(self.records) <= FOLD_AFTER + 3 else self.records[:FOLD_AFTER]

    @property
    def folded(self) -> list[Record]:
        return self.records[len(self.shown):]


class Views:
    """Builds each page's values (the template context) from the model."""

    def __init__(self, model: Model, settings: Settings, history: History | None = None,
                 changes: list[Entry] | None = None) -> None:
        self.model = model
        self.settings = settings
        self.history = history or History()
        self.changes = entries(self.history, model) if changes is None else changes
        self._links: dict[tuple[str, str, str], Markup] = {}
        self.comparable = set(Finder(model).collections)  # what the wegwijzer and Vergelijken offer
        self._facet_cache: dict[str, list[dict[str, Any]]] = {}
        self.network = Network(model)  # made before the pipeline forks its workers, shared by every page
        self._best: dict[str | None, Selection] = {}

    def link(self, record: Record, here: str) -> Markup:
        """A Markdown link from page ``here`` to a record's page (in templates: ``record|link(here)``;
        a filter, because Jinja calls filters directly and methods through the template context).

        Remembered per folder of ``here``: every page in one folder reaches a record by the same path.
        """
        key = (here.rpartition("/")[0], record.collection, record.id)
        found = self._links.get(key)
        if found is None:
            found = self._links[key] = Markup(f"[{md_escape(record.title)}]({relative(here, self.model.addresses.page(record))})")
        return found

    def _target_page(self, target: str) -> str:
        """The page a linked label leads to: a glossary term's, or the record a name names."""
        if is_term(target):
            return self.model.addresses.record_page("glossary", target)
        collection, _, record_id = target.partition("/")
        return self.model.addresses.record_page(collection, record_id)

    def href(self, here: str, record: Record) -> str:
        return relative(here, self.model.addresses.page(record), as_url=True)

    def facts(self, record: Record, here: str) -> list[Fact]:
        """The key facts: every simple field the schema defines, in schema order, with labels."""
        out = []
        for info in self.model.schemas.fields(record.collection):
            if info.name in OWN_PLACE or info.kind in ("refs",) or info.name not in record.fields:
                continue
            value = record.fields[info.name]
            out.append(Fact(info.title, self._values(info, value, here)))
        return out

    def _values(self, info: FieldInfo, value: Any, here: str) -> list[Markup]:
        values = value if isinstance(value, list) else [value]
        if info.kind in ("vocab", "vocabs"):
            if info.target == "themes":
                return [Markup(f'<a href="{relative(here, theme_page(v), as_url=True)}">{h(self.model.vocab_label("themes", v))}</a>') for v in values]
            return [h(self.model.vocab_label(info.target, v)) for v in values]
        if info.kind == "ref":
            other = self.model.get((info.target, value))
            return [Markup(f'<a href="{self.href(here, other)}">{h(other.title)}</a>')]
        if info.unit:
            return [Markup(f'{escape(amount(value["value"], info.unit))} '
                           f'<span class="kb-cited">(bron: {self.cited(value["source"], here)})</span>')]
        return [h(v) for v in values]

    def cited(self, source: Mapping[str, str], here: str) -> Markup:
        """Where a stated figure comes from: a source document and section, or a web page."""
        if "document" in source:
            document = self.model.get(("sources", source["document"]))
            return Markup(f'<a href="{self.href(here, document)}">{h(document.title)}</a>, {h(source["section"])}')
        return Markup(f'<a href="{h(source["url"])}" rel="noopener noreferrer">{h(source["title"])}</a>')

    def record(self, record: Record) -> dict[str, Any]:
        """Everything one record page needs, computed here so the template only lays it out."""
        model = self.model
        here = model.addresses.page(record)
        derived = model.derived[record.key]
        linker = PageLinker(model.terms, lambda target: relative(here, self._target_page(target), as_url=True),
                            exclude=record.id if record.collection == "glossary" else name_target(record.collection, record.id))
        collection = model.collections[record.collection]
        incoming = []
        for (source_collection, field_name), records in derived.incoming.items():
            if source_collection == "sources" or field_name == "sources":
                continue
            if field_name in OWN_PLACE and field_name != "replaced_by":  # the notice shows it; "Vervangt" stays
                continue  # glossary relations have their own section, made consistent both ways
            info = next(f for f in model.schemas.fields(source_collection) if f.name == field_name)
            label = info.schema.get("x-inverse") or f"{model.collections[source_collection].label} ({info.title.lower()})"
            incoming.append(RelationList(label, records))
        citing = []
        if record.collection == "sources":
            for (source_collection, field_name), records in derived.incoming.items():
                if field_name == "sources":
                    citing.append(RelationList(model.collections[source_collection].label, records))
        sections: dict[tuple[str, str], tuple[Record, list[str]]] = {}
        for cited, section in derived.cites:
            sections.setdefault(cited.key, (cited, []))[1].append(section)
        return {
            "record": record,
            "f": record.fields,
            "jsonld": self.structured_data(record),
            "heading_abbreviations": [a for a in record.fields.get("abbreviations", []) if is_abbreviation(a)],
            "here": here,
            "collection": collection,
            "kind_label": self._kind_label(record),
            "summary": Markup(linker.plain(derived.prose["summary"])),
            "definition": Markup(linker.plain(derived.prose["definition"])),
            "description": Markup(linker.html(derived.prose["description"])) if "description" in derived.prose else "",
            "facts": self.facts(record, here),
            "outgoing": [RelationList(info.title, records) for info, records in derived.outgoing if info.name not in OWN_PLACE],
            "incoming": incoming,
            "broader": derived.broader,
            "narrower": derived.narrower,
            "related": derived.related,
            "used_in": [RelationList(model.collections[name].label, found)
                        for name in model.collections if (found := [r for r in derived.used_in if r.collection == name])],
            "citing": citing,
            "cites": list(sections.values()),
            "filters": self.filters(record),
            "edit_url": self.settings.edit_url(record.source_path) if self.settings.repo_url else "",
            "change_url": self.settings.change_url(collection.label, record.id) if self.settings.repo_url else "",
            "projects_page": relative(here, PROJECTS),
            "contacts": [c for c in record.fields.get("contacts", []) if c.get("consent") is True],
            "retired": record.retired,
            "compare_url": self.compare_url(here) if record.collection in self.comparable and not record.retired else "",
            "replacement": model.get((record.collection, record.fields["replaced_by"])) if "replaced_by" in record.fields else None,
            "network": self.neighbourhood(record, here),
            **self.dates(record),
        }

    # -- the network drawings -------------------------------------------------------------------------

    def _counted(self, records: list[Record]) -> str:
        """"5 partners, 3 instrumenten en 1 begrip": how many of each collection, in collection order."""
        counts = {name: sum(1 for r in records if r.collection == name) for name in self.model.collections}
        parts = [f"{n} {(c.singular if n == 1 else c.label.lower())}" for name, c in self.model.collections.items() if (n := counts[name])]
        if len(parts) < 2:
            return "".join(parts)
        return ", ".join(parts[:-1]) + " en " + parts[-1]

    def neighbourhood(self, record: Record, here: str) -> dict[str, Any] | None:
        """A record's drawing with the records nearest to it (None for a record tied to nothing)."""
        found = self.network.around(record, lambda other: self.href(here, other))
        if found is None:
            return None
        drawing, more = found
        themes = [{"label": self.model.vocab_label("themes", t), "url": relative(here, network_page(t))}
                  for t in record.fields.get("themes", [])]
        shown = len(drawing.nodes)
        caption = (f"{record.title} en {'het record' if shown == 1 else f'de {shown} records'} waarmee het het sterkst "
                   f"verbonden is: {self._counted([n.record for n in drawing.nodes])}"
                   f"{f', en {more} meer' if more else ''}. Alle verbindingen staan ook als links op deze pagina.")
        return {"drawing": drawing, "caption": caption, "name": f"Netwerk rond {record.title}", "themes": themes,
                "whole": relative(here, NETWORK_INDEX)}

    def _best_connected(self, theme_id: str | None) -> Selection:
        found = self._best.get(theme_id)
        if found is None:
            if theme_id is None:
                records = [r for name in self.model.collections for r in self.model.current(name)]
            else:
                records = [r for _, members in self.theme_members[theme_id] for r in members]
            found = self._best[theme_id] = self.network.best_connected(records)
        return found

    def network_page(self, theme_id: str | None) -> dict[str, Any]:
        """A network page: the best-connected records of a theme (or of the whole base), drawn and as a list."""
        here = network_page(theme_id) if theme_id else NETWORK_INDEX
        selection = self._best_connected(theme_id)
        chosen = selection.records
        drawing = self.network.picture(selection, lambda other: self.href(here, other))
        rows = [{"record": r, "kind": self.model.collections[r.collection].singular,
                 "ties": RelationList("", selection.ties[r.key])} for r in chosen]
        themes = self.model.vocabularies.get("themes", {})
        if selection.connected > len(chosen):
            lead = f"De {len(chosen)} best verbonden records van de {selection.connected} die naar elkaar verwijzen"
        else:
            lead = f"Alle {len(chosen)} records die naar elkaar verwijzen"
        caption = f"{lead}: {self._counted(chosen)}. De lijst hieronder noemt voor elk record waarmee het verbonden is."
        values: dict[str, Any] = {"here": here, "drawing": drawing, "rows": rows, "caption": caption,
                                  "drawn": [self.model.collections[name].label.lower() for name in self.network.columns]}
        if theme_id:
            theme = themes[theme_id]
            values.update(theme=theme, name=f"Netwerk van het thema {theme.label}",
                          theme_page=relative(here, theme_page(theme_id)), index=relative(here, NETWORK_INDEX))
        else:
            values.update(theme=None, name="Netwerk van de kennisbank", themes=[
                {"label": theme.label, "link": relative(here, network_page(t)), "count": self._best_connected(t).connected}
                for t, theme in themes.items()])
        return values

    @staticmethod
    def compare_url(here: str) -> str:
        """The comparison page, from ``here`` (the "Vergelijk" control adds the ids)."""
        return relative(here, f"{COMPARE}/index.md", as_url=True)

    def dates(self, record: Record) -> dict[str, Any]:
        """"Laatst gewijzigd": the last commit that changed the record's file, and where its history is."""
        commit = self.history.last_changed(f"{record.collection}/{record.source_path.rpartition('/')[2]}")
        return {"changed": commit.day if commit else "", "history_complete": self.history.complete,
                "history_url": self.settings.history_url(record.source_path) if self.settings.repo_url else ""}

    def redirect(self, name: str, entry: dict[str, Any]) -> dict[str, Any]:
        """The old address of a removed or renamed record: a redirect to its successor, or a retirement notice.

        A themed Dutch page with a meta refresh and a link rather than mkdocs-redirects: its pages are
        English ("Redirecting...", lang="en") outside the theme, and it reads its map from mkdocs.yml, not data/.
        """
        collection = self.model.collections[name]
        here = self.model.addresses.old_page(name, entry["from"])
        target = self.model.get((name, entry["to"])) if "to" in entry else None
        return {"collection": collection, "entry": entry, "target": target, "here": here,
                "target_url": self.href(here, target) if target else ""}

    def structured_data(self, record: Record) -> str:
        """schema.org JSON-LD for search engines: the type from the schema or the record's kind."""
        collection = self.model.collections[record.collection]
        kind_type = ""
        for info in self.model.schemas.fields(record.collection):
            if info.name in ("kind", "type") and info.name in record.fields:
                entry = self.model.vocabularies.get(info.target, {}).get(record.fields[info.name])
                kind_type = entry.schema_org if entry else ""
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": kind_type or collection.schema.get("x-collection", {}).get("schema_org", "Thing"),
            "name": normalise(record.title),
            "description": normalise(record.summary),
            "inLanguage": "nl",
        }
        labels = [*record.fields.get("abbreviations", []), *record.fields.get("synonyms", [])]
        if labels:
            data["alternateName"] = [normalise(label) for label in labels]
        if record.collection == "glossary":
            data["description"] = normalise(record.fields["definition"])
            data["inDefinedTermSet"] = {"@type": "DefinedTermSet", "name": "Begrippen van de Kennisbank Waardevolle Kernen"}
        if record.fields.get("last_reviewed"):
            data["dateModified"] = record.fields["last_reviewed"]
        return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")

    def term_set(self, terms: list[Record], here: str) -> str:
        """schema.org DefinedTermSet for a page of the glossary overview: the terms on that page."""
        data = {
            "@context": "https://schema.org",
            "@type": "DefinedTermSet",
            "name": "Begrippen van de Kennisbank Waardevolle Kernen",
            "description": "De gedeelde taal van het lerend netwerk van het Pact voor Waardevolle Kernen.",
            "inLanguage": "nl",
            "hasDefinedTerm": [{"@type": "DefinedTerm", "name": normalise(t.title), "url": relative(here, self.model.addresses.page(t), as_url=True)}
                               for t in terms],
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")

    def _kind_label(self, record: Record) -> str:
        return kind_label(self.model, record)

    def filters(self, record: Record) -> list[tuple[str, str]]:
        """Search filters for Pagefind: kind of record, theme, government level (none for a retired record)."""
        if record.retired:
            return []
        out = [("soort", self.model.collections[record.collection].singular)]
        out += [("thema", self.model.vocab_label("themes", t)) for t in record.fields.get("themes", [])]
        out += [("bestuurslaag", self.model.vocab_label("levels", lv)) for lv in record.fields.get("levels", [])]
        return out

    def _row(self, record: Record, here: str) -> dict[str, Any]:
        return {"record": record, "href": self.href(here, record), "facts": self.facts(record, here),
                "filters": self.facet_values(record)}

    def overview(self, name: str, number: int = 1) -> dict[str, Any]:
        """One page of a collection's overview: its rows (by first letter for the glossary), the
        links to the other pages, and the facets, counted over the whole collection."""
        collection = self.model.collections[name]
        here = self.model.addresses.overview(name, number)
        size = self.settings.page_size
        current = self.model.current(name)  # retired: page only
        rows = [self._row(rec, here) for rec in page_slice(current, number, size)]
        pages = pagination(number, len(current), size,
                           lambda n: relative(here, self.model.addresses.overview(name, n), as_url=True))
        letters: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            letters[initial(row["record"].title)].append(row)
        values: dict[str, Any] = {"collection": collection, "rows": rows, "here": here, "pages": pages,
                                  "letters": dict(sorted(letters.items())), "facets": self._facets(name),
                                  "themes_url": relative(here, THEMES_INDEX, as_url=True),
                                  "rows_url": relative(here, self.model.addresses.overview_rows(name)) if pages.paged else "",
                                  "feed": self.feed(self.model.addresses.feed(name)),
                                  "compare_url": self.compare_url(here) if name in self.comparable else ""}
        if name == "glossary":
            values["jsonld"] = self.term_set([row["record"] for row in rows], here)
            values["letter_links"] = self._letter_links(name, here)
        return values

    def _letter_links(self, name: str, here: str) -> dict[str, str]:
        """Every first letter of the collection → the address of its heading, on whichever page it is."""
        out: dict[str, str] = {}
        for position, record in enumerate(self.model.current(name)):
            letter = initial(record.title)
            if letter not in out:
                page = self.model.addresses.overview(name, position // self.settings.page_size + 1)
                target = "" if page == here else relative(here, page, as_url=True)
                out[letter] = f"{target}#letter-{'cijfers' if letter == '0–9' else letter.lower()}"
        return dict(sorted(out.items()))

    def overview_rows(self, name: str) -> list[dict[str, Any]]:
        """Every row of a collection's overview, linked from its first page (for the filters' JSON)."""
        here = self.model.addresses.overview(name)
        return [self._row(rec, here) for rec in self.model.current(name)]

    def facet_values(self, record: Record) -> dict[str, list[str]]:
        """The values of each facet field for one record (ids, for filtering)."""
        out = {}
        for info in self.model.schemas.fields(record.collection):
            if info.kind in ("vocab", "vocabs") and info.name in record.fields:
                value = record.fields[info.name]
                out[info.name] = value if isinstance(value, list) else [value]
        return out

    def _facets(self, name: str) -> list[dict[str, Any]]:
        """:meth:`facets`, counted once per collection for all its pages."""
        found = self._facet_cache.get(name)
        if found is None:
            found = self._facet_cache[name] = self.facets(name)
        return found

    def facets(self, name: str) -> list[dict[str, Any]]:
        """Each facet of an overview: field, label, and the options that occur with counts."""
        out = []
        for info in self.model.schemas.fields(name):
            if info.kind not in ("vocab", "vocabs"):
                continue
            counts: dict[str, int] = defaultdict(int)
            for record in self.model.current(name):
                for value in self.facet_values(record).get(info.name, []):
                    counts[value] += 1
            if not counts:
                continue
            order = list(self.model.vocabularies.get(info.target, {}))
            options = [(v, self.model.vocab_label(info.target, v), counts[v]) for v in order if v in counts]
            out.append({"field": info.name, "label": info.title, "options": options})
        return out

    def currency(self) -> dict[str, Any]:
        """Records past due for review, per collection, as of the build's reference date."""
        from .stale import stale_records

        reference = self.settings.reference_date or max(
            (r.fields["last_reviewed"] for r in self.model.all_records()), default="2026-01-01")
        found = stale_records(self.model, date.fromisoformat(reference), REVIEW_MONTHS)
        groups = [(self.model.collections[name].label, items) for name, items in found.items()]
        return {"groups": groups, "reference": reference, "months": REVIEW_MONTHS, "here": CURRENCY}

    @cached_property
    def theme_members(self) -> dict[str, list[tuple[str, list[Record]]]]:
        """Per theme, its records grouped by collection (label, records), collections in order."""
        members: dict[str, list[tuple[str, list[Record]]]] = {}
        for theme_id in self.model.vocabularies.get("themes", {}):
            groups = []
            for name, collection in self.model.collections.items():
                found = [r for r in self.model.current(name) if theme_id in r.fields.get("themes", [])]
                if found:
                    groups.append((collection.label, found))
            members[theme_id] = groups
        return members

    def theme(self, theme_id: str) -> dict[str, Any]:
        return {"theme": self.model.vocabularies["themes"][theme_id], "groups": self.theme_members[theme_id],
                "here": theme_page(theme_id), "feed": self.feed(theme_feed(theme_id)),
                "network": relative(theme_page(theme_id), network_page(theme_id))}

    def projects(self) -> dict[str, Any]:
        """Projecten en mandjes: the local projects grouped by theme and province (:mod:`generator.projects`)."""
        view = projects_view(self.model)
        cited = {key[1]: Markup(relative(PROJECTS, self.model.addresses.page(found)))
                 for key in EXPLAINED_BY if (found := self.model.find(key)) is not None}
        return {"view": view, "here": PROJECTS, "cited": cited, "settings": self.settings,
                "hrefs": {p.record.key: self.href(PROJECTS, p.record) for p in view.projects}}

    def themes_index(self) -> dict[str, Any]:
        themes = self.model.vocabularies.get("themes", {})
        counts = {t: sum(len(m) for _, m in groups) for t, groups in self.theme_members.items()}
        rows = [(theme, relative(THEMES_INDEX, theme_page(theme_id)), counts[theme_id]) for theme_id, theme in themes.items()]
        return {"themes": rows, "here": THEMES_INDEX}

    def home(self) -> dict[str, Any]:
        """The home page: each section with its number of records, the latest reviews, the Pact's actions."""
        model = self.model
        sections = [{"link": _page_link(c.label, HOME, model.addresses.overview(name)), "count": len(model.records[name]),
                     "unit": (c.label if len(model.records[name]) != 1 else c.singular).lower(),
                     "tagline": c.schema.get("x-collection", {}).get("tagline", "")}
                    for name, c in model.collections.items()]
        themes = model.vocabularies.get("themes", {})
        if themes:  # before the sources, which close the list
            sections.insert(len(sections) - 1 if "sources" in model.collections else len(sections), {
                "link": _page_link("Thema's", HOME, THEMES_INDEX), "count": len(themes),
                "unit": "thema's" if len(themes) != 1 else "thema", "tagline": "Alles over één opgave bij elkaar."})
        collection, field_name, value = HOME_ACTIONS
        actions = [r for r in model.records.get(collection, []) if r.fields.get(field_name) == value]
        finder = {"wegwijzer": Markup(relative(HOME, f"{WEGWIJZER}/index.md")),
                  "compare": Markup(relative(HOME, f"{COMPARE}/index.md")),
                  "network": Markup(relative(HOME, NETWORK_INDEX))} if self.comparable else {}
        return {"here": HOME, "site_name": self.settings.site_name, "sections": sections, "actions": actions,
                "finder": finder, "changes": [self._change(entry, HOME) for entry in self.changes[:HOME_CHANGES]],
                "history_complete": self.history.complete, "known": bool(self.history.commits),
                "news_page": Markup(relative(HOME, NEWS))}

    # -- Nieuw en gewijzigd ---------------------------------------------------------------------------

    @cached_property
    def feeds(self) -> dict[str, dict[str, str]]:
        """Every Atom feed by path: its site path (for a page's head) and its title."""
        return {f.path: {"path": f.path, "label": f.label, "title": f.title}
                for f in feed_list(self.model, self.settings.site_name)}

    def feed(self, path: str) -> dict[str, str]:
        return self.feeds[path]

    def _change(self, entry: Entry, here: str) -> dict[str, Any]:
        """One entry as a page shows it: the record linked (or its old address, or just its name)."""
        title = md_escape(entry.title)
        return {"entry": entry, "kind": entry.label, "collection": self.model.collections[entry.collection].singular,
                "link": Markup(f"[{title}]({relative(here, entry.page)})" if entry.page else title)}

    def news(self) -> dict[str, Any]:
        """The newest changes, by day and within a day by commit (its subject once, its records below)."""
        days: list[dict[str, Any]] = []
        for entry in self.changes[:NEWS_ENTRIES]:
            if not days or days[-1]["day"] != entry.day:
                days.append({"day": entry.day, "commits": []})
            commits = days[-1]["commits"]
            if not commits or commits[-1]["sha"] != entry.sha:
                commits.append({"sha": entry.sha, "subject": entry.subject, "changes": []})
            commits[-1]["changes"].append(self._change(entry, NEWS))
        for day in days:
            for commit in day["commits"]:
                changes = commit["changes"]
                commit["shown"], commit["folded"] = (changes, []) if len(changes) <= NEWS_FOLD + 3 else (
                    changes[:NEWS_FOLD], changes[NEWS_FOLD:])
        feeds = list(self.feeds.values())
        return {"here": NEWS, "days": days, "complete": self.history.complete, "known": bool(self.history.commits),
                "more": len(self.changes) > NEWS_ENTRIES, "limit": NEWS_ENTRIES,
                "history_url": self.settings.history_url("data") if self.settings.repo_url else "",
                "whole_feed": self.feeds[WHOLE_FEED], "other_feeds": [
                    {**f, "href": Markup(relative(NEWS, f["path"]))} for f in feeds if f["path"] != WHOLE_FEED],
                "whole_href": Markup(relative(NEWS, WHOLE_FEED))}

def _page_link(label: str, here: str, to_md: str) -> Markup:
    return Markup(f"[**{md_escape(label)}**]({relative(here, to_md)})")
