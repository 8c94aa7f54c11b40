"""``make links``: the weekly check of external links in ``data/`` (opt-in: it uses the network).

Reports dead links (HTTP status 400 and up, or no answer) per record; never fails the run, so a
site that is down somewhere else never blocks publishing.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .model import Model

TIMEOUT_S = 15


def _status(url: str) -> str:
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "kennisbank-linkcheck"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return "" if response.status < 400 else str(response.status)
    except urllib.error.HTTPError as exc:
        if exc.code in (403, 405):  # some servers refuse HEAD; try GET before calling it dead
            try:
                with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
                    return "" if response.status < 400 else str(response.status)
            except Exception as inner:
                return str(inner)
        return str(exc.code)
    except Exception as exc:
        return str(exc)


def dead_links(model: Model) -> list[tuple[str, str, str]]:
    """(record file, url, reason) for every link that does not answer well."""
    links = [(r.source_path, link["url"]) for r in model.all_records() for link in r.fields.get("links", [])]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda item: _status(item[1]), links))
    return [(path, url, reason) for (path, url), reason in zip(links, results, strict=True) if reason]


def write_summary(found: list[tuple[str, str, str]], total: int) -> str:
    lines = ["## Externe links", "", f"{total} link(s) gecontroleerd, {len(found)} werken niet.", ""]
    if found:
        lines += ["| Record | Link | Probleem |", "| --- | --- | --- |"]
        lines += [f"| `{path}` | {url} | {reason} |" for path, url, reason in found]
    text = "\n".join(lines) + "\n"
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with Path(summary).open("a", encoding="utf-8") as handle:
            handle.write(text)
    return text
