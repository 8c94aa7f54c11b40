"""Make Pagefind's output byte-identical across runs of the same site.

Pagefind 1.5.2 writes each filter's values in hash-map order, which changes from run to run, and
names its files after their content, so the filter files, the metadata file that lists them and
``pagefind-entry.json`` differ between two builds of one commit. This step sorts the values of
every filter file, renames it after its new content, and updates the references. Everything else
Pagefind writes is already stable. The formats: a gzip stream (mtime 0) holding the marker
``pagefind_dcd`` followed by CBOR; a filter file is ``[name, [[value, [page, …]], …]]``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
from pathlib import Path
from typing import Any

MARKER = b"pagefind_dcd"


# -- a minimal CBOR codec: the items Pagefind writes (integers, strings, arrays, maps, floats) --


def _decode(data: bytes, pos: int) -> tuple[Any, int]:
    """Decode one CBOR item at ``data[pos]``; return it and the position after it."""
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if major == 7:
        if info in (20, 21, 22):
            return {20: False, 21: True, 22: None}[info], pos
        size, fmt = {25: (2, ">e"), 26: (4, ">f"), 27: (8, ">d")}[info]
        return struct.unpack(fmt, data[pos:pos + size])[0], pos + size
    if info == 31 and major == 4:  # indefinite-length array (minicbor writes them for iterators)
        items = []
        while data[pos] != 0xFF:
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos + 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR item {initial:#x}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return bytes(data[pos:pos + arg]), pos + arg
    if major == 3:
        return data[pos:pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _decode(data, pos)
            value, pos = _decode(data, pos)
            pairs.append((key, value))
        return dict(pairs), pos
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large")


def _encode(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xF4 if value is False else 0xF5 if value is True else 0xF6])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(type(value))


def read(path: Path) -> Any:
    """A ``pf_*`` file: gzip, Pagefind's marker, then one CBOR value."""
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MARKER):
        raise ValueError(f"{path.name}: not a Pagefind data file")
    value, end = _decode(raw, len(MARKER))
    if end != len(raw):
        raise ValueError(f"{path.name}: {len(raw) - end} bytes left after decoding")
    return value


def write_bytes(value: Any) -> bytes:
    return gzip.compress(MARKER + _encode(value), mtime=0)


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

