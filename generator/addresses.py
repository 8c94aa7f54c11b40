"""Where every generated page lives and how pages link to each other: the one place that knows addresses.

A page is addressed by its Markdown path in the staging folder (``instrumenten/<id>.md``); MkDocs
serves it at a directory URL (``instrumenten/<id>/``). Record folders come from the collection
settings in the schemas (``x-collection.path``); the pages that belong to no collection have
their place here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .schema import Collection

THEMES = "themas"  # the theme pages (themes are a vocabulary, not a collection)
THEMES_INDEX = f"{THEMES}/index.md"
CURRENCY = "actualiteit.md"
PROJECTS = "projecten/index.md"  # Projecten en mandjes: the local projects
HOME = "index.md"  # the home page, generated: what is here
OPEN_DATA = "open-data"
NAMES = "zoeken/namen"  # the name index behind "Direct naar"
NEWS = "nieuw/index.md"  # Nieuw en gewijzigd; its Atom feeds lie beside it
WHOLE_FEED = "nieuw/atom.xml"
# Material reads every <link rel="alternate"> as a language version and fetches sitemap.xml beside it:
# an empty one next to the feeds keeps that request from failing on every page.
FEED_SITEMAP = "nieuw/sitemap.xml"
WEGWIJZER = "wegwijzer"  # the questions, and one static page per answer (for readers without JavaScript)
WEGWIJZER_DATA = f"{WEGWIJZER}/gegevens.json"
COMPARE = "vergelijken"
COMPARE_DATA = f"{COMPARE}/gegevens"  # one JSON file per record id
NETWORK = "netwerk"  # the network drawings: the whole base, and one page per theme
NETWORK_INDEX = f"{NETWORK}/index.md"
PAGES = "pagina"  # an overview's further pages: <section>/pagina/<n>/
ROWS = "lijst.json"  # an overview's rows for the filters, beside its first page


class Addressed(Protocol):
    @property
    def collection(self) -> str: ...
    @property
    def id(self) -> str: ...


class Addresses:
    """Page paths and URLs of the records of a set of collections."""

    def __init__(self, collections: Mapping[str, Collection]) -> None:
        self.folders = {name: collection.path for name, collection in collections.items()}

    def page(self, record: Addressed) -> str:
        """A record's Markdown page in the staging folder."""
        return f"{self.folders[record.collection]}/{record.id}.md"

    def record_page(self, collection: str, record_id: str) -> str:
        return f"{self.folders[collection]}/{record_id}.md"

    def old_page(self, collection: str, old_id: str) -> str:
        """Where a removed or renamed record's page was (data/redirects.yaml): it stays there."""
        return f"{self.folders[collection]}/{old_id}.md"

    def overview(self, collection: str, number: int = 1) -> str:
        """A collection's overview page: page 1 is the section's own page, the others ``pagina/<n>``."""
        if number == 1:
            return f"{self.folders[collection]}/index.md"
        return f"{self.folders[collection]}/{PAGES}/{number}.md"

    def overview_rows(self, collection: str) -> str:
        """Every row of a paged overview as JSON, which the filters load when a reader uses them."""
        return f"{self.folders[collection]}/{ROWS}"

    def feed(self, collection: str) -> str:
        """The Atom feed of one collection's changes."""
        return f"nieuw/{self.folders[collection]}.xml"

    def url(self, record: Addressed) -> str:
        """A record's URL relative to the site root (``instrumenten/<id>/``), as exports and the
        name index give it."""
        return page_url(self.page(record))


def theme_page(theme_id: str) -> str:
    return f"{THEMES}/{theme_id}.md"


def network_page(theme_id: str) -> str:
    """The network drawing of one theme's records."""
    return f"{NETWORK}/{theme_id}.md"


def answer_page(param: str, value: str) -> str:
    """The static page of one wegwijzer answer (``wegwijzer/thema/wonen.md``)."""
    return f"{WEGWIJZER}/{param}/{value}.md"


def theme_url(theme_id: str) -> str:
    """A theme page's URL relative to the site root."""
    return page_url(theme_page(theme_id))


def theme_feed(theme_id: str) -> str:
    """The Atom feed of the changes to the records of one theme."""
    return f"nieuw/thema-{theme_id}.xml"


def page_url(md_path: str) -> str:
    """The directory URL MkDocs gives a Markdown file (``a/b.md`` → ``a/b/``, ``a/index.md`` → ``a/``)."""
    stem = md_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{stem}/" if stem else ""


def relative(from_md: str, to_md: str, *, as_url: bool = False) -> str:
    """A relative link from one page to another: to the ``.md`` file, or to its final URL.

    Pure string work on known, normalised paths: posixpath.relpath would resolve them against
    the working directory on every call.
    """
    if as_url:
        start, target = page_url(from_md), page_url(to_md)
        rel = _relative_parts(start.rstrip("/").split("/") if start else [], target.rstrip("/").split("/") if target else [])
        return rel + "/" if rel else "./"
    start_dir = from_md.split("/")[:-1]
    return _relative_parts(start_dir, to_md.split("/"))


def _relative_parts(start: list[str], target: list[str]) -> str:
    common = 0
    while common < min(len(start), len(target)) and start[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + target[common:])
