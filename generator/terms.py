"""Finding glossary terms in text, and linking the first use of each term on a page.

Done in the generator, once per page, over the few fields that hold prose: the ``abbr`` +
snippets ``auto_append`` approach costs MkDocs a pass per abbreviation per page (measured at 14×
the build time on a 3,000-page site). Abbreviations written in capitals match only in capitals
(``GO`` is not ``go``); other labels match regardless of case. Whole words only.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_TAG = re.compile(r"(<[^>]*>)")
_SKIP_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}
MIN_LABEL = 2


def is_abbreviation(label: str) -> bool:
    """Short and (nearly) all capitals: TBGO, ESG, RVO, G40; matched case-sensitively."""
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and len(label) <= 12


class TermIndex:
    """All labels of all glossary terms, compiled into one pattern (longest label first)."""

    def __init__(self, terms: Iterable[Any]) -> None:
        self.exact: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.summaries: dict[str, str] = {}
        for term in terms:
            self.summaries[term.id] = term.summary
            for label in term.labels():
                label = " ".join(label.split())
                if len(label) < MIN_LABEL:
                    continue
                if is_abbreviation(label):
                    self.exact.setdefault(label, term.id)
                else:
                    self.folded.setdefault(label.casefold(), term.id)
        parts = [(label, re.escape(label)) for label in self.exact]
        parts += [(label, f"(?i:{re.escape(label)})") for label in self.folded]
        parts.sort(key=lambda p: (-len(p[0]), p[0]))
        body = "|".join(p[1] for p in parts)
        self.pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])") if parts else None

    def term_for(self, matched: str) -> str | None:
        return self.exact.get(matched) or self.folded.get(" ".join(matched.split()).casefold())

    def find_all(self, text: str) -> set[str]:
        """Every term whose label occurs in the text."""
        if not self.pattern or not text:
            return set()
        return {t for m in self.pattern.finditer(text) if (t := self.term_for(m.group(0)))}


@dataclass
class PageLinker:
    """Links each term once per page; remembers which it linked."""

    index: TermIndex
    url_for: Any  # callable: term id -> URL relative to the page
    exclude: str = ""
    linked: set[str] = field(default_factory=set)
    counter: int = 0

    def _anchor(self, term_id: str, label_html: str) -> str:
        self.counter += 1
        tip = f"kb-tip-{self.counter}"
        summary = html.escape(self.index.summaries.get(term_id, ""), quote=True)
        return (
            f'<span class="kb-term"><a class="kb-term__link" href="{html.escape(self.url_for(term_id), quote=True)}" '
            f'aria-describedby="{tip}">{label_html}</a>'
            f'<span class="kb-term__tip" id="{tip}" role="tooltip" hidden data-pagefind-ignore>{summary}</span></span>'
        )

    def _take(self, matched: str) -> str | None:
        term_id = self.index.term_for(matched)
        if term_id is None or term_id == self.exclude or term_id in self.linked:
            return None
        self.linked.add(term_id)
        return term_id

    def plain(self, text: str) -> str:
        """Plain text (one line) → escaped HTML with the first use of each new term linked."""
        text = " ".join(str(text).split())
        escape = html.escape
        if not self.index.pattern:
            return escape(text)
        out, last = [], 0
        for m in self.index.pattern.finditer(text):
            term_id = self._take(m.group(0))
            if term_id is None:
                continue
            out.append(escape(text[last:m.start()]))
            out.append(self._anchor(term_id, html.escape(m.group(0))))
            last = m.end()
        out.append(escape(text[last:]))
        return "".join(out)

    def html(self, fragment: str) -> str:
        """Sanitised HTML → the same HTML with the first use of each new term linked (text only)."""
        if not self.index.pattern:
            return fragment
        out: list[str] = []
        skip: list[str] = []
        for piece in _TAG.split(fragment):
            if piece.startswith("<"):
                name = re.match(r"</?\s*([a-zA-Z0-9]+)", piece)
                tag = name.group(1).lower() if name else ""
                if tag in _SKIP_INSIDE:
                    if piece.startswith("</"):
                        if tag in skip:
                            skip.remove(tag)
                    elif not piece.endswith("/>"):
                        skip.append(tag)
                out.append(piece)
            elif skip or not piece:
                out.append(piece)
            else:
                out.append(self._link_text_segment(piece))
        return "".join(out)

    def _link_text_segment(self, segment: str) -> str:
        raw = html.unescape(segment)
        result, last = [], 0
        for m in self.index.pattern.finditer(raw):  # type: ignore[union-attr]
            term_id = self._take(m.group(0))
            if term_id is None:
                continue
            result.append(html.escape(raw[last:m.start()], quote=False))
            result.append(self._anchor(term_id, html.escape(m.group(0))))
            last = m.end()
        if not result:
            return segment
        result.append(html.escape(raw[last:], quote=False))
        return "".join(result)
