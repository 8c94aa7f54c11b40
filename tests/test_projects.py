"""Local projects (Pact actions 9 and 10): the case kind, its fields, and Projecten en mandjes."""

from __future__ import annotations

from pathlib import Path

import pytest
from projectdata import projects_data

from generator.config import load_settings
from generator.pipeline import generate
from generator.quantities import amount, compact

NBSP = "\u00a0"


def generated(data: Path, tmp_path: Path):
    result = generate(load_settings(tmp_path), data)
    assert result.validated.ok, [p.text() for p in result.problems]
    return result


def problems(data: Path, tmp_path: Path) -> list[str]:
    result = generate(load_settings(tmp_path), data)
    return [p.text() for p in result.problems]


@pytest.fixture
def fixture(tmp_path: Path):
    return generated(projects_data(tmp_path / "in"), tmp_path)


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


# -- figures in Dutch ---------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "unit", "full", "short"), [
    (1_250_000, "euro", "€ 1.250.000", "€ 1,25 mln"),
    (2_500_000, "euro", "€ 2.500.000", "€ 2,5 mln"),
    (3_000_000, "euro", "€ 3.000.000", "€ 3 mln"),
    (1_005_000, "euro", "€ 1.005.000", "€ 1,01 mln"),  # half up, in the browser script too
    (999_999, "euro", "€ 999.999", "€ 999.999"),
    (2_400_000_000, "euro", "€ 2.400.000.000", "€ 2,4 mld"),
    (1, "woningen", "1 woning", "1 woning"),
    (120, "woningen", "120 woningen", "120 woningen"),
    (3_400, "m2", "3.400 m²", "3.400 m²"),
])
def test_figures_are_written_the_dutch_way(number: int, unit: str, full: str, short: str) -> None:
    assert plain(amount(number, unit)) == full
    assert plain(compact(number, unit)) == short


# -- the record ---------------------------------------------------------------------------------


def test_a_local_project_page_shows_its_facts_with_units_and_sources(fixture) -> None:
    raw = fixture.pages["praktijkvoorbeelden/stationskwartier-arnhem.md"]
    assert f"€{NBSP}1.250.000" in raw and f"3.400{NBSP}m²" in raw  # a figure never breaks from its unit
    page = plain(raw)
    assert "<dt data-pagefind-ignore>Fase</dt><dd>Planvorming</dd>" in page
    assert "<dt data-pagefind-ignore>Zoekt</dt><dd>Financiering, Partners</dd>" in page
    assert "<dt data-pagefind-ignore>Provincie</dt><dd>Gelderland</dd>" in page
    assert "<dd>Arnhem</dd>" in page
    assert ('<dt data-pagefind-ignore>Investering</dt><dd>€ 1.250.000 <span class="kb-cited">(bron: '
            '<a href="https://www.voorbeeld.nl/raadsvoorstel" rel="noopener noreferrer">Raadsvoorstel (verzonnen)</a>)') in page
    assert ('<dd>120 woningen <span class="kb-cited">(bron: <a href="../../bronnen/pact/">Pact voor Waardevolle Kernen</a>, '
            '4, actie 9)</span></dd>') in page
    assert "<dt data-pagefind-ignore>Vloeroppervlak</dt><dd>3.400 m² " in page
    assert "## Contactpersonen" in page and "a.devries@voorbeeld.nl" in page
    assert "Praktijkvoorbeeld · Lokaal project" in page

def test_the_source_of_a_figure_is_listed_with_its_section_among_the_sources(fixture) -> None:
    page = fixture.pages["praktijkvoorbeelden/binnenstad-zutphen.md"]
    assert "- [Pact voor Waardevolle Kernen](../bronnen/pact.md): 4, actie 10; 4, actie 9" in page


def test_project_fields_are_refused_on_another_kind_of_case(data_tree, tmp_path) -> None:
    data = data_tree({"cases/pilot.yaml": """
        title: Een pilot
        summary: Een pilot die velden van een lokaal project invult.
        kind: pilot
        phase: planvorming
        province: gelderland
        homes: {value: 10, source: {document: pact, section: "4"}}
        themes: [wonen]
        sources: [{document: pact, section: "4"}]
        last_reviewed: 2026-11-23
    """})
    found = problems(data, tmp_path)
    for label, line in (("Fase", 4), ("Provincie", 5), ("Woningen", 6)):
        assert any(f"pilot.yaml:{line}:" in p and f"'{label}' hoort alleen bij records met kind: lokaal-project" in p
                   for p in found), found
    assert len(found) == 3, found


def test_a_local_project_needs_its_phase_and_province(data_tree, tmp_path) -> None:
    data = data_tree({"cases/project.yaml": """
        title: Een project
        summary: Een lokaal project zonder fase en provincie.
        kind: lokaal-project
        themes: [wonen]
        sources: [{document: pact, section: "4"}]
        last_reviewed: 2026-11-23
    """})
    found = problems(data, tmp_path)
    assert any("Het verplichte veld 'phase' ontbreekt" in p for p in found), found
    assert any("Het verplichte veld 'province' ontbreekt" in p for p in found), found


def test_a_figure_is_a_whole_number_with_a_complete_source(data_tree, tmp_path) -> None:
    data = data_tree({"cases/project.yaml": """
        title: Een project
        summary: Een lokaal project met getallen die niet kloppen.
        kind: lokaal-project
        phase: verkenning
        province: limburg
        investment: {value: "1.250.000", source: {document: pact, section: "4"}}
        homes: {value: -3, source: {document: pact}}
        floor_area: {value: 100, source: {title: Een plan}}
        themes: [wonen]
        sources: [{document: pact, section: "4"}]
        last_reviewed: 2026-11-23
    """})
    found = problems(data, tmp_path)
    assert any("'Investering' moet een geheel getal zijn, maar is de tekst '1.250.000'" in p
               and "zonder punten" in p for p in found), found
    assert any("'Woningen' moet 0 of meer zijn" in p for p in found), found
    assert any("'section' ontbreekt" in p and "homes.source.section" in p for p in found), found
    assert any("'url' ontbreekt" in p and "floor_area.source.url" in p for p in found), found


def test_a_contact_of_a_project_needs_consent(data_tree, tmp_path) -> None:
    data = data_tree({"cases/project.yaml": """
        title: Een project
        summary: Een lokaal project met een contactpersoon zonder toestemming.
        kind: lokaal-project
        phase: verkenning
        province: limburg
        contacts: [{name: Iemand Zonder Toestemming, consent: false}]
        themes: [wonen]
        sources: [{document: pact, section: "4"}]
        last_reviewed: 2026-11-23
    """})
    assert any("toestemming (consent: true)" in p for p in problems(data, tmp_path))
