"""The hostile corpus (tests/corpus/): each broken or hostile record gives its exact error or safe output."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import markdown
import pytest
import yaml

from generator.config import load_settings
from generator.load import MAX_FILE_BYTES
from generator.pipeline import generate
from generator.yamlsafe import parse

from conftest import ROOT
from htmlsafety import executable_contexts

CORPUS = ROOT / "tests" / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text())


def run(data_tree, tmp_path: Path, name: str, body: bytes):
    data = data_tree({f"glossary/{name}.yaml": body})
    start = time.perf_counter()
    result = generate(load_settings(tmp_path), data)
    elapsed = time.perf_counter() - start
    return result, elapsed


def visible_text(page: str) -> str:
    rendered = markdown.markdown(page.split("---\n", 2)[2], extensions=["tables", "attr_list", "sane_lists", "md_in_html"])
    return html.unescape(re.sub(r"<[^>]+>", " ", rendered)), rendered


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_record_gives_its_error_or_safe_output(name: str, data_tree, tmp_path: Path) -> None:
    expected = EXPECTED[name]
    result, elapsed = run(data_tree, tmp_path, name, (CORPUS / f"{name}.yaml").read_bytes())
    assert elapsed < 30, f"{name} took {elapsed:.2f}s: a hang guard (alias bombs, deep nesting), not a speed test"
    mine = [p for p in result.problems if p.path == f"data/glossary/{name}.yaml" and p.severity == "error"]
    if "safe" in expected:
        assert mine == [], [p.text() for p in mine]
        page = result.pages[f"begrippen/{name}.md"]
        text, rendered = visible_text(page)
        assert executable_contexts(rendered) == []
        # MkDocs and Material write the front matter unescaped into <title>, the header and meta tags.
        meta = yaml.safe_load(page.split("---\n", 2)[1])
        raw = parse((CORPUS / f"{name}.yaml").read_bytes().removeprefix(b"\xef\xbb\xbf").decode(), positions=False).value
        for key, field in (("title", "title"), ("description", "summary")):
            assert executable_contexts(meta[key]) == [] and "<" not in meta[key], meta[key]
            assert html.unescape(meta[key]) == " ".join(str(raw[field]).split()), meta[key]
        for literal in expected["safe"]:
            assert literal in text, literal
        assert "49" not in text
        return
    assert mine, f"{name}: no error reported"
    first = mine[0]
    assert first.code == expected["code"], first.text()
    if "line" in expected:
        assert first.line == expected["line"], first.text()
    if "column" in expected:
        assert first.column == expected["column"], first.text()
    if "hint" in expected:
        assert expected["hint"] in first.hint, first.text()
    if "message" in expected:
        assert expected["message"] in first.message, first.text()
    assert result.model is None  # nothing is rendered from invalid data


def test_oversized_file_gets_a_clear_limit(data_tree, tmp_path: Path) -> None:
    body = b"title: Groot\ndescription: |\n" + b"  " + b"x" * (MAX_FILE_BYTES + 1) + b"\n"
    result, _ = run(data_tree, tmp_path, "groot", body)
    (problem,) = [p for p in result.problems if p.path.endswith("groot.yaml")]
    assert problem.code == "file-too-large" and "256 KB" in problem.message


def test_every_corpus_file_is_listed_with_its_expectation() -> None:
    files = {p.stem for p in CORPUS.glob("*.yaml") if p.name != "expected.yaml"}
    assert files == set(EXPECTED)
