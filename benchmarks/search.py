"""What a visitor's first one-word search downloads, read from a built ``pagefind/`` folder.

Why compute it instead of measuring in a browser: it has to run in ``make bench`` without a
browser, and the loading model of Pagefind (1.5) is simple enough to follow file by file. What the
header search (``overrides/partials/header.html``: Pagefind's Component UI with three filter
dropdowns) fetches for the first query, in order:

1. ``pagefind.js``: imported by the Component UI when the search opens;
2. ``pagefind-worker.js``, only when the site lets Pagefind use a Web Worker: ``pagefind.js`` runs
   the search in a worker when the browser has workers, unless the instance is configured with
   ``noWorker: true`` (or its ``<pagefind-config no-worker>``), as ``overrides/assets/search.js``
   does (read from the built ``assets/search.js``, so the count follows the site);
3. ``pagefind-entry.json``: the languages and their index hashes;
4. ``pagefind.<lang>_<hash>.pf_meta``: every page's hash and word count, the word range of every
   index chunk and the filter chunk of every filter; its size grows with the number of pages;
5. ``wasm.<lang>.pagefind`` (``wasm.unknown.pagefind`` when the language has no stemmer): the
   search engine;
6. ``filter/*.pf_filter``: ALL filter chunks, because the Component UI calls ``filters()`` right
   after loading to fill the dropdowns (soort, thema, bestuurslaag) with counts, unless the site
   defers that until a visitor reaches the filter panel, as ``overrides/assets/search.js`` does
   (``filtersOnDemand``; read from the built ``assets/search.js``). A one-word search with no
   filter chosen then fetches no filter chunk (Pagefind's ``search()`` loads only the filters
   a query names);
7. ``index/<hash>.pf_index``: the index chunk whose ``from``..``to`` range holds the query's
   stem, and the one holding the word as typed when that is another chunk (Pagefind's
   ``request_indexes`` takes the first chunk with ``from <= term <= to``; ``gemeente`` needs two:
   its stem ``meent`` and ``gemeente`` itself);
8. ``fragment/<hash>.pf_fragment``: the fragments of the first page of results, 5 results
   (``RESULTS_SHOWN``); the UI loads a result's fragment when it is shown.

Not counted: the Component UI's own script and stylesheet (loaded with every page, before any
search), and chunks preloaded for the prefixes typed before the whole word (usually the same
chunk). Bytes are file sizes on disk: the ``pf_*`` and wasm files are already gzip-compressed by
Pagefind; the two ``.js`` files and the JSON are counted uncompressed (an upper bound).
``first_search_transfer_bytes`` is the same download with those three gzip-compressed, as a server
that compresses text (GitHub Pages does) sends it.

Two things are derived rather than re-implemented:

* the stem: Pagefind stems with a Dutch Snowball stemmer that also drops ``ge-``. Instead of
  copying it, :meth:`Bundle.stem` finds the word on a page and reads which index word Pagefind
  recorded at that position;
* the first 5 results: ranked with Pagefind's BM25 (its default weights) over the positions and
  weights in the index chunk, pages with the word in their title first (1.5 boosts metadata
  matches; its exact formula is not modelled).

Checked against Pagefind's own ``pagefind.js`` run in Node on a synthetic site (fetches logged):
the same index chunks and result counts; the 5 fragments within about 1.5 KB of the real ones.

Several typical one-word queries are measured (``QUERIES``); ``first_search_bytes`` is the largest.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.searchindex import MARKER, read

QUERIES = ("wonen", "transformatie", "financiering", "gemeente", "vastgoed", "binnenstad")
RESULTS_SHOWN = 5
PUNCTUATION = string.punctuation + "“”‘’«»…–—"
# Pagefind's default ranking weights (pagefind_core_search RankingWeights::default).
TERM_SIMILARITY = 1.0
PAGE_LENGTH = 0.75
TERM_SATURATION = 1.4
TERM_FREQUENCY = 1.0


def read_pagefind_file(path: Path) -> Any:
    """A ``pf_*`` file, decoded by the generator's own reader (gzip, marker, CBOR)."""
    return read(path)


# -- the index -----------------------------------------------------------------------------------


@dataclass
class Bundle:
    """A built ``pagefind/`` folder: its metadata, decoded, and the index chunks read so far."""

    folder: Path
    meta_file: Path
    wasm_file: Path
    pages: list[tuple[str, int]]
    chunks: list[tuple[str, str, str]]
    filters: list[tuple[str, str]]
    meta_fields: list[str]
    words: dict[str, dict[str, list[Posting]]] = field(default_factory=dict)

    @classmethod
    def open(cls, folder: Path) -> Bundle:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        # The site has one language; with several, the page's own (here nl) would be chosen.
        language = entry["languages"].get("nl") or max(entry["languages"].values(), key=lambda v: v["page_count"])
        meta_file = folder / f"pagefind.{language['hash']}.pf_meta"
        wasm_file = folder / f"wasm.{language.get('wasm') or 'unknown'}.pagefind"
        if not wasm_file.is_file():
            wasm_file = folder / "wasm.unknown.pagefind"
        meta = read_pagefind_file(meta_file)
        # 1.5: [version, [[page hash, word count]], [[from, to, chunk]], [[filter, chunk]], sorts, meta fields]
        pages = [(p[0], p[1]) for p in meta[1]]
        chunks = [(c[0], c[1], c[2]) for c in meta[2]]
        filters = [(f[0], f[1]) for f in meta[3]]
        meta_fields = list(meta[5]) if len(meta) > 5 else []
        return cls(folder, meta_file, wasm_file, pages, chunks, filters, meta_fields)

    def chunk_words(self, chunk_hash: str) -> dict[str, list[Posting]]:
        """The words of one index chunk, each with its postings (absolute page numbers)."""
        if chunk_hash not in self.words:
            decoded = read_pagefind_file(self.folder / "index" / f"{chunk_hash}.pf_index")
            words: dict[str, list[Posting]] = {}
            for entry in decoded[0]:
                page, postings = 0, []
                for item in entry[1]:
                    page += item[0]  # page numbers are stored as differences from the previous one
                    postings.append(Posting(page, _positions(item[1]), _meta_fields(item[2], self.meta_fields)))
                words[entry[0]] = postings
            self.words[chunk_hash] = words
        return self.words[chunk_hash]

    def chunk_for(self, term: str) -> str | None:
        """Pagefind's ``request_indexes`` for one term: the first chunk whose range holds it."""
        for low, high, chunk_hash in self.chunks:
            if low <= term <= high:
                return chunk_hash
        for low, high, chunk_hash in self.chunks:  # "load all possible extension chunks"
            if term[:len(low)] >= low[:len(term)] and term[:len(high)] <= high[:len(term)]:
                return chunk_hash
        return None

    def fragment(self, page: int) -> dict[str, Any]:
        raw = gzip.decompress((self.folder / "fragment" / f"{self.pages[page][0]}.pf_fragment").read_bytes())
        return json.loads(raw[len(MARKER):])

    def stem(self, word: str, tries: int = 20) -> str:
        """The indexed form of ``word``, read from the index itself rather than re-implementing the stemmer.

        Find a page whose text has the word at position k, then the index word that Pagefind recorded
        at position k of that page: that is what the stemmer made of it (``wonen`` → ``woon``,
        ``transformatie`` → ``transformeer``, ``gemeente`` → ``meent``). Only words that start like
        the word, or like it without the prefix ``ge``, are candidates: the Dutch stemmer changes
        endings and drops ``ge``, nothing else. Falls back to the word itself when it is not on the site.
        """
        heads = {word[:2], word[2:4]} if word.startswith("ge") else {word[:2]}
        candidates: dict[str, list[Posting]] = {}
        for low, high, chunk_hash in self.chunks:
            if any(low[:2] <= head <= high[:2] for head in heads):
                candidates.update({w: p for w, p in self.chunk_words(chunk_hash).items() if w[:2] in heads})
        for page in range(len(self.pages)):
            tokens = [t.strip(PUNCTUATION).casefold() for t in self.fragment(page)["content"].split()]
            for position, token in enumerate(tokens):
                if token != word:
                    continue
                found = [w for w, postings in candidates.items()
                         if any(p.page == page and any(loc == position for _, loc in p.positions) for p in postings)]
                if found:
                    return min(found, key=len)
                tries -= 1
                if tries <= 0:
                    return word
        return word


@dataclass
class Posting:
    """One page's occurrences of one word: (weight, position) pairs and the metadata fields it is in."""

    page: int
    positions: list[tuple[int, int]]
    fields: list[str]


def _positions(locations: list[int]) -> list[tuple[int, int]]:
    """(weight, position) pairs. A negative number ``-(w + 1)`` sets the weight ``w`` (24 = normal
    text) of the positions after it; positions are differences from the previous one, restarting
    from 0 after each weight marker."""
    weight, position, out = 24, 0, []
    for value in locations:
        if value < 0:
            weight, position = min(255, -(value + 1)), 0
        else:
            position += value
            out.append((weight, position))
    return out


def _meta_fields(locations: list[int], names: list[str]) -> list[str]:
    """The metadata fields (``title``, …) a word occurs in: ``-(i + 1)`` names field ``i``."""
    return [names[-(v + 1)] for v in locations if v < 0 and -(v + 1) < len(names)]


def _length_bonus(differential: int) -> float:
    base = math.exp(-0.5 * differential**2 / 2.0**2)
    return math.exp(base * TERM_SIMILARITY) / math.exp(TERM_SIMILARITY)


def rank(bundle: Bundle, term: str, chunks: list[str]) -> list[int]:
    """Page numbers matching ``term`` in the loaded ``chunks``, best first.

    Pagefind's ``search_term``: every loaded word that starts with the term (else the longest one
    the term starts with), scored with BM25 per word. Pages with the term in their title come
    first, standing in for 1.5's metadata boost, which is not modelled exactly.
    """
    words: dict[str, list[Posting]] = {}
    for chunk in chunks:
        words.update(bundle.chunk_words(chunk))
    matches = [w for w in words if w.startswith(term)]
    if not matches:
        prefixes = [w for w in words if term.startswith(w)]
        matches = [max(prefixes, key=len)] if prefixes else []
    total_pages = len(bundle.pages)
    average = sum(count for _, count in bundle.pages) / max(1, total_pages)
    per_page: dict[int, list[tuple[int, int, str]]] = {}
    in_title: set[int] = set()
    for word in matches:
        for posting in words[word]:
            if "title" in posting.fields:
                in_title.add(posting.page)
            per_page.setdefault(posting.page, []).extend((pos, weight, word) for weight, pos in posting.positions)
    k1, b = TERM_SATURATION, PAGE_LENGTH
    scores: list[tuple[bool, float, int]] = []
    for page, hits in per_page.items():
        # One position matched by two words (a compound) counts once: the lower weight wins,
        # equal weights add up; the weight is credited to the first word, as Pagefind does.
        hits.sort(key=lambda h: h[0])
        merged: list[list[Any]] = []
        for position, weight, word in hits:
            if merged and merged[-1][0] == position:
                if weight < merged[-1][1]:
                    merged[-1][1] = weight
                elif weight == merged[-1][1]:
                    merged[-1][1] += weight
                continue
            merged.append([position, weight, word])
        weighted: dict[str, int] = {}
        for _position, weight, word in merged:
            weighted[word] = weighted.get(word, 0) + weight
        score = 0.0
        length = bundle.pages[page][1]
        for word, total in weighted.items():
            tf = total / 24.0 * _length_bonus(abs(len(word.encode()) - len(term.encode())) + 1)
            contains = len(words[word])
            idf = math.log((total_pages - contains + 0.5) / (contains + 0.5) + 1.0)
            bm25 = (k1 + 1.0) * tf / (k1 * (1.0 - b + b * (length / average)) + tf)
            raw = min(tf / (average / 5.0), k1 + 1.0)
            score += idf * ((1.0 - TERM_FREQUENCY) * raw + TERM_FREQUENCY * bm25)
        scores.append((page in in_title, score, page))
    scores.sort(key=lambda s: (not s[0], -s[1], s[2]))
    return [page for _, _, page in scores]


def _size(path: Path) -> int:
    return path.stat().st_size


def uses_worker(site_dir: Path) -> bool:
    """Whether the site's search script lets Pagefind start its Web Worker: no ``noWorker: true``
    option, nor the ``no-worker`` attribute set on ``<pagefind-config>``."""
    script = site_dir / "assets" / "search.js"
    off = r"\bnoWorker:\s*true\b|setAttribute\(\s*[\"']no-worker[\"']"
    return not (script.is_file() and re.search(off, script.read_text(encoding="utf-8")))


def loads_filters_on_demand(site_dir: Path) -> bool:
    """Whether the site's search script defers the filter counts until the filter panel is reached."""
    script = site_dir / "assets" / "search.js"
    return script.is_file() and re.search(r"\bfiltersOnDemand\(", script.read_text(encoding="utf-8")) is not None


def first_search(pagefind_dir: Path, queries: tuple[str, ...] = QUERIES) -> dict[str, Any]:
    """Bytes of the first one-word search, per query and the largest; see the module docstring."""
    bundle = Bundle.open(pagefind_dir)
    scripts = ["pagefind.js", *(["pagefind-worker.js"] if uses_worker(pagefind_dir.parent) else [])]
    all_filters = sum(_size(pagefind_dir / "filter" / f"{h}.pf_filter") for _, h in bundle.filters)
    deferred = loads_filters_on_demand(pagefind_dir.parent)
    fixed = {
        **{name: _size(pagefind_dir / name) for name in scripts},
        "pagefind-entry.json": _size(pagefind_dir / "pagefind-entry.json"),
        "pf_meta": _size(bundle.meta_file),
        "wasm": _size(bundle.wasm_file),
        "filters": 0 if deferred else all_filters,
    }
    text_files = (*scripts, "pagefind-entry.json")
    saved = sum(fixed[name] - len(gzip.compress((pagefind_dir / name).read_bytes(), 6)) for name in text_files)
    per_query: dict[str, dict[str, Any]] = {}
    for query in queries:
        word = query.casefold()
        stem = bundle.stem(word)
        # The engine looks up the stem and the word as typed; each needs the chunk that holds it.
        chunks = sorted({c for c in (bundle.chunk_for(stem), bundle.chunk_for(word)) if c})
        index_bytes = sum(_size(pagefind_dir / "index" / f"{c}.pf_index") for c in chunks)
        ranked = rank(bundle, stem, chunks)
        fragments = [_size(pagefind_dir / "fragment" / f"{bundle.pages[p][0]}.pf_fragment") for p in ranked[:RESULTS_SHOWN]]
        per_query[query] = {
            "stem": stem,
            "index_chunks": len(chunks),
            "index_bytes": index_bytes,
            "fragment_bytes": sum(fragments),
            "results": len(ranked),
            "total_bytes": sum(fixed.values()) + index_bytes + sum(fragments),
        }
    worst = max(per_query, key=lambda q: per_query[q]["total_bytes"])
    return {
        "first_search_bytes": per_query[worst]["total_bytes"],
        "first_search_transfer_bytes": per_query[worst]["total_bytes"] - saved,
        "worst_query": worst,
        "fixed_bytes": fixed,
        # What opening the filter panel adds later (all filter chunks, fetched once).
        "filter_panel_bytes": all_filters if deferred else 0,
        "queries": per_query,
    }


if __name__ == "__main__":
    import sys

    print(json.dumps(first_search(Path(sys.argv[1])), indent=2))
