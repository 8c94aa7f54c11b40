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
    assert text.startswith("data/funds/opkoopfonds.yaml:5:24: Onbekende waarde de tekst 'vastgoet' voor 'Thema's'.")
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


def test_placeholders_are_found_however_the_value_is_written(data_tree) -> None:
    """'VUL IN' left from a skeleton is a warning, also when folded over two lines or escaped."""
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
    found = [(p.path, p.field_path, p.line, p.severity)
             for p in check(data, display_root=data.parent).problems if p.code == "placeholder"]
    assert found == [("data/funds/opkoopfonds.yaml", "summary", 2, "warning"),
                     ("data/glossary/marktmeester.yaml", "sources", 6, "warning")]
