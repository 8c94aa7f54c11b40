"""The name index behind "Direct naar" in the search box: every record's exact names.

A typed name that is exactly a record's title, abbreviation or synonym should lead to that
record first, however many other pages mention it; full-text ranking cannot promise that. The
index is split by the first two characters of the name, so a look-up fetches one small file
whatever the size of the base (``zoeken/namen/tb.json`` for ``TBGO``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from .addresses import NAMES
from .model import Model, Record


def normalise_name(name: str) -> str:
    """The form both sides compare: spacing collapsed, lower case (JavaScript does the same)."""
    return " ".join(name.split()).lower()


def shard(name: str) -> str:
    """The file a name lives in: its first two characters, letters and digits only."""
    key = re.sub(r"[^a-z0-9]", "_", normalise_name(name)[:2])
    return key or "_"


def _entry(model: Model, record: Record) -> dict[str, str]:
    return {"url": model.addresses.url(record), "title": record.title, "soort": model.collections[record.collection].singular}


def _merged_names(model: Model) -> list[tuple[str, dict[str, str]]]:
    """The old titles of merged records (data/redirects.yaml): typing one leads to where it now stands."""
    out = []
    for collection, entries in sorted(model.redirects.items()):
        for redirect in entries:
            target = model.find((collection, redirect.get("to", "")))
            if target is not None and not target.retired and redirect.get("title"):
                out.append((normalise_name(redirect["title"]), _entry(model, target)))
    return out


def name_index(model: Model) -> dict[str, bytes]:
    """``zoeken/namen/<shard>.json`` files mapping each name to the records that carry it."""
    shards: dict[str, dict[str, list[dict[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for record in model.all_records():
        if record.retired:
            continue  # "Direct naar" offers only records that are kept; search still finds the page
        entry = _entry(model, record)
        for name in sorted({normalise_name(label) for label in record.labels()}):
            shards[shard(name)][name].append(entry)
    for name, target in _merged_names(model):
        if target not in shards[shard(name)][name]:
            shards[shard(name)][name].append(target)
    return {
        f"{NAMES}/{key}.json": json.dumps(names, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
        for key, names in sorted(shards.items())
    }
