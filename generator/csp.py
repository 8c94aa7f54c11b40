"""A strict Content Security Policy for the built site, with hashes for the inline scripts.

Our templates add no inline scripts or event handlers; MkDocs Material writes a few small inline
scripts into every page (its scope and palette set-up). Rather than allow every inline script
('unsafe-inline'), the policy lists the SHA-256 of each one found in the built HTML. The policy is
written to ``csp.txt`` in the site, so the host can send it as a header, and the tests load the
site under it.

The same pass is a guard: a page with an event-handler attribute, or with an inline script that
is not one of the theme's (those on its 404 page), is refused, naming the record and field the
text came from (:mod:`generator.guards`). Pages are scanned with regular expressions; only a page
they flag is parsed as HTML, which tells text that merely looks like a handler (``onerror=`` inside
an escaped attribute value) from a real one. Parsing every page would slow every build.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from .guards import BuildRefused, Finding, trace

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")
_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
# Material's scope script names the site root relative to the page ("..", "../.."): the same script.
_STRING = re.compile(r'"[^"\\]*"')
_TEXT_ONLY = ("title", "textarea", "xmp", "iframe", "noembed", "noframes")  # no tags inside, in a browser


class _Parsed(HTMLParser):
    """A page as a browser reads it: its event-handler attributes and inline script bodies."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.handlers: list[tuple[str, str, str, int]] = []  # (tag, attribute, the start tag as written, offset)
        self.scripts: list[tuple[str, int]] = []  # (body, offset of its start tag)
        self._script: list[str] | None = None
        self._starts = [0]  # offset of each line
        for line in text.splitlines(keepends=True):
            self._starts.append(self._starts[-1] + len(line))
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _TEXT_ONLY:
            self.set_cdata_mode(tag)  # as browsers do; html.parser itself only does so for script and style
        self.handlers += [(tag, name, self.get_starttag_text() or "", self._offset())
                          for name, _value in attrs if name.startswith("on")]
        if tag == "script":
            found = dict(attrs)
            self._script = [] if "src" not in found and (found.get("type") or "") not in _DATA_TYPES else None
            self._script_at = self._offset()

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append(("".join(self._script), self._script_at))
            self._script = None


def scan(site: Path) -> tuple[list[str], list[Finding]]:
    """Sorted CSP hash sources of the theme's inline scripts, and what must not be on the pages."""
    findings: list[Finding] = []
    scripts: dict[str, list[tuple[str, str]]] = {}  # page → its inline scripts (body, element)
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        bodies = []
        for match in _SCRIPT.finditer(text):
            attrs = match.group("attrs")
            if "src=" in attrs or any(t in attrs for t in _DATA_TYPES):
                continue
            bodies.append((match.group("body"), match.group(0)))
        scripts[rel] = bodies
        if _HANDLER.search(_SCRIPT.sub("", text)):
            for tag, name, markup, at in _Parsed(text).handlers:
                findings.append(Finding(rel, f"een event-handler ({name} op <{tag}>)", markup, at))
    # The theme's own scripts: those on its 404 page, which shows no record (else: those on every page).
    if "404.html" in scripts:
        theme = {_STRING.sub('""', b) for b, _ in scripts["404.html"]}
    else:
        on_pages = Counter(shape for bodies in scripts.values() for shape in {_STRING.sub('""', b) for b, _ in bodies})
        theme = {shape for shape, count in on_pages.items() if count == len(scripts)}
    hashes: set[str] = set()
    for rel, bodies in scripts.items():
        unknown = [(body, element) for body, element in bodies if _STRING.sub('""', body) not in theme]
        if unknown:
            # Only what a browser runs: "<script>" inside an attribute value is text.
            real = dict(_Parsed((site / rel).read_text(encoding="utf-8")).scripts)
            findings += [Finding(rel, "een script", element, real[body]) for body, element in unknown if body in real]
        for body, _element in bodies:
            if _STRING.sub('""', body) not in theme:
                continue
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return sorted(hashes), findings


def policy(hashes: list[str]) -> str:
    script = " ".join(["'self'", "'wasm-unsafe-eval'", *hashes])
    return "; ".join([
        "default-src 'self'",
        f"script-src {script}",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ])


def write_policy(site: Path, root: Path) -> str:
    """Write ``csp.txt``; refuse the site (:class:`BuildRefused`) when a page carries script from data."""
    hashes, findings = scan(site)
    if findings:
        raise BuildRefused(trace(findings, site, root))
    text = policy(hashes)
    (site / "csp.txt").write_text(text + "\n", encoding="utf-8")
    return text
