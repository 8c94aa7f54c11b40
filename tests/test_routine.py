"""The secretariat's weekly issues: what they list, one per label, closed when the list is empty."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from conftest import ROOT, run_generator


def test_stale_issue_lists_records_past_their_review_date(data_tree, tmp_path: Path) -> None:
    data_tree({"funds/opkoopfonds.yaml": (ROOT / "tests/fixtures/minimal/data/funds/opkoopfonds.yaml").read_text()
               .replace("last_reviewed: 2026-11-23", "last_reviewed: 2024-01-15")})
    out = tmp_path / "stale.json"
    result = run_generator(tmp_path, "routine", "stale", "--out", str(out), "--on", "2026-11-23",
                           env={"KENNISBANK_REPO_URL": "https://github.com/o/r"})
    assert result.returncode == 0, result.stderr
    issue = json.loads(out.read_text())
    assert issue["label"] == "routine: controledatum" and issue["count"] == 1
    assert ("- [ ] Opkoopfonds: [`data/funds/opkoopfonds.yaml`](https://github.com/o/r/blob/main/data/funds/opkoopfonds.yaml), "
            "laatst gecontroleerd 2024-01-15 (34 maanden)") in issue["body"]
    assert "marktmeester" not in issue["body"]
    result = run_generator(tmp_path, "routine", "stale", "--out", str(out), "--on", "2024-02-01")
    assert json.loads(out.read_text())["count"] == 0  # the workflow closes the issue then


def test_links_issue_lists_broken_links_and_escapes_them() -> None:
    from generator.config import load_settings
    from generator.routine import links_issue

    found = [("data/funds/a.yaml", "https://voorbeeld.nl/<x>", "404"), ("data/cases/b.yaml", "http://weg.nl/", "timed out")]
    issue = links_issue(found, 12, load_settings(ROOT, environ={}))
    assert issue["count"] == 2 and issue["label"] == "routine: links"
    assert "Van de 12 externe links in de records werken er 2 niet" in issue["body"]
    assert "| `data/funds/a.yaml` | https://voorbeeld.nl/\\<x\\> | 404 |" in issue["body"]
    assert links_issue([], 12, load_settings(ROOT, environ={}))["count"] == 0


def test_a_long_list_fits_in_one_issue() -> None:
    from generator.config import load_settings
    from generator.routine import MAX_BODY, links_issue

    found = [(f"data/funds/f{n}.yaml", f"https://voorbeeld.nl/{n}", "404") for n in range(5000)]
    body = links_issue(found, 5000, load_settings(ROOT, environ={}))["body"]
    assert len(body) <= MAX_BODY
    assert body.rstrip().endswith("links: `make links` toont de hele lijst.")


def test_the_weekly_workflow_finds_its_issue_by_label_and_closes_it_when_empty() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/secretariaat.yml").read_text())
    assert "schedule" in workflow[True]
    script = workflow["jobs"]["issues"]["steps"][-1]["run"]
    assert 'gh issue list --label "$label" --state open' in script
    assert "gh issue close" in script and "PATCH" in script
    assert workflow["jobs"]["issues"]["permissions"] == {"issues": "write"}
    assert workflow["jobs"]["lijsten"]["permissions"] == {"contents": "read"}
