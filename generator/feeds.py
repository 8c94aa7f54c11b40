"""Atom feeds of *Nieuw en gewijzigd*: the whole base, each collection and each theme.

Written with the standard library's ElementTree, which escapes and writes well-formed XML: feedgen
would add lxml and dateutil to the runtime, and fills every date left unset from the clock.
The entries are :mod:`generator.changes`', so feeds and page agree; every date is a commit's.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .addresses import FEED_SITEMAP, NEWS, WHOLE_FEED, page_url, relative, theme_feed
from .changes import Entry
from .config import Settings
from .export import SAFE_BASE, URN
from .model import Model

FEED_ENTRIES = 50  # the newest changes a feed holds: enough for a reader that looks in once a week
ATOM = "http://www.w3.org/2005/Atom"
NO_DATE = "1970-01-01T00:00:00+00:00"  # a history without commits: a fixed moment, never the clock
EMPTY_SITEMAP = b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
AUTHOR = "Lerend netwerk van het Pact voor Waardevolle Kernen"  # never a committer's name: personal data


@dataclass(frozen=True)
class Feed:
    """One feed: where it is, what it is called, and which changes it holds."""

    path: str  # in the site, beside the Nieuw en gewijzigd page
    label: str  # what it follows: "Begrippen", "Thema Financiering"
    title: str
    wanted: Callable[[Entry], bool]


def feed_list(model: Model, site_name: str) -> list[Feed]:
    """Every feed: the whole base, then one per collection, then one per theme."""
    def scoped(path: str, label: str, wanted: Callable[[Entry], bool]) -> Feed:
        return Feed(path, label, f"{site_name}, nieuw en gewijzigd: {label}", wanted)

    out = [Feed(WHOLE_FEED, "Alle wijzigingen", f"{site_name}: nieuw en gewijzigd", lambda e: True)]
    out += [scoped(model.addresses.feed(name), c.label, partial(_in_collection, name))
            for name, c in model.collections.items()]
    out += [scoped(theme_feed(theme_id), f"Thema {theme.label}", partial(_on_theme, theme_id))
            for theme_id, theme in model.vocabularies.get("themes", {}).items()]
    return out


def _in_collection(name: str, entry: Entry) -> bool:
    return entry.collection == name


def _on_theme(theme_id: str, entry: Entry) -> bool:
    return theme_id in entry.themes


class _Links:
    """Addresses in a feed: absolute with a (plain http(s)) site address, else relative to the feed."""

    def __init__(self, site_url: str) -> None:
        base = site_url.rstrip("/") + "/"
        self.base = base if SAFE_BASE.fullmatch(base) else ""

    def page(self, md_path: str) -> str:
        return self.base + page_url(md_path) if self.base else relative(NEWS, md_path, as_url=True)

    def file(self, path: str) -> str:
        return self.base + path if self.base else path.rpartition("/")[2]


def _add(parent: ET.Element, tag: str, text: str = "", **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text:
        element.text = text
    return element


def atom(feed: Feed, entries: list[Entry], model: Model, links: _Links, fallback: str) -> bytes:
    """One Atom 1.0 document; ``fallback`` is its date when it holds no entry (the newest commit's)."""
    # Unprefixed names under a plain xmlns attribute: ElementTree would otherwise write "ns0:" prefixes.
    root = ET.Element("feed", {"xmlns": ATOM, "xml:lang": "nl"})
    _add(root, "id", f"{URN}:{feed.path.removesuffix('.xml').replace('/', ':')}")
    _add(root, "title", feed.title)
    _add(root, "updated", entries[0].moment if entries else fallback)
    _add(root, "link", rel="self", type="application/atom+xml", href=links.file(feed.path))
    _add(root, "link", rel="alternate", type="text/html", href=links.page(NEWS))
    _add(_add(root, "author"), "name", AUTHOR)
    for entry in entries:
        collection = model.collections[entry.collection]
        item = _add(root, "entry")
        _add(item, "id", f"{URN}:wijziging:{entry.sha}:{entry.collection}:{entry.record_id}")
        _add(item, "title", f"{entry.label}: {entry.title} ({collection.singular})")
        _add(item, "updated", entry.moment)
        _add(item, "link", rel="alternate", type="text/html", href=links.page(entry.page or NEWS))
        _add(item, "category", term=entry.collection, label=collection.label)
        renamed = f" Voorheen: {entry.old_id}." if entry.old_id else ""
        merged = f" Opgegaan in: {entry.merged_into}." if entry.merged_into else ""
        _add(item, "summary", f"{entry.label} ({collection.singular}): {entry.subject.rstrip('.')}.{renamed}{merged}")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def feeds(changes: list[Entry], model: Model, settings: Settings, newest_commit: str = "") -> dict[str, bytes]:
    """Every feed file by its path in the site, each with its newest :data:`FEED_ENTRIES` changes."""
    links = _Links(settings.site_url)
    out = {}
    for feed in feed_list(model, settings.site_name):
        chosen: list[Entry] = []
        for entry in changes:
            if feed.wanted(entry):
                chosen.append(entry)
                if len(chosen) == FEED_ENTRIES:
                    break
        out[feed.path] = atom(feed, chosen, model, links, newest_commit or NO_DATE)
    out[FEED_SITEMAP] = EMPTY_SITEMAP
    return out
