"""Stage 4: the model → Markdown pages (one per record, one overview per collection, theme pages).

Templates only present: they receive ready values (:mod:`generator.views`) and emit Markdown for
MkDocs. Every ``{{ … }}`` is escaped for Markdown and HTML by the environment's ``finalize`` hook
unless the value is :class:`~markupsafe.Markup`, so partner text can never become markup or a
template expression. Links between pages are Markdown links to ``.md`` files, so MkDocs' strict
mode checks every one of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from .addresses import (
    COMPARE,
    CURRENCY,
    HOME,
    NETWORK_INDEX,
    NEWS,
    PROJECTS,
    THEMES_INDEX,
    WEGWIJZER,
    answer_page,
    network_page,
    theme_page,
)
from .changes import Entry
from .config import Settings
from .finder import QUESTIONS, Finder
from .history import History
from .model import Model, Record
from .paging import page_count
from .text import dutch_date, html_escaped, md_escape
from .views import Views, h

TEMPLATE_DIR = Path(__file__).parent / "templates"
# Python-Markdown finds link syntax even inside an inline tag's attributes: as character references
# these characters mean the same to a browser and nothing to Markdown.
_MARKDOWN_IN_ATTRIBUTE = str.maketrans({c: f"&#{ord(c)};" for c in "[]()*_`\\!{}"})


def attr(value: Any) -> Markup:
    """Escape for an attribute of an inline HTML tag on a Markdown line (``- <a href="…">``)."""
    return Markup(html_escaped(str(value)).translate(_MARKDOWN_IN_ATTRIBUTE))


def front_matter(value: Any) -> Markup:
    """A title or description for the page's front matter: HTML-escaped text in a YAML string.

    MkDocs and Material treat ``page.title`` and ``page.meta`` values as HTML (a title MkDocs takes
    from a heading keeps its entities) and write them unescaped into ``<title>``, the header and
    the meta description, so the text is escaped here, once.
    """
    return Markup(json.dumps(html_escaped(str(value)), ensure_ascii=False))


# -- the pages to render ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordPage:
    path: str
    record: Record


@dataclass(frozen=True)
class OverviewPage:
    path: str
    collection: str
    number: int = 1  # page of a paged overview (settings.page_size records each)


@dataclass(frozen=True)
class OverviewRows:
    """Every row of a paged overview as JSON: the filters load it to search all pages at once."""

    path: str
    collection: str


@dataclass(frozen=True)
class ThemePage:
    path: str
    theme_id: str


@dataclass(frozen=True)
class ThemesIndexPage:
    path: str = THEMES_INDEX


@dataclass(frozen=True)
class CurrencyPage:
    path: str = CURRENCY


@dataclass(frozen=True)
class ProjectsPage:
    path: str = PROJECTS


@dataclass(frozen=True)
class RedirectPage:
    path: str
    collection: str
    entry: dict[str, Any]  # one checked line of data/redirects.yaml


@dataclass(frozen=True)
class HomePage:
    path: str = HOME


@dataclass(frozen=True)
class NewsPage:
    path: str = NEWS


@dataclass(frozen=True)
class WegwijzerPage:
    path: str = f"{WEGWIJZER}/index.md"


@dataclass(frozen=True)
class AnswerPage:
    path: str
    param: str
    value: str


@dataclass(frozen=True)
class NetworkPage:
    path: str
    theme_id: str | None  # None: the whole base


@dataclass(frozen=True)
class ComparePage:
    path: str = f"{COMPARE}/index.md"


PageJob = (RecordPage | OverviewPage | OverviewRows | ThemePage | ThemesIndexPage | CurrencyPage | ProjectsPage | RedirectPage | HomePage
           | NewsPage | WegwijzerPage | AnswerPage | ComparePage | NetworkPage)


def page_jobs(model: Model, page_size: int) -> list[PageJob]:
    """Every page to render; the largest (overviews) first, so parallel work evens out."""
    jobs: list[PageJob] = []
    for name in model.collections:
        count = page_count(len(model.current(name)), page_size)
        jobs += [OverviewPage(model.addresses.overview(name, number), name, number) for number in range(1, count + 1)]
        if count > 1 and name != "glossary":  # the glossary has no filters
            jobs.append(OverviewRows(model.addresses.overview_rows(name), name))
    jobs += [ThemePage(theme_page(theme_id), theme_id) for theme_id in model.vocabularies.get("themes", {})]
    jobs += [ThemesIndexPage(), CurrencyPage(), ProjectsPage(), HomePage(), NewsPage(), NetworkPage(NETWORK_INDEX, None)]
    jobs += [NetworkPage(network_page(theme_id), theme_id) for theme_id in model.vocabularies.get("themes", {})]
    answers = Finder(model).answer_pages()
    if answers:  # the wegwijzer and the comparison need collections a help kind covers
        jobs += [WegwijzerPage(), ComparePage()]
        jobs += [AnswerPage(answer_page(q.param, value), q.param, value) for q, value in answers]
    jobs += [RecordPage(model.addresses.page(record), record)
             for name in model.collections for record in model.records[name]]
    jobs += [RedirectPage(model.addresses.old_page(name, entry["from"]), name, entry)
             for name, entries in model.redirects.items() for entry in entries]
    return jobs


class Renderer:
    """The Jinja environment and the page views; :meth:`page` renders one page job."""

    def __init__(self, model: Model, settings: Settings, history: History | None = None,
                 changes: list[Entry] | None = None) -> None:
        self.views = Views(model, settings, history, changes)
        self.finder = Finder(model)
        self.collections = list(model.collections)
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATE_DIR),
            autoescape=False,
            finalize=md_escape,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # a build never edits its templates
        )
        self.env.filters.update(h=h, attr=attr, date=dutch_date, front_matter=front_matter, json=lambda v: Markup(json.dumps(v, ensure_ascii=False)),
                                link=self.views.link)
        for name in self.env.list_templates():  # compiled before a pipeline forks its workers
            self.env.get_template(name)

    @cached_property
    def _templates(self) -> dict[str, Template]:
        return {name: self.env.get_template(f"{name}.md.j2") for name in self.collections}

    def _render(self, template: str, values: dict[str, Any]) -> str:
        return self.env.get_template(template).render(**values)

    def page(self, job: PageJob) -> str:
        """The Markdown of one page."""
        match job:
            case RecordPage(record=record):
                return self._templates[record.collection].render(**self.views.record(record))
            case OverviewPage(collection=name, number=number):
                template = "glossary-overview.md.j2" if name == "glossary" else "overview.md.j2"
                return self._render(template, self.views.overview(name, number))
            case OverviewRows(collection=name):
                item = self.env.get_template("overview-row.md.j2")
                rows = [item.render(row=row).strip() for row in self.views.overview_rows(name)]
                return json.dumps({"rows": rows}, ensure_ascii=False, separators=(",", ":")) + "\n"
            case ThemePage(theme_id=theme_id):
                return self._render("theme.md.j2", self.views.theme(theme_id))
            case ThemesIndexPage():
                return self._render("themes-index.md.j2", self.views.themes_index())
            case CurrencyPage():
                return self._render("actualiteit.md.j2", self.views.currency())
            case ProjectsPage():
                return self._render("projects.md.j2", self.views.projects())
            case RedirectPage(collection=name, entry=entry):
                return self._render("redirect.md.j2", self.views.redirect(name, entry))
            case HomePage():
                return self._render("home.md.j2", self.views.home())
            case NewsPage():
                return self._render("nieuw.md.j2", self.views.news())
            case WegwijzerPage():
                return self._render("wegwijzer.md.j2", self.finder.wegwijzer())
            case AnswerPage(param=param, value=value):
                question = next(q for q in QUESTIONS if q.param == param)
                return self._render("wegwijzer-answer.md.j2", self.finder.answer(question, value))
            case ComparePage():
                return self._render("compare.md.j2", self.finder.compare())
            case NetworkPage(theme_id=theme_id):
                return self._render("network-page.md.j2", self.views.network_page(theme_id))
        raise TypeError(f"not a page job: {job!r}")


def render(model: Model, settings: Settings) -> dict[str, str]:
    """Stage entry point: every generated Markdown page, keyed by its path in the build folder."""
    renderer = Renderer(model, settings)
    return {job.path: renderer.page(job) for job in page_jobs(model, settings.page_size)}
