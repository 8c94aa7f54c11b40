"""Writing a record as YAML in the style of the hand-written records (for records made by forms).

The schema line first; ids and vocabulary values as short flow lists (``themes: [wonen]``);
Markdown as a literal block; lists of groups indented under their key; dates and other text
plain where the strict loader reads them back as the same text. Every text is read back with
the strict loader before it is used, so what is written is exactly what was meant.
"""

from __future__ import annotations

from typing import Any

import yaml

from .yamlsafe import YamlRejected, parse

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class FlowList(list):
    """A list written on one line: ``[a, b]``."""


class _RecordDumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


# The strict loader reads 2026-11-23 as text, so dates need no quotes (as in every record).
_RecordDumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


def _flow(dumper: yaml.SafeDumper, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(value), flow_style=True)


_RecordDumper.add_representer(str, _str)
_RecordDumper.add_representer(FlowList, _flow)


def schema_line(collection: str) -> str:
    return f"# yaml-language-server: $schema=../../generator/schemas/{collection}.schema.json\n"


def dump_fields(fields: dict[str, Any]) -> str:
    """The YAML of some top-level fields, without the schema line."""
    if not fields:
        return ""
    return yaml.dump(fields, Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=100)


def record_text(collection: str, fields: dict[str, Any]) -> str:
    """A whole record file; raises ``ValueError`` if the strict loader would read it differently."""
    text = schema_line(collection) + dump_fields(fields)
    if read_back(text) != _plain(fields):
        raise ValueError("record does not read back as written")
    return text


def read_back(text: str) -> Any:
    try:
        return parse(text, positions=False).value
    except YamlRejected as rejected:
        raise ValueError(f"record does not read back: {rejected}") from rejected


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
