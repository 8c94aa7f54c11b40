"""From a submitted issue form to a record, end to end without GitHub: valid and hostile bodies."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from issuebody import render, required_answers

from conftest import ROOT, project_copy, run_generator

TODAY = "2026-12-04"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the real data, where submissions are written."""
    root = tmp_path / "project"
    root.mkdir()
    return project_copy(root)


def _from_issue(root: Path, form: str, body: str) -> subprocess.CompletedProcess[str]:
    file = root.parent / "body.md"
    file.write_text(body, encoding="utf-8")
    return run_generator(root, "from-issue", form, str(file), "--on", TODAY)


def _submit(root: Path, form: str, body: str):
    from generator.config import load_settings
    from generator.fromissue import submit

    return submit(load_settings(root, environ={}), form, body, TODAY)


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _read(path: Path):
    from generator.yamlsafe import parse

    return parse(path.read_text(encoding="utf-8"), positions=False).value


@pytest.mark.parametrize("collection", ["glossary", "instruments", "funds", "partners", "cases"])
def test_a_valid_form_becomes_a_record_that_validates(collection: str, project: Path) -> None:
    result = _from_issue(project, collection, render(collection, required_answers(collection, "Proef met het formulier")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"data/{collection}/proef-met-het-formulier.yaml"
    path = project / result.stdout.strip()
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../../generator/schemas/{collection}.schema.json\n")
    record = _read(path)
    assert record["title"] == "Proef met het formulier"
    assert record["last_reviewed"] == TODAY
    assert record["sources"] == [{"document": record["sources"][0]["document"], "section": "4. Ontwikkelagenda, actie 6"}]
    check = run_generator(project, "validate")
    assert check.returncode == 0, check.stderr
    lint = subprocess.run([str(Path(sys.executable).parent / "yamllint"), "-c", str(ROOT / ".yamllint.yaml"),
                           "-f", "parsable", str(path)], capture_output=True, text=True, check=False)
    assert lint.returncode == 0, lint.stdout


def test_answers_map_back_to_ids_lists_and_groups(project: Path) -> None:
    answers = required_answers("partners", "Gemeente Proefstad")
    answers.update({
        "type": "Gemeente",
        "themes": ["Vastgoed en transformatie", "Wonen"],
        "levels": ["Gemeentelijk"],
        "abbreviations": "GP, Proefstad",
        "member_of": "- g40\nhttps://kb.example.org/partners/vng/",
        "description": "Eerste alinea.\n\n- punt een\n- punt twee\t \n",
        "contacts-name": "A. de Vries",
        "contacts-email": "a.devries@voorbeeld.nl",
        "contacts-consent": ["Ja (toestemming)"],
        "links-title": "Website",
        "links-url": "https://www.voorbeeld.nl/",
    })
    outcome = _submit(project, "partners", render("partners", answers))
    assert outcome.ok, outcome.messages
    record = _read(project / outcome.path)
    assert record["type"] == "gemeente"
    assert record["themes"] == ["vastgoed", "wonen"]
    assert record["abbreviations"] == ["GP", "Proefstad"]
    assert record["member_of"] == ["g40", "vng"]
    assert record["description"] == "Eerste alinea.\n\n- punt een\n- punt twee\n"
    assert record["contacts"] == [{"name": "A. de Vries", "email": "a.devries@voorbeeld.nl", "consent": True}]
    assert record["links"] == [{"title": "Website", "url": "https://www.voorbeeld.nl/"}]
    text = (project / outcome.path).read_text(encoding="utf-8")
    assert "themes: [vastgoed, wonen]\n" in text and "description: |\n  Eerste alinea.\n" in text


def test_a_ticked_box_is_true_and_an_empty_one_leaves_the_field_out(project: Path) -> None:
    answers = required_answers("glossary", "Begrip zonder definitie")
    answers["usage_only"] = ["Ja (alleen gebruik, geen definitie in de bron)"]
    outcome = _submit(project, "glossary", render("glossary", answers))
    assert outcome.ok, outcome.messages
    assert _read(project / outcome.path)["usage_only"] is True
    outcome = _submit(project, "glossary", render("glossary", required_answers("glossary", "Begrip met definitie")))
    assert outcome.ok, outcome.messages
    assert "usage_only" not in _read(project / outcome.path)


def test_a_contact_without_consent_is_refused_in_the_forms_words(project: Path) -> None:
    answers = required_answers("partners", "Gemeente Zonder Toestemming")
    answers["contacts-name"] = "B. Jansen"
    result = _from_issue(project, "partners", render("partners", answers))
    assert result.returncode == 1
    assert "Contactpersonen: Toestemming: Dit veld is verplicht" in result.stderr
    assert not (project / "data/partners/gemeente-zonder-toestemming.yaml").exists()


def test_mistakes_are_told_per_form_field_in_dutch_and_nothing_is_written(project: Path) -> None:
    before = _tree(project / "data")
    answers = required_answers("instruments", "Een instrument met fouten")
    answers.update({"summary": "Kort", "partners": "bestaat-niet, rvo", "links-url": "javascript:alert(1)",
                    "links-title": "Klik"})
    del answers["sources-section"]
    result = _from_issue(project, "instruments", render("instruments", answers))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "Samenvatting: 'Samenvatting' is te kort of leeg. Schrijf minstens 10 tekens." in lines
    assert any(line.startswith("Partners: Onbekende verwijzing 'bestaat-niet'") for line in lines)
    assert any(line.startswith("Links: Webadres: Een webadres moet beginnen met https://") for line in lines)
    assert "Bronnen: Sectie: Dit veld is verplicht: vul het in." in lines
    assert "er is niets geschreven" in result.stderr
    assert "yaml" not in result.stderr.lower().replace(".yaml", "")  # no YAML talk for people who never saw it
    assert _tree(project / "data") == before


def test_path_traversal_in_the_title_stays_a_file_name_in_the_collection(project: Path) -> None:
    before = {p for p in project.rglob("*")}
    title = "../../../etc/passwd\\..\\x"
    result = _from_issue(project, "glossary", render("glossary", required_answers("glossary", title)))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "data/glossary/etc-passwd-x.yaml"
    new = {p for p in project.rglob("*")} - before
    assert new == {project / "data/glossary/etc-passwd-x.yaml"}
    assert _read(project / "data/glossary/etc-passwd-x.yaml")["title"] == title


def test_hostile_text_is_kept_literally_and_reads_back(project: Path) -> None:
    hostile = {
        "title": "{{ config }} {% include 'x' %} <script>alert(1)</script>",
        "summary": "key: value # geen commentaar & *alias !!python/object:os.system '\"` ${{ github.token }}",
        "description": "---\n...\n- [ ] taak\n%YAML 1.1\n&anker *alias\n<img src=x onerror=alert(1)>\n"
                       "| tabel |\n{% raw %}{{ x }}{% endraw %}\n### Titel\n\n_No response_\n",
        "abbreviations": "yes\nno\n010\n1:30\n~\nnull",
        "definition": "Een definitie met\ttab en 'quotes' en \"dubbele\" en \\backslash\\ en emoji 🏘️ en \u202e.",
    }
    answers = {**required_answers("glossary", hostile["title"]), **hostile}
    outcome = _submit(project, "glossary", render("glossary", answers))
    assert outcome.ok, outcome.messages
    record = _read(project / outcome.path)
    assert record["title"] == hostile["title"]
    assert record["summary"] == hostile["summary"]
    assert record["description"] == hostile["description"]
    assert record["abbreviations"] == ["yes", "no", "010", "1:30", "~", "null"]
    assert record["definition"] == " ".join(hostile["definition"].split())
    assert run_generator(project, "validate").returncode == 0


def test_ten_thousand_lines_get_a_clear_error_and_write_nothing(project: Path) -> None:
    before = _tree(project / "data")
    answers = required_answers("instruments", "Een heel lang instrument")
    answers["description"] = "\n".join(f"Regel {n}." for n in range(10_000))
    result = _from_issue(project, "instruments", render("instruments", answers))
    assert result.returncode == 1
    assert "Beschrijving: 'Beschrijving' is te lang" in result.stderr
    garbage = "\n".join(f"### kop {n}\n<b>{n}</b>" for n in range(10_000))
    result = _from_issue(project, "instruments", garbage)
    assert result.returncode == 1
    assert "Titel: Dit veld is verplicht: vul het in." in result.stderr
    assert _tree(project / "data") == before


def test_an_existing_record_is_never_overwritten_by_a_new_form(project: Path) -> None:
    existing = project / "data/glossary/marktmeester.yaml"
    before = existing.read_bytes()
    result = _from_issue(project, "glossary", render("glossary", required_answers("glossary", "Marktmeester")))
    assert result.returncode == 1
    assert "Er is al een begrip met de id 'marktmeester'" in result.stderr
    assert "Wijziging voorstellen" in result.stderr
    assert existing.read_bytes() == before


def test_symbolic_links_are_never_followed(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (project / "data/glossary/link-naar-buiten.yaml").symlink_to(outside / "gevolgd.yaml")
    result = _from_issue(project, "glossary", render("glossary", required_answers("glossary", "Link naar buiten")))
    assert result.returncode == 1
    assert not (outside / "gevolgd.yaml").exists()
    (project / "data/glossary/link-naar-buiten.yaml").unlink()
    folder = project / "data/funds"
    folder.rename(outside / "funds")
    folder.symlink_to(outside / "funds", target_is_directory=True)
    before = _tree(outside)
    result = _from_issue(project, "funds", render("funds", required_answers("funds", "Fonds via een link")))
    assert result.returncode == 1
    assert "geen gewone map" in result.stderr
    assert _tree(outside) == before


def test_a_choice_that_is_not_an_option_is_named(project: Path) -> None:
    body = render("funds", required_answers("funds", "Fonds met een vreemde keuze"))
    body = body.replace("### Soort fonds\n\nInvesteringsfonds", "### Soort fonds\n\nSpaarpot")
    result = _from_issue(project, "funds", body)
    assert result.returncode == 1
    assert "Soort fonds: 'Spaarpot' is geen keuze uit de lijst." in result.stderr


def test_multiple_choices_whose_labels_contain_commas_map_back_exactly() -> None:
    from generator.forms import Option
    from generator.fromissue import choose_many

    options = (Option("Wonen, werken", "a"), Option("Wonen", "b"), Option("werken", "c"), Option("Zorg", "d"))
    assert choose_many("Wonen, werken, Zorg", options) == (["a", "d"], [])
    assert choose_many("Wonen, Zorg, Onbekend", options) == (["b", "d"], ["Onbekend"])
    assert choose_many("wonen\nzorg", options) == (["b", "d"], [])


# -- the change form ------------------------------------------------------------------------------

def _change(project: Path, **answers) -> subprocess.CompletedProcess[str]:
    base = {"collectie": "Instrumenten", "id": "aantrekken-van-kenniswerkers", "toelichting": "Zie het Pact, actie 6."}
    return _from_issue(project, "wijziging", render("wijziging", {**base, **answers}))


def test_the_change_form_rewrites_only_the_field_it_names(project: Path) -> None:
    path = project / "data/instruments/aantrekken-van-kenniswerkers.yaml"
    old = path.read_text(encoding="utf-8")
    result = _change(project, veld="Thema's (themes)", waarde="Economie en werk\nWonen",
                     opties=["Ik heb het hele record gecontroleerd: zet de controledatum op vandaag"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "data/instruments/aantrekken-van-kenniswerkers.yaml"
    new = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(old.splitlines(), new.splitlines(), strict=True) if a != b]
    assert changed[0] == ("themes: [economie]", "themes: [economie, wonen]")
    assert changed[1:] in ([], [(next(line for line in old.splitlines() if line.startswith("last_reviewed:")),
                                 f"last_reviewed: {TODAY}")])
    assert f"\nlast_reviewed: {TODAY}\n" in new
    assert run_generator(project, "validate").returncode == 0


def test_the_change_form_adds_removes_and_refuses(project: Path) -> None:
    path = project / "data/instruments/aantrekken-van-kenniswerkers.yaml"
    result = _change(project, veld="Looptijd (period)", waarde="2017–2021")
    assert result.returncode == 0, result.stderr
    assert _read(path)["period"] == "2017–2021"
    assert _change(project, veld="Looptijd (period)", opties=["Veld weghalen (de nieuwe inhoud blijft dan leeg)"]).returncode == 0
    assert "period" not in _read(path)
    result = _change(project, veld="Samenvatting (summary)", opties=["Veld weghalen (de nieuwe inhoud blijft dan leeg)"])
    assert result.returncode == 1 and "'Samenvatting' is verplicht en kan niet weg" in result.stderr
    result = _change(project, veld="Bronnen (sources)", waarde="pact: 4. Ontwikkelagenda, actie 6\nLaat stad en regio bruisen!: Bijlage")
    assert result.returncode == 0, result.stderr
    assert _read(path)["sources"] == [{"document": "pact", "section": "4. Ontwikkelagenda, actie 6"},
                                      {"document": "laat-stad-en-regio-bruisen", "section": "Bijlage"}]
    result = _change(project, veld="Definitie (definition)", waarde="Iets")
    assert result.returncode == 1 and "Instrumenten heeft geen veld 'definition'" in result.stderr
    result = _change(project, veld="Verwante instrumenten (related_instruments)", waarde="bestaat-niet")
    assert result.returncode == 1 and "Nieuwe inhoud: Onbekende verwijzing 'bestaat-niet'" in result.stderr


@pytest.mark.parametrize("record_id", ["../../../etc/passwd", "bestaat-niet", "..", "pact/../../x"])
def test_the_change_form_only_touches_an_existing_record_of_the_chosen_collection(record_id: str, project: Path) -> None:
    before = _tree(project)
    result = _change(project, id=record_id, veld="Looptijd (period)", waarde="2020")
    assert result.returncode == 1
    assert "Id van het record:" in result.stderr
    assert _tree(project) == before


def test_the_change_form_does_not_follow_a_link(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elders.yaml"
    outside.write_text((project / "data/instruments/aantrekken-van-kenniswerkers.yaml").read_text(encoding="utf-8"))
    (project / "data/instruments/link.yaml").symlink_to(outside)
    result = _change(project, id="link", veld="Looptijd (period)", waarde="2020")
    assert result.returncode == 1
    assert "period" not in _read(outside)


# -- the workflow's step --------------------------------------------------------------------------

def _event(body: str, labels: list[str], number: int = 7, state: str = "open") -> dict:
    return {"action": "opened", "issue": {"number": number, "state": state, "body": body,
                                          "labels": [{"name": name} for name in labels]}}


def test_issue_event_writes_the_record_and_the_texts_for_the_next_jobs(project: Path, tmp_path: Path) -> None:
    event = tmp_path / "event.json"
    body = render("funds", required_answers("funds", "Fonds uit een issue"))
    event.write_text(json.dumps(_event(body, ["formulier", "formulier: fonds"])), encoding="utf-8")
    out = tmp_path / "out"
    output = tmp_path / "github_output"
    result = run_generator(project, "issue-event", str(event), "--out", str(out), "--on", TODAY,
                           env={"GITHUB_OUTPUT": str(output)})
    assert result.returncode == 0, result.stderr
    assert json.loads((out / "result.json").read_text()) == {
        "ok": True, "skipped": False, "number": 7, "path": "data/funds/fonds-uit-een-issue.yaml", "change": False,
        "branch": "formulier/issue-7"}
    assert (out / "record.yaml").read_bytes() == (project / "data/funds/fonds-uit-een-issue.yaml").read_bytes()
    assert "Closes #7" in (out / "pr-body.md").read_text()
    assert (out / "pr-title.txt").read_text() == "Nieuw fonds: fonds-uit-een-issue (formulier #7)\n"
    comment = json.loads((out / "comment.json").read_text())["body"]
    assert comment.startswith("<!-- kennisbank-formulier -->") and "Dank u!" in comment
    assert output.read_text().splitlines() == ["ok=true", "skipped=false", "change=false", "number=7",
                                               "path=data/funds/fonds-uit-een-issue.yaml", "branch=formulier/issue-7"]


def test_issue_event_comments_mistakes_as_escaped_text(project: Path, tmp_path: Path) -> None:
    answers = required_answers("funds", "Fonds met @iedereen")
    answers["manager"] = "<img-src=x>"
    answers["kind"] = "Investeringsfonds"
    event = tmp_path / "event.json"
    event.write_text(json.dumps(_event(render("funds", answers), ["formulier", "formulier: fonds"])), encoding="utf-8")
    result = run_generator(project, "issue-event", str(event), "--out", str(tmp_path / "out"), "--on", TODAY)
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "out/result.json").read_text())["ok"] is False
    comment = json.loads((tmp_path / "out/comment.json").read_text())["body"]
    assert "**Nog niet helemaal goed.**" in comment and "- **Beheerder**:" in comment
    assert "\\<img" in comment and not re.search(r"(?<!\\)<img", comment)
    assert not (tmp_path / "out/record.yaml").exists()
    assert not list((project / "data/funds").glob("fonds-met*"))


@pytest.mark.parametrize(("labels", "state"), [(["bug"], "open"), (["formulier: fonds"], "open"),
                                               (["formulier", "formulier: fonds"], "closed")])
def test_issue_event_skips_issues_that_are_not_open_form_issues(labels: list[str], state: str, project: Path,
                                                                tmp_path: Path) -> None:
    from generator.config import load_settings
    from generator.issueflow import run_event

    body = render("funds", required_answers("funds", "Fonds dat niet telt"))
    result = run_event(load_settings(project, environ={}), _event(body, labels, state=state), tmp_path / "out", TODAY)
    assert result["skipped"] is True and result["ok"] is False
    assert not (tmp_path / "out/comment.json").exists()
    assert not (project / "data/funds/fonds-dat-niet-telt.yaml").exists()


def test_the_escape_keeps_issue_text_inert() -> None:
    from generator.issueflow import escape

    assert escape("@team <b>[x](javascript:y)</b> `code` *vet*") == (
        "@\u200bteam \\<b\\>\\[x\\](javascript:y)\\</b\\> \\`code\\` \\*vet\\*")
    assert os.linesep not in escape("a")


def test_a_local_project_is_registered_through_the_cases_form(project: Path) -> None:
    from issuebody import inputs

    options = {key: e["attributes"].get("options", []) for key, e in inputs("cases").items()}
    answers = required_answers("cases", "Proefproject Binnenstad Zuid")
    answers.update({"kind": next(o for o in options["kind"] if o == "Lokaal project"), "phase": options["phase"][0],
                    "seeks": options["seeks"][:2], "province": options["province"][0], "homes-value": "1.250",
                    "homes-source-document": "Pact voor Waardevolle Kernen", "homes-source-section": "4. Ontwikkelagenda"})
    outcome = _submit(project, "cases", render("cases", answers))
    assert outcome.ok, outcome.messages
    record = _read(project / outcome.path)
    assert record["kind"] == "lokaal-project" and len(record["seeks"]) == 2
    assert record["homes"] == {"value": 1250, "source": {"document": "pact", "section": "4. Ontwikkelagenda"}}
