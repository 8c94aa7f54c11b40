"""Making partner-written text safe to publish.

Plain-text fields are whitespace-normalised and escaped for both HTML and Markdown, so nothing a
partner types can start a heading, a link, a raw HTML block or a template expression on the site.
Markdown fields are rendered by cmark-gfm (GitHub's CommonMark, with tables) and then cleaned by
nh3 (the Ammonia sanitiser) to a small allow-list: no scripts, no event handlers, no iframes, and
only http(s) and mailto links. The result is final HTML that MkDocs passes through untouched.

Why cmark-gfm and not Python-Markdown, which MkDocs uses for the hand-written pages: it is the
dialect partners see in GitHub's own previews (a nested list indented by two spaces is a nested
list, a numbered line after a colon starts a list), and it is C, so a large base stays quick.
"""

from __future__ import annotations

import functools
import html
import re
from datetime import date

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "a", "code", "pre", "blockquote",
    "h3", "h4", "h5", "table", "thead", "tbody", "tr", "th", "td", "hr", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

# Characters Python-Markdown (with the tables extension) treats as syntax and accepts escaped.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>])")


def normalise(text: str) -> str:
    """One line of text: every run of white space (newlines included) becomes one space."""
    return " ".join(str(text).split())


def md_escape(value: object) -> str:
    """Plain text → Markdown that renders exactly that text (and no HTML, link or heading)."""
    if isinstance(value, Markup):
        return str(value)
    return _md_escaped(str(value))


@functools.lru_cache(maxsize=65536)
def _md_escaped(text: str) -> str:
    # Cached: the same titles and labels are escaped on every page that links to them.
    return _MD_SPECIAL.sub(r"\\\1", html_escaped(text))


@functools.lru_cache(maxsize=65536)
def html_escaped(text: str) -> str:
    """Text → one line of HTML-escaped text (cached like ``md_escape``)."""
    return html.escape(normalise(text), quote=True)


def _keep_attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        scheme = value.split(":", 1)[0].lower() if ":" in value else ""
        if scheme not in ALLOWED_SCHEMES:
            return None  # relative and fragment links would escape MkDocs' link checks
    return value


# Raw HTML is let through by cmark ("unsafe") because nh3 decides what stays: the same allow-list
# applies to what Markdown produced and what a partner typed as HTML. GFM's autolinking of bare
# www. addresses is left off: a link appears only where a partner wrote one.
_CMARK_OPTIONS = Options.CMARK_OPT_UNSAFE
_CMARK_EXTENSIONS = ["table"]

# One cleaner, configured once: ``nh3.clean(html, tags=…, …)`` rebuilds the allow-list on every call.
_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=ALLOWED_SCHEMES,
    attribute_filter=_keep_attribute,
    link_rel="noopener noreferrer",
    strip_comments=True,
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), strip_comments=True)


@functools.lru_cache(maxsize=8192)
def markdown_to_html(text: str) -> str:
    """Partner Markdown → sanitised HTML fragment (headings are shifted below the page's own).

    Cached by text: ``make serve`` re-renders mostly unchanged descriptions.
    """
    rendered = cmarkgfm.markdown_to_html_with_extensions(str(text), options=_CMARK_OPTIONS, extensions=_CMARK_EXTENSIONS)
    rendered = re.sub(r"<(/?)h[12](\b[^>]*)>", r"<\1h3\2>", rendered)
    return _CLEANER.clean(rendered)


def strip_tags(fragment: str) -> str:
    """Sanitised HTML → its text, still HTML-escaped (for exports that want plain text)."""
    return _TEXT_ONLY.clean(fragment)


MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december"]


def dutch_date(iso: str) -> str:
    """``2026-11-23`` → ``23 november 2026``."""
    d = date.fromisoformat(iso)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
