"""Validation: every mistake reported at once, in Dutch, at its file, line and field."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline import check


def problems(data: Path) -> list[str]:
    return [p.text() for p in check(data, display_root=data.parent).problems]


def test_minimal_data_is_valid(data_tree) -> None:
    assert check(data_tree(), display_root=None).ok


def test_unknown_field_reports_line_and_suggestion(data_tree) -> None:
    data = data_tree({"funds/opkoopfonds.yaml": """
        title: Opkoopfonds
        summary: Voorgesteld fonds dat vastgoed opkoopt.
        kind: opkoopfonds
        status: voorgesteld
        themes: [financiering]
        managr: invest-nl
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 2026-11-23
    """})
    assert problems(data) == [
        "data/funds/opkoopfonds.yaml:6:1: Onbekend veld 'managr'. (veld managr) Bedoelde u 'manager'?"
    ]


def test_unknown_theme_reports_line_and_suggestion(data_tree) -> None:
    data = data_tree({"funds/opkoopfonds.yaml": """
        title: Opkoopfonds
        summary: Voorgesteld fonds dat vastgoed opkoopt.
        kind: opkoopfonds
        status: voorgesteld
        themes: [financiering, vastgoet]
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 2026-11-23
    """})
    (text,) = problems(data)
    assert text.startswith("data/funds/opkoopfonds.yaml:5:24: Onbekende waarde 'vastgoet' voor 'Thema's'.")
    assert "Bedoelde u 'vastgoed'?" in text


def test_dangling_reference_names_collection_and_closest_id(data_tree) -> None:
    data = data_tree({"cases/city-deal-tbgo.yaml": """
        title: City Deal TBGO
        summary: Deal over toekomstbestendige gebiedsontwikkeling.
        kind: city-deal
        partners: [invest-n]
        themes: [gebiedsgerichte-aanpak]
        sources:
          - {document: pact, section: "1"}
        last_reviewed: 2026-11-23
    """})
    assert problems(data) == [
        "data/cases/city-deal-tbgo.yaml:4:12: Onbekende verwijzing 'invest-n': er is geen record met die id in partners. "
        "(veld partners[0]) Bedoelde u 'invest-nl'?"
    ]


def test_reference_to_the_wrong_collection_says_what_it_is(data_tree) -> None:
    data = data_tree({"funds/opkoopfonds.yaml": """
        title: Opkoopfonds
        summary: Voorgesteld fonds dat vastgoed opkoopt.
        kind: opkoopfonds
        status: voorgesteld
        manager: marktmeester
        themes: [financiering]
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 2026-11-23
    """})
    (text,) = problems(data)
    assert ":5:10: Onbekende verwijzing 'marktmeester'" in text
    assert "'marktmeester' is een begrip (data/glossary/marktmeester.yaml), geen record uit partners." in text


def test_all_errors_of_a_run_are_reported_sorted(data_tree) -> None:
    data = data_tree({
        "glossary/kapot.yaml": "title: [open\n",
        "glossary/leeg.yaml": "",
        "partners/lijst.yaml": "- a\n- b\n",
        "glossary/zonder.yaml": "title: Zonder velden\n",
    })
    found = problems(data)
    assert [t.split(":")[0] for t in found] == [
        "data/glossary/kapot.yaml",
        "data/glossary/leeg.yaml",
        *["data/glossary/zonder.yaml"] * 5,
        "data/partners/lijst.yaml",
    ]
    assert any("Het verplichte veld 'definition' ontbreekt." in t for t in found)
    assert "bevat een lege waarde" in found[1]
    assert "bevat een lijst" in found[-1]


def test_wrong_types_get_a_fix_hint(data_tree) -> None:
    data = data_tree({"glossary/marktmeester.yaml": """
        title: 2026
        summary: Partij die financiers en projecten bij elkaar brengt.
        definition: Rol die een brug slaat tussen financiers en projecten.
        themes: financiering
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 23-11-2026
    """})
    found = problems(data)
    assert found[0] == ("data/glossary/marktmeester.yaml:1:8: 'Voorkeursterm' moet tekst zijn, maar is het getal 2026. "
                        "(veld title) Zet de waarde tussen aanhalingstekens, bijvoorbeeld: \"2026\".")
    assert "'Thema's' moet een lijst zijn" in found[1] and "begint met '- '" in found[1]
    assert "De datum moet de vorm JJJJ-MM-DD hebben." in found[2]


def test_yaml_1_1_boolean_where_a_boolean_belongs_is_refused(data_tree) -> None:
    data = data_tree({"partners/invest-nl.yaml": """
        title: Invest-NL
        summary: Nationale financieringsinstelling uit de bronnen.
        type: financiele-instelling
        themes: [financiering]
        contacts:
          - {name: Iemand, consent: yes}
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 2026-11-23
    """})
    (text,) = problems(data)
    assert "alleen opgenomen met hun toestemming (consent: true)" in text


def test_javascript_and_data_urls_are_refused(data_tree) -> None:
    data = data_tree({"partners/invest-nl.yaml": """
        title: Invest-NL
        summary: Nationale financieringsinstelling uit de bronnen.
        type: financiele-instelling
        themes: [financiering]
        links:
          - {title: a, url: "javascript:alert(1)"}
          - {title: b, url: "data:text/html,<script>alert(1)</script>"}
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 2026-11-23
    """})
    found = problems(data)
    assert len(found) == 2 and all("moet beginnen met https://" in t for t in found)


def test_titles_that_differ_only_in_case_or_accents_are_duplicates(data_tree) -> None:
    data = data_tree({"glossary/markt-meester.yaml": """
        title: MARKTMEESTÉR
        summary: Dubbel begrip met bijna dezelfde titel.
        definition: Dezelfde rol als de marktmeester, nog een keer.
        themes: [financiering]
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 2026-11-23
    """})
    (text,) = problems(data)
    assert text.startswith("data/glossary/marktmeester.yaml:2:8: Een ander record in begrippen heeft dezelfde titel: "
                           "data/glossary/markt-meester.yaml.")


def test_exit_code_is_1_on_errors_and_0_when_valid(data_tree, tmp_path) -> None:
    from conftest import run_generator

    data = data_tree()
    assert run_generator(tmp_path, "validate", "--data", str(data)).returncode == 0
    (data / "glossary" / "marktmeester.yaml").write_text("title: [\n")
    result = run_generator(tmp_path, "validate", "--data", str(data))
    assert result.returncode == 1
    assert "marktmeester.yaml:2:1: YAML-syntaxfout" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_fast_schema_check_never_passes_what_jsonschema_rejects() -> None:
    """fastjsonschema only decides "valid"; every record it passes must have no jsonschema error."""
    import copy
    import random

    from jsonschema import Draft7Validator

    from generator.config import ROOT
    from generator.load import load
    from generator.schema import Schemas, vocabulary_values_schema
    from generator.validate import _SchemaCheck

    schemas = Schemas()
    loaded = load(ROOT / "data", list(schemas.collections), ROOT)
    values = vocabulary_values_schema(loaded.vocabularies.data)
    rng = random.Random(3)
    odd_values = [None, True, 0, 1.5, "", " ", "x" * 300, [], {}, ["a", "a"], [1], {"a": 1}, "2026-13-01",
                  "javascript:alert(1)", [None], [{"document": "pact"}]]
    tried = rejected = 0
    for collection, records in loaded.records.items():
        schema = schemas.inlined(schemas.collections[collection].schema_file, values)
        fast, full = _SchemaCheck(schema), Draft7Validator(schema)
        for record in records[:40]:
            for _ in range(15):
                data = copy.deepcopy(record.data)
                key = rng.choice([*data, "onbekend_veld"])
                if rng.random() < 0.2 and key in data:
                    del data[key]
                elif isinstance(data.get(key), list) and data[key] and rng.random() < 0.5:
                    data[key][rng.randrange(len(data[key]))] = rng.choice(odd_values)
                else:
                    data[key] = rng.choice(odd_values)
                found = fast(data)
                expected = list(full.iter_errors(data))
                assert bool(found) == bool(expected), (record.path, key, data.get(key))
                tried += 1
                rejected += bool(expected)
    assert tried > 1000 and rejected > tried // 2


def test_placeholders_are_errors_however_the_value_is_written(data_tree) -> None:
    """'VUL IN' left from a skeleton stops the build, also folded over two lines or escaped."""
    data = data_tree({
        "funds/opkoopfonds.yaml": """
            title: Opkoopfonds
            summary: Voorgesteld fonds, VUL
              IN wat het doet.
            kind: opkoopfonds
            status: voorgesteld
            themes: [financiering]
            manager: invest-nl
            sources:
              - {document: pact, section: "4. Ontwikkelagenda, actie 8"}
            last_reviewed: 2026-11-23
        """,
        "glossary/marktmeester.yaml": """
            title: Marktmeester
            summary: Partij die financiers en projecten bij elkaar brengt.
            definition: Rol tussen private financiers en lokale projecten.
            themes: [financiering]
            sources:
              - {document: pact, section: "\\x56UL IN"}
            last_reviewed: 2026-11-23
        """,
    })
    validated = check(data, display_root=data.parent)
    found = [(p.path, p.field_path, p.line, p.severity) for p in validated.problems if p.code == "placeholder"]
    assert found == [("data/funds/opkoopfonds.yaml", "summary", 2, "error"),
                     ("data/glossary/marktmeester.yaml", "sources[0].section", 6, "error")]
    assert not validated.ok


def test_a_placeholder_in_a_choice_field_is_its_only_message(data_tree) -> None:
    """`kind: VUL IN` says the placeholder is left, not also that 'VUL IN' is an unknown kind or id."""
    data = data_tree({"funds/opkoopfonds.yaml": """
        title: Opkoopfonds
        summary: Voorgesteld fonds dat vastgoed opkoopt.
        kind: VUL IN
        status: voorgesteld
        themes: [VUL IN]
        sources:
          - {document: VUL IN, section: "4"}
        last_reviewed: 2026-11-23
    """})
    found = [(p.code, p.field_path) for p in check(data, display_root=data.parent).problems]
    assert found == [("placeholder", "kind"), ("placeholder", "themes[0]"), ("placeholder", "sources[0].document")]


def test_a_broken_file_gives_one_error_not_one_per_record_that_refers_to_it(data_tree) -> None:
    """An unquoted colon in a source's title: its syntax error, then one line counting who refers to it."""
    source = (data_tree() / "sources" / "pact.yaml")
    source.write_text(source.read_text().replace("title: Pact voor Waardevolle Kernen", "title: Pact: Waardevolle Kernen"))
    data = source.parent.parent
    validated = check(data, display_root=data.parent)
    assert [(p.path, p.code, p.severity) for p in validated.problems] == [
        ("data/sources/pact.yaml", "yaml-syntax", "error"),
        ("data/sources/pact.yaml", "referenced-by", "note"),
    ]
    citing = sum("document: pact" in f.read_text() for f in data.glob("*/*.yaml"))
    assert validated.problems[1].message.startswith(f"{citing} records verwijzen naar dit record")


def test_an_unknown_id_without_a_close_match_says_so_and_how_to_add_it(data_tree) -> None:
    data = data_tree({"cases/city-deal-tbgo.yaml": """
        title: City Deal TBGO
        summary: Deal over toekomstbestendige gebiedsontwikkeling.
        kind: city-deal
        partners: [gemeente-testdorp]
        themes: [gebiedsgerichte-aanpak]
        sources:
          - {document: pact, section: "1"}
        last_reviewed: 2026-11-23
    """, "partners/gemeente-westland.yaml": (data_tree() / "partners" / "invest-nl.yaml").read_text()
        .replace("title: Invest-NL", "title: Gemeente Westland")})
    (problem,) = [p for p in check(data, display_root=data.parent).problems if p.code == "unknown-reference"]
    assert "Bedoelde u" not in problem.hint
    assert "Er bestaat geen record data/partners/gemeente-testdorp.yaml" in problem.hint
    assert "voeg het record eerst toe: met het formulier 'Partner toevoegen' of met make new COLLECTIE=partners" in problem.hint


def test_suggestions_only_for_a_few_typing_slips() -> None:
    from generator.problems import suggest

    ids = ["gemeente-westland", "gemeente-amsterdam", "invest-nl", "vastgoed"]
    assert suggest("gemeente-testdorp", ids) == ""
    assert suggest("gemeente-amsterdm", ids) == "Bedoelde u 'gemeente-amsterdam'?"
    assert suggest("vastgeod", ids) == "Bedoelde u 'vastgoed'?"  # two letters swapped
    assert suggest("Invest-NL", ids) == "Bedoelde u 'invest-nl'?"
    assert suggest("wonen", ids) == ""


def test_syntax_errors_are_explained_in_dutch_without_pyyaml_s_english(data_tree) -> None:
    broken = {
        "colon": "title: Pact: Waardevolle Kernen\n",
        "token": "title: @handle\n",
        "quote": 'title: "Open\nsummary: x\n',
        "indent": "title: a\nthemes:\n  - a\n - b\n",
        "flow": "title: a\nthemes: [a, b\n",
        "documents": "title: a\n---\ntitle: b\n",
        "escape": 'title: "a\\qb"\n',
        "control": "title: a\x07b\n",
        "alias": "title: *x\n",
        "tag": "title: !<x y\n",
        "block": "title: |0\n  x\n",
    }
    data = data_tree({f"glossary/{name}.yaml": body for name, body in broken.items()})
    english = ("found", "expected", "allowed", "could not", "character", "while ", "stream", "token")
    messages = {p.path.rsplit("/", 1)[1][:-5]: p for p in check(data, display_root=data.parent).problems
                if p.code == "yaml-syntax"}
    assert set(messages) == set(broken)
    for name, problem in messages.items():
        text = f"{problem.message} {problem.hint}"
        assert not [word for word in english if word in text], (name, text)
    assert (messages["control"].line, messages["control"].column) == (1, 9)
    assert (messages["quote"].line, messages["quote"].column) == (1, 8)  # where the quote opens


def test_a_tab_in_the_indentation_is_named_wherever_it_is(data_tree) -> None:
    tabbed = {
        "before-key": "title: a\n\tsummary: b\n",
        "before-dash": "title: a\nthemes:\n\t- a\n",
        "after-dash": "title: a\nthemes:\n  -\ta\n",
        "in-list-item": "title: a\nsources:\n  - document: pact\n  \tsection: b\n",
        "in-text-block": "title: a\ndescription: |\n  a\n\tb\n",
    }
    data = data_tree({f"glossary/{name}.yaml": body for name, body in tabbed.items()})
    found = {p.path.rsplit("/", 1)[1][:-5]: p for p in check(data, display_root=data.parent).problems
             if p.path.rsplit("/", 1)[1][:-5] in tabbed}
    assert {name: (p.code, p.line) for name, p in found.items()} == {
        "before-key": ("yaml-tab", 2), "before-dash": ("yaml-tab", 3), "after-dash": ("yaml-tab", 3),
        "in-list-item": ("yaml-tab", 4), "in-text-block": ("yaml-tab", 4)}
    assert found["after-dash"].column == 4
    assert found["before-key"].message == "Regel 2 springt in met een tab."
