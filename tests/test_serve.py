"""`make serve`: a broken edit is shown in the browser, in Dutch, until it is fixed."""

from __future__ import annotations

import json
from pathlib import Path

from generator.config import load_settings
from generator.serve import STATUS_FILE, regenerate

from conftest import ROOT, project_copy

STAGING = Path("build/docs")
HOSTILE_KEY = '"<img src=x onerror=alert(1)>": waarde\n'


def status(root: Path) -> list[dict[str, str]]:
    return json.loads((root / STAGING / STATUS_FILE).read_text(encoding="utf-8"))["problems"]


def test_a_broken_edit_writes_its_messages_for_the_preview_and_a_fix_clears_them(tmp_path: Path) -> None:
    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    settings = load_settings(root)
    assert regenerate(settings, STAGING)
    assert status(root) == []
    record = root / "data" / "glossary" / "marktmeester.yaml"
    good = record.read_text(encoding="utf-8")
    record.write_text(good + HOSTILE_KEY, encoding="utf-8")
    page = (root / STAGING / "begrippen" / "marktmeester.md").read_bytes()
    assert not regenerate(settings, STAGING)
    (problem,) = status(root)
    assert problem["where"].startswith("data/glossary/marktmeester.yaml:") and problem["severity"] == "error"
    assert problem["message"] == "Onbekend veld '<img src=x onerror=alert(1)>'."  # as data; the page shows it as text
    assert (root / STAGING / "begrippen" / "marktmeester.md").read_bytes() == page  # the last good page stays
    record.write_text(good, encoding="utf-8")
    assert regenerate(settings, STAGING)
    assert status(root) == []


def test_a_first_start_with_broken_data_still_has_a_page_to_show_the_messages_on(tmp_path: Path) -> None:
    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    (root / "data" / "glossary" / "marktmeester.yaml").write_text("title: [niet gesloten\n", encoding="utf-8")
    assert not regenerate(load_settings(root), STAGING)
    assert (root / STAGING / "over.md").is_file()  # the hand-written pages
    assert [p["where"].split(":")[0] for p in status(root)] == ["data/glossary/marktmeester.yaml"]
