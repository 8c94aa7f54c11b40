"""The wegwijzer's mapping from a kind of help to kinds of records lives in data/vocabularies.yaml."""

from __future__ import annotations

import json
from pathlib import Path

from generator.finder import Finder
from generator.model import build_model
from generator.pipeline import check
from generator.schema import Schemas

from conftest import MINIMAL


def test_a_help_kind_covering_an_unknown_kind_or_list_is_reported_at_its_line(data_tree) -> None:
    data = data_tree()
    path = data / "vocabularies.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("covers: {instrument_kinds: [wet-of-regel, beleidskader, eu-kader]}}",
                        "covers: {instrument_kind: [wet-of-regel], fund_kinds: [wetten]}}", 1)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "instrument_kind:" in row)
    found = check(data, display_root=data.parent).problems
    assert [(p.path, p.line, p.message) for p in found] == [
        ("data/vocabularies.yaml", line, "De lijst 'instrument_kind' bestaat niet in data/vocabularies.yaml."),
        ("data/vocabularies.yaml", line, "De waarde 'wetten' staat niet in de lijst fund_kinds."),
    ]
    assert found[0].column < found[1].column


def test_a_records_help_follows_its_kind_through_the_mapping_in_the_data() -> None:
    schemas = Schemas()
    model = build_model(check(MINIMAL, schemas), schemas)
    finder = Finder(model)
    assert finder.collections == ["instruments", "funds"]  # the collections whose kinds a help kind covers
    for record in finder.records:
        covers = {e.id for e in model.vocabularies["help_kinds"].values()
                  if record.fields["kind"] in e.covers.get(f"{record.collection[:-1]}_kinds", ())}
        assert set(finder.answers(record)["hulp"]) == covers
        assert finder.answers(record)["thema"] == [t for t in model.vocabularies["themes"] if t in record.fields["themes"]]


def test_the_comparison_data_is_plain_text_with_no_markup_characters(tmp_path: Path) -> None:
    schemas = Schemas()
    model = build_model(check(MINIMAL, schemas), schemas)
    files = Finder(model).files()
    assert "wegwijzer/gegevens.json" in files
    for name, body in files.items():
        assert b"<" not in body, name  # written as \\u003c: safe even if a host serves it as HTML
        json.loads(body)
