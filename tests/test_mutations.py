"""Mutating real records in every way the hostile corpus covers: a clear error or safe output."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from generator.pipeline import check

from conftest import ROOT, run_generator

MUTATIONS = {
    "syntax": lambda text: text.replace("\ntitle:", "\ntitle", 1),
    "duplicate-key": lambda text: text + "title: Nog een titel\n",
    "wrong-type": lambda text: text + "themes: 12\n" if "\nthemes:" not in text else text.replace("\nthemes:", "\nthemes: 12\nthemes_oud:", 1),
    "yaml-1-1-boolean": lambda text: text.replace("\ntitle:", "\ntitle: NO\ntitel_oud:", 1),
    "unknown-field": lambda text: text + "onbekend_veld: x\n",
    "dangling-reference": lambda text: text.replace("document: ", "document: bestaat-niet-", 1),
    "alias": lambda text: "anker: &a [1]\nalias: *a\n" + text,
    "not-utf8": lambda text: text.replace("summary:", "summary: caf\udce9 ", 1),
    "empty": lambda text: "",
    "list": lambda text: "- " + text.replace("\n", "\n  "),
    "javascript-url": lambda text: text + "links:\n  - {title: x, url: 'javascript:alert(1)'}\n",
    "path-traversal": lambda text: text.replace("document: ", "document: ../../", 1),
}

SAMPLE = [
    "glossary/marktmeester.yaml",
    "instruments/pact-actie-06-overzicht-publieke-instrumenten.yaml",
    "partners/platform31.yaml",
    "cases/city-deal-tbgo.yaml",
    "funds/opkoopfonds.yaml",
]


@pytest.fixture(scope="module")
def real_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("mutations") / "data"
    shutil.copytree(ROOT / "data", target)
    return target


@pytest.mark.parametrize("record", SAMPLE)
@pytest.mark.parametrize("mutation", sorted(MUTATIONS))
def test_mutated_record_gives_a_positioned_dutch_error(real_data: Path, record: str, mutation: str) -> None:
    path = real_data / record
    original = path.read_bytes()
    try:
        text = MUTATIONS[mutation](original.decode("utf-8"))
        path.write_bytes(text.encode("utf-8", errors="surrogateescape"))
        start = time.perf_counter()
        result = check(real_data, display_root=real_data.parent)
        assert time.perf_counter() - start < 10
        mine = [p for p in result.problems if p.severity == "error" and p.path == f"data/{record}"]
        assert not result.ok and mine, f"{mutation} on {record} was accepted"
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in mine)
    finally:
        path.write_bytes(original)


def test_cli_reports_a_broken_real_record_without_a_traceback(real_data: Path, tmp_path: Path) -> None:
    path = real_data / SAMPLE[0]
    original = path.read_bytes()
    try:
        path.write_bytes(b"title: [\n" + original)
        result = run_generator(tmp_path, "validate", "--data", str(real_data))
    finally:
        path.write_bytes(original)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "YAML-syntaxfout" in result.stderr
