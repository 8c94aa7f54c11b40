"""The GitHub issue forms: generated from the schemas, in GitHub's issue-form syntax, up to date."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_generator

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORMS = sorted(p for p in TEMPLATES.glob("*.yml") if p.name != "config.yml")
INPUT_TYPES = {"input", "textarea", "dropdown", "checkboxes"}
# GitHub refuses these words in input labels, and these as option values (they parse as booleans).
FORBIDDEN_LABEL_WORDS = ("password", "wachtwoord")
BOOLEAN_WORDS = {"y", "yes", "n", "no", "true", "false", "on", "off"}


def _vocabularies() -> dict:
    return yaml.safe_load((ROOT / "data" / "vocabularies.yaml").read_text(encoding="utf-8"))


def _parameterize(label: str) -> str:
    """Rails' parameterize, which GitHub uses to compare labels."""
    return re.sub(r"[^a-z0-9\-_]+", "-", label.lower()).strip("-")


def test_committed_forms_match_the_schemas_and_data() -> None:
    result = run_generator(ROOT, "forms", "--check")
    assert result.returncode == 0, result.stderr


def test_check_fails_and_names_the_command_when_a_form_is_stale(tmp_path: Path) -> None:
    from conftest import project_copy

    root = project_copy(tmp_path)
    (root / ".github").mkdir()
    import shutil

    shutil.copytree(TEMPLATES, root / ".github" / "ISSUE_TEMPLATE")
    (root / "data" / "vocabularies.yaml").write_text(
        (root / "data" / "vocabularies.yaml").read_text(encoding="utf-8").replace(
            "label: Wonen,", "label: Wonen en woningbouw,"), encoding="utf-8")
    result = run_generator(root, "forms", "--check")
    assert result.returncode == 1
    assert "voer 'make forms' uit" in result.stderr
    assert run_generator(root, "forms").returncode == 0
    assert "- Wonen en woningbouw" in (root / ".github" / "ISSUE_TEMPLATE" / "instruments.yml").read_text(encoding="utf-8")
    assert run_generator(root, "forms", "--check").returncode == 0


def test_there_is_a_form_per_collection_partners_add_to_and_a_change_form() -> None:
    names = {p.stem for p in FORMS}
    assert names == {"glossary", "instruments", "funds", "partners", "cases", "wijziging"}


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_form_follows_githubs_issue_form_syntax(path: Path) -> None:
    form = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(form) <= {"name", "description", "title", "labels", "body", "assignees", "projects"}
    for key in ("name", "description"):
        assert isinstance(form[key], str) and form[key].strip()
    assert isinstance(form["body"], list) and form["body"]
    ids, labels = [], []
    for index, element in enumerate(form["body"]):
        where = f"body[{index}]"
        assert set(element) <= {"type", "id", "attributes", "validations"}, where
        assert element["type"] in INPUT_TYPES | {"markdown"}, where
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert isinstance(attributes["value"], str) and attributes["value"].strip(), where
            assert "id" not in element
            continue
        assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), where
        ids.append(element["id"])
        label = attributes["label"]
        assert isinstance(label, str) and label.strip(), where
        assert not any(word in label.lower() for word in FORBIDDEN_LABEL_WORDS), where
        labels.append(label)
        allowed = {"label", "description", "placeholder", "value"}
        if element["type"] == "textarea":
            allowed |= {"render"}
        if element["type"] == "dropdown":
            allowed |= {"multiple", "options", "default"}
            options = attributes["options"]
            assert options and all(isinstance(o, str) and o.strip() for o in options), where
            assert len(set(options)) == len(options), f"{where}: options must be unique"
            assert not {o.lower() for o in options} & ({"none"} | BOOLEAN_WORDS), where
            assert isinstance(attributes["multiple"], bool)
        if element["type"] == "checkboxes":
            allowed = {"label", "description", "options"}
            for option in attributes["options"]:
                assert set(option) <= {"label", "required"} and option["label"].strip(), where
                labels.append(option["label"])
        assert set(attributes) <= allowed, f"{where}: {set(attributes) - allowed}"
        if "validations" in element:
            assert set(element["validations"]) == {"required"} and isinstance(element["validations"]["required"], bool)
    assert ids and len(set(ids)) == len(ids), "ids must be unique"
    assert len(set(labels)) == len(labels), "labels must be unique"
    assert len({_parameterize(label) for label in labels}) == len(labels), "labels too similar"


@pytest.mark.parametrize("collection", ["glossary", "instruments", "funds", "partners", "cases"])
def test_every_field_is_asked_with_the_schemas_words_and_exact_vocabulary(collection: str) -> None:
    from generator.schema import Schemas

    schemas = Schemas()
    form = yaml.safe_load((TEMPLATES / f"{collection}.yml").read_text(encoding="utf-8"))
    elements = {e["id"]: e for e in form["body"] if e["type"] != "markdown"}
    vocabularies = _vocabularies()
    for info in schemas.fields(collection):
        if info.name == "last_reviewed" or info.change_only:  # the day of submission; a new record is not retired
            assert info.name not in elements
            continue
        if info.kind in ("object", "objects"):
            parts = [e for key, e in elements.items() if key.startswith(info.name + "-")]
            assert parts, info.name
            assert all(e["attributes"]["label"].startswith(info.title + ": ") for e in parts)
            continue
        element = elements[info.name]
        assert element["attributes"]["label"] == info.title
        assert element.get("validations", {}).get("required", False) == info.required, info.name
        if info.kind in ("vocab", "vocabs"):
            assert element["type"] == "dropdown"
            assert element["attributes"]["multiple"] is (info.kind == "vocabs")
            labels = [entry["label"] for entry in vocabularies[info.target]
                      if not (info.name == "status" and entry["id"] == "vervallen")]
            assert element["attributes"]["options"] == labels, info.name
        elif info.kind == "refs":
            assert element["type"] == "textarea"
            assert f"data/{info.target}/" in element["attributes"]["description"]
        elif element["type"] == "checkboxes":  # a yes/no field: its help says "vink aan" for "true"
            assert element["attributes"]["options"] and info.description.split(". ")[-1] in element["attributes"]["description"]
        else:
            first_words = info.description.split(".")[0].split(",")[0]
            assert first_words in element["attributes"].get("description", ""), info.name


def test_sources_are_a_document_dropdown_and_a_section_field() -> None:
    form = yaml.safe_load((TEMPLATES / "instruments.yml").read_text(encoding="utf-8"))
    elements = {e.get("id"): e for e in form["body"]}
    titles = sorted(yaml.safe_load(p.read_text(encoding="utf-8"))["title"] for p in (ROOT / "data" / "sources").glob("*.yaml"))
    assert sorted(elements["sources-document"]["attributes"]["options"]) == titles
    assert elements["sources-document"]["validations"]["required"] is True
    assert elements["sources-section"]["type"] == "input"
    assert elements["sources-section"]["validations"]["required"] is True


def test_reference_help_links_the_overview_when_the_site_url_is_known(tmp_path: Path) -> None:
    from generator.forms import collection_form, config_document, context_for
    from generator.schema import Schemas

    schemas = Schemas()
    vocabularies = {k: v for k, v in _vocabularies().items()}
    on_site = context_for(schemas, vocabularies, [], site_url="https://kb.example.org/", repo_url="https://github.com/o/r")
    field = next(f for f in collection_form(on_site, "funds").fields if f.id == "partners")
    assert "[overzicht Partners](https://kb.example.org/partners/)" in field.description
    in_repo = context_for(schemas, vocabularies, [], repo_url="https://github.com/o/r")
    field = next(f for f in collection_form(in_repo, "funds").fields if f.id == "partners")
    assert "[data/partners/](https://github.com/o/r/tree/main/data/partners)" in field.description
    links = config_document(in_repo)["contact_links"]
    assert links[0]["url"] == "https://github.com/o/r/blob/main/CONTRIBUTING.md"
    assert "contact_links" not in config_document(context_for(schemas, vocabularies, []))


def _project_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "kennisbank.yaml", root / "kennisbank.yaml")
    return root


def test_configure_repo_sets_the_address_once_and_the_chooser_links_the_guide(tmp_path: Path) -> None:
    """What the workflow 'Repository-adres instellen' runs on GitHub, where the address is known."""
    root = _project_copy(tmp_path)
    comments = [line for line in (root / "kennisbank.yaml").read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    result = run_generator(root, "configure-repo", "https://github.com/voorbeeld/kennisbank/")
    assert result.returncode == 0, result.stderr
    text = (root / "kennisbank.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text)["repo_url"] == "https://github.com/voorbeeld/kennisbank"
    assert [line for line in text.splitlines() if line.startswith("#")] == comments
    config = yaml.safe_load((root / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["contact_links"][0]["url"] == "https://github.com/voorbeeld/kennisbank/blob/main/CONTRIBUTING.md"
    form = (root / ".github" / "ISSUE_TEMPLATE" / "funds.yml").read_text(encoding="utf-8")
    assert "https://github.com/voorbeeld/kennisbank/tree/main/data/partners" in form
    before = {p.name: p.read_bytes() for p in (root / ".github" / "ISSUE_TEMPLATE").iterdir()}
    again = run_generator(root, "configure-repo", "https://github.com/voorbeeld/kennisbank")
    assert again.returncode == 0 and "repo_url" not in again.stderr  # nothing left to change: no second proposal
    assert {p.name: p.read_bytes() for p in (root / ".github" / "ISSUE_TEMPLATE").iterdir()} == before


@pytest.mark.parametrize("url", ["https://github.com/a/b\nsite_url: x", "http://github.com/a/b", "https://github.com/a/b; rm -rf ~",
                                 "github.com/a/b", "https://github.com/a"])
def test_configure_repo_refuses_what_is_not_a_repository_address(tmp_path: Path, url: str) -> None:
    root = _project_copy(tmp_path)
    before = (root / "kennisbank.yaml").read_bytes()
    result = run_generator(root, "configure-repo", url)
    assert result.returncode == 1
    assert "geen webadres van een repository" in result.stderr and "Traceback" not in result.stderr
    assert (root / "kennisbank.yaml").read_bytes() == before
    assert not (root / ".github").exists()


def test_vocabulary_labels_that_clash_get_their_id() -> None:
    from generator.forms import options_for

    options = options_for([("a", "Programma"), ("b", "programma"), ("c", "None"), ("d", "Wonen")])
    assert [o.text for o in options] == ["Programma (a)", "programma (b)", "None (c)", "Wonen"]


def test_yamllint_passes_on_the_forms() -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "yamllint"), "-c", ".yamllint.yaml", "-f", "parsable",
                             ".github/ISSUE_TEMPLATE"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
