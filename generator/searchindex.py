"""Make Pagefind's output byte-identical across runs of the same site.

Pagefind 1.5.2 writes each filter's values in hash-map order, which changes from run to run, and
names its files after their content, so the filter files, the metadata file that lists them and
``pagefind-entry.json`` differ between two builds of one commit. This step sorts the values of
every filter file, renames it after its new content, and updates the references. Everything else
Pagefind writes is already stable. The formats: a gzip stream (mtime 0) holding the marker
``pagefind_dcd`` followed by CBOR (read and written with cbor2); a filter file is
``[name, [[value, [page, …]], …]]``.

The step can go once Pagefind writes its filter and metadata files in a stable order: see
https://github.com/Pagefind/pagefind/issues/638 (closed when the fragments became stable in 1.3.0;
the maintainer notes there that the filter and metadata indexes still change between builds).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
from pathlib import Path
from typing import Any

import cbor2

MARKER = b"pagefind_dcd"


def read(path: Path) -> Any:
    """A ``pf_*`` file: gzip, Pagefind's marker, then one CBOR value."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MARKER):
        raise ValueError(f"{path.name}: not a Pagefind data file")
    stream = io.BytesIO(raw)
    stream.seek(len(MARKER))
    value = cbor2.CBORDecoder(stream).decode()
    if stream.tell() != len(raw):
        raise ValueError(f"{path.name}: {len(raw) - stream.tell()} bytes left after decoding")
    return value


def write_bytes(value: Any) -> bytes:
    """A ``pf_*`` file's bytes; cbor2 writes the same items as Pagefind (definite lengths, doubles)."""
    return gzip.compress(MARKER + cbor2.dumps(value), mtime=0)


# -- the canonicalising step ------------------------------------------------------------------


def _content_hash(data: bytes, length: int) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def canonicalise(bundle: Path) -> None:
    """Rewrite ``bundle`` (a site's pagefind/ folder) so it no longer depends on hash-map order."""
    renames: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = read(path)
        data = write_bytes([name, sorted(values, key=lambda entry: entry[0])])
        language, old = path.stem.rsplit("_", 1)
        new = _content_hash(data, len(old))
        renames[path.stem] = f"{language}_{new}"  # the metadata lists filters by file stem
        path.unlink()
        (bundle / "filter" / f"{language}_{new}.pf_filter").write_bytes(data)
    entry_path = bundle / "pagefind-entry.json"
    entry = entry_path.read_text(encoding="utf-8")
    for meta in sorted(bundle.glob("pagefind.*.pf_meta")):
        value = _sort_filter_table(_replace_strings(read(meta), renames), set(renames.values()))
        data = write_bytes(value)
        match = re.fullmatch(r"pagefind\.(.+)_([0-9a-f]+)\.pf_meta", meta.name)
        if not match:
            continue
        language, old = match.groups()
        new = _content_hash(data, len(old))
        meta.unlink()
        (bundle / f"pagefind.{language}_{new}.pf_meta").write_bytes(data)
        entry = entry.replace(f'"{language}_{old}"', f'"{language}_{new}"')
    entry_path.write_text(json.dumps(json.loads(entry), sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _sort_filter_table(value: Any, filter_files: set[str]) -> Any:
    """The metadata's table of filters (``[[name, file], …]``) in name order, not hash-map order."""
    if isinstance(value, list):
        if value and all(isinstance(v, list) and len(v) == 2 and v[1] in filter_files for v in value):
            return sorted(value)
        return [_sort_filter_table(v, filter_files) for v in value]
    return value


def _replace_strings(value: Any, renames: dict[str, str]) -> Any:
    if isinstance(value, str):
        return renames.get(value, value)
    if isinstance(value, list):
        return [_replace_strings(v, renames) for v in value]
    if isinstance(value, dict):
        return {k: _replace_strings(v, renames) for k, v in value.items()}
    return value

