"""A strict Content Security Policy for the built site, with hashes for the inline scripts.

Our templates add no inline scripts or event handlers; MkDocs Material writes a few small inline
scripts into every page (its scope and palette set-up). Rather than allow every inline script
('unsafe-inline'), the policy lists the SHA-256 of each one found in the built HTML. The policy is
written to ``csp.txt`` in the site, so the host can send it as a header, and the tests load the
site under it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json")
_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


def inline_script_hashes(site: Path) -> tuple[list[str], list[str]]:
    """Sorted CSP hash sources of all inline scripts, and pages with inline event handlers."""
    hashes: set[str] = set()
    handlers: list[str] = []
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for match in _SCRIPT.finditer(text):
            attrs = match.group("attrs")
            if "src=" in attrs or any(t in attrs for t in _DATA_TYPES):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add("'sha256-" + base64.b64encode(digest).decode() + "'")
        if _HANDLER.search(_SCRIPT.sub("", text)):
            handlers.append(page.relative_to(site).as_posix())
    return sorted(hashes), handlers


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


def write_policy(site: Path) -> str:
    hashes, handlers = inline_script_hashes(site)
    if handlers:
        raise SystemExit(f"Inline event handlers in: {', '.join(handlers[:5])}")
    text = policy(hashes)
    (site / "csp.txt").write_text(text + "\n", encoding="utf-8")
    return text
