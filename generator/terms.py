"""Finding glossary terms in text, and linking the first use of each term on a page.

Done in the generator, once per record, over the few fields that hold prose: the ``abbr`` +
snippets ``auto_append`` approach costs MkDocs a pass per abbreviation per page, which does not
scale. Abbreviations written in capitals match only in capitals
(``GO`` is not ``go``); other labels match regardless of case. Whole words only.

Finding and linking are two steps: the model finds the terms in each record's text once
(:class:`Occurrences`, also the source of a term's "gebruikt in" list) and the page linker
only turns the first use of each term into a link.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import Any, NamedTuple

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")
_SEPARATOR = "\x00"  # joins text pieces; labels holding it are not indexed, so no match spans two
_WORD = re.compile(r"\w+")
_WORD_SPLIT = re.compile(r"(\w+)")
_SKIP_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style"}
MIN_LABEL = 2


def is_abbreviation(label: str) -> bool:
    """Short and (nearly) all capitals: TBGO, ESG, RVO, G40; matched case-sensitively."""
    letters = [c for c in label if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and len(label) <= 12


class TermIndex:
    """All labels of all glossary terms, looked up by their words.

    Text is split into words once; at each word the longest label that starts there wins. This
    costs a dictionary look-up per word, where one big regular expression of every label would
    try each label at each position.
    """

    def __init__(self, terms: Iterable[Any], names: Iterable[Any] = (), documents: Iterable[Any] = ()) -> None:
        self.tips: dict[str, str] = {}  # each term's summary, HTML-escaped once for every link to it
        self.by_words: dict[tuple[str, ...], list[tuple[str, str, bool]]] = {}
        for term in terms:
            self.tips[term.id] = html.escape(term.summary, quote=True)
            for raw in term.labels():
                label = _strip(" ".join(raw.split()))
                words = tuple(w.lower() for w in _WORD.findall(label))
                if len(label) < MIN_LABEL or not words or _SEPARATOR in label:
                    continue
                exact = is_abbreviation(label)
                entry = (label if exact else label.lower(), term.id, exact)
                if all(e[0] != entry[0] for e in self.by_words.get(words, [])):
                    self.by_words.setdefault(words, []).append(entry)
        owner: dict[str, int] = {}
        self._add_names(names, owner)
        self._add_names(documents, owner, shared=False)  # a record and its source document: the record
        # For each first word, the label lengths (in words) that start with it, longest first:
        # for the terms' labels by the word in small letters, for names by the word as written
        # (a name starts with a capital more often than not, so "de" or "programma" in running
        # text is no candidate for "De Nieuwe Winkelstraat" or "Programma Stedelijke Transformatie").
        lengths: dict[str, set[int]] = {}
        name_lengths: dict[str, set[int]] = {}
        for words, entries in self.by_words.items():
            if any(is_term(e[1]) for e in entries):
                lengths.setdefault(words[0], set()).add(len(words))
            for label, target, _exact in entries:
                if not is_term(target):
                    name_lengths.setdefault(_WORD.findall(label)[0], set()).add(len(words))
        self.lengths = {word: sorted(ns, reverse=True) for word, ns in lengths.items()}
        self.name_lengths = {word: sorted(ns, reverse=True) for word, ns in name_lengths.items()}

    def _add_names(self, records: Iterable[Any], owner: dict[str, int], shared: bool = True) -> None:
        """Other records' names (title, abbreviations), matched as written: a name that is found
        links its record, and no glossary term inside it is linked ("Pact voor Waardevolle
        [Kernen]"). A label a glossary term has stays the term's; a name two records share links
        neither (target ``""``) but still keeps terms out of it. Only names that cannot be an
        ordinary word: two words or more, an abbreviation, or a capital or digit inside a word.
        With ``shared`` false a name already taken stays its first owner's."""
        for record in records:
            target = name_target(record.collection, record.id)
            for raw in (record.title, *record.fields.get("abbreviations", [])):
                label = _strip(" ".join(raw.split()))
                words = tuple(w.lower() for w in _WORD.findall(label))
                if len(label) < MIN_LABEL or not words or _SEPARATOR in label or not _is_name(label, words):
                    continue
                entries = self.by_words.setdefault(words, [])
                if any(is_term(e[1]) and (e[0] == label or e[0] == label.lower()) for e in entries):
                    continue  # a glossary label
                if label in owner:
                    i = owner[label]
                    if shared and entries[i][1] != target:
                        entries[i] = (label, "", True)
                    continue
                owner[label] = len(entries)
                entries.append((label, target, True))
                self.tips.setdefault(target, html.escape(record.summary, quote=True))

    def __bool__(self) -> bool:
        return bool(self.by_words)

    def matches(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) of each label occurrence, left to right, longest first.

        The text is split into words and their offsets by ``re.split`` and ``accumulate``, and
        the words that can start a label are picked by ``compress``, all in C; only those words
        are looked at in Python. A word is glued to a neighbour (part of a longer word or a
        hyphenated compound) only by a hyphen: what separates two words is never a letter, digit
        or underscore, so the separators beside a match are all there is to check.
        """
        lowered = text.lower()
        source = lowered if len(lowered) == len(text) else text  # offsets carry over (true except for a few rare letters)
        parts = _WORD_SPLIT.split(source)  # separator, word, separator, word, ..., separator
        words = parts[1::2] if source is lowered else [w.lower() for w in parts[1::2]]
        lengths, name_lengths = self.lengths, self.name_lengths
        starts = list(compress(range(len(words)), map(lengths.__contains__, words)))
        if name_lengths:
            written = parts[1::2] if source is text else _WORD_SPLIT.split(text)[1::2]
            named = list(compress(range(len(written)), map(name_lengths.__contains__, written)))
            if named:
                starts = sorted(set(starts).union(named))
        if not starts:
            return
        offsets = list(accumulate(map(len, parts), initial=0))
        by_words, count = self.by_words, len(words)
        after = 0  # the first word not yet inside a match
        for i in starts:
            if i < after or parts[2 * i].endswith("-"):
                continue
            ns = lengths.get(words[i], ())
            if name_lengths and written[i] in name_lengths:
                ns = sorted(set(ns).union(name_lengths[written[i]]), reverse=True)
            for n in ns:
                if i + n > count or parts[2 * (i + n)].startswith("-"):
                    continue
                candidates = by_words.get(tuple(words[i:i + n]))
                if not candidates:
                    continue
                start, end = offsets[2 * i + 1], offsets[2 * (i + n)]
                # One word holds no white space; only a longer label needs its spaces normalised.
                span = text[start:end] if n == 1 else " ".join(text[start:end].split())
                lowered_span = span.lower()
                term_id = next((t for label, t, exact in candidates
                                if (span == label if exact else lowered_span == label)), None)
                if term_id is not None:
                    yield start, end, term_id
                    after = i + n
                    break

    def in_text(self, text: str) -> Occurrences:
        """Plain text as a page shows it (white space normalised) and the terms in it."""
        text = " ".join(str(text).split())
        links = tuple((0, start, end, term_id) for start, end, term_id in self.matches(text) if term_id) if text and self else ()
        return Occurrences(text, links, frozenset(link[3] for link in links if is_term(link[3])))

    def in_html(self, fragment: str) -> Occurrences:
        """Sanitised HTML and the terms in its text; links only where a link may go.

        Every text piece between tags is matched, in one pass, joined by a separator no label
        contains: a label never spans a tag, and a description has a dozen pieces (matching each
        on its own cost more than the matching itself). A use in a link, code or a heading counts
        for ``terms`` (the term is used there) but is not linked.
        """
        if not self:
            return Occurrences(fragment, (), frozenset())
        pieces = _TAG.split(fragment)
        texts: list[int] = []  # the pieces that are text, by index in ``pieces``
        linkable: set[int] = set()  # those outside links, code and headings
        skip: list[str] = []
        for i, piece in enumerate(pieces):
            if piece.startswith("<"):
                name = _TAG_NAME.match(piece)
                tag = name.group(1).lower() if name else ""
                if tag in _SKIP_INSIDE:
                    if piece.startswith("</"):
                        if tag in skip:
                            skip.remove(tag)
                    elif not piece.endswith("/>"):
                        skip.append(tag)
            elif piece:
                texts.append(i)
                if not skip:
                    linkable.add(i)
        raws = [html.unescape(pieces[i]) if "&" in pieces[i] else pieces[i] for i in texts]
        starts = list(accumulate((len(raw) + len(_SEPARATOR) for raw in raws), initial=0))
        links, terms = [], set()
        for start, end, term_id in self.matches(_SEPARATOR.join(raws)):
            if is_term(term_id):
                terms.add(term_id)
            k = bisect_right(starts, start) - 1
            if term_id and texts[k] in linkable:
                links.append((texts[k], start - starts[k], end - starts[k], term_id))
        return Occurrences(fragment, tuple(links), frozenset(terms))


class Occurrences(NamedTuple):
    """Where glossary terms occur in one text as it is published (a tuple: sent between processes).

    ``links`` are the uses a page may link, in text order, as (piece, start, end, term id): for
    plain text the piece is 0 and the offsets are in ``text``; for HTML the piece is an index in
    ``_TAG.split(text)`` and the offsets are in that piece with its character references decoded.
    """

    text: str
    links: tuple[tuple[int, int, int, str], ...]
    terms: frozenset[str]


def name_target(collection: str, record_id: str) -> str:
    """What a record's name links to, beside the glossary's term ids (an id holds no slash)."""
    return f"{collection}/{record_id}"


def is_term(target: str) -> bool:
    """A glossary term's id, not another record's name (nor a shared name that links nothing)."""
    return bool(target) and "/" not in target


def _is_name(label: str, words: tuple[str, ...]) -> bool:
    return len(words) > 1 or is_abbreviation(label) or any(c.isupper() or c.isdigit() for c in label[1:])


def _strip(label: str) -> str:
    return re.sub(r"^\W+|\W+$", "", label)


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
        summary = self.index.tips.get(term_id, "")
        return (
            f'<span class="kb-term"><a class="kb-term__link" href="{html.escape(self.url_for(term_id), quote=True)}" '
            f'aria-describedby="{tip}">{label_html}</a>'
            f'<span class="kb-term__tip" id="{tip}" role="tooltip" hidden data-pagefind-ignore>{summary}</span></span>'
        )

    def _take(self, term_id: str) -> str | None:
        if term_id == self.exclude or term_id in self.linked:
            return None
        self.linked.add(term_id)
        return term_id

    def plain(self, text: str | Occurrences) -> str:
        """Plain text (one line) → escaped HTML with the first use of each new term linked."""
        found = text if isinstance(text, Occurrences) else self.index.in_text(text)
        escape = html.escape
        out, last = [], 0
        for _piece, start, end, term_id in found.links:
            if self._take(term_id) is None:
                continue
            out.append(escape(found.text[last:start]))
            out.append(self._anchor(term_id, escape(found.text[start:end])))
            last = end
        out.append(escape(found.text[last:]))
        return "".join(out)

    def html(self, fragment: str | Occurrences) -> str:
        """Sanitised HTML → the same HTML with the first use of each new term linked (text only)."""
        found = fragment if isinstance(fragment, Occurrences) else self.index.in_html(fragment)
        if not found.links:
            return found.text
        pieces = _TAG.split(found.text)
        per_piece: dict[int, list[tuple[int, int, str]]] = {}
        for piece, start, end, term_id in found.links:
            per_piece.setdefault(piece, []).append((start, end, term_id))
        for i, links in per_piece.items():
            raw = html.unescape(pieces[i]) if "&" in pieces[i] else pieces[i]
            pieces[i] = self._link_text_segment(pieces[i], raw, links)
        return "".join(pieces)

    def _link_text_segment(self, segment: str, raw: str, found: list[tuple[int, int, str]]) -> str:
        """One text piece (as HTML, and unescaped as ``raw``) with its new terms linked."""
        result, last = [], 0
        for start, end, found_id in found:
            term_id = self._take(found_id)
            if term_id is None:
                continue
            result.append(html.escape(raw[last:start], quote=False))
            result.append(self._anchor(term_id, html.escape(raw[start:end])))
            last = end
        if not result:
            return segment
        result.append(html.escape(raw[last:], quote=False))
        return "".join(result)
