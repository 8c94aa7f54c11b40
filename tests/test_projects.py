"""Local projects (Pact actions 9 and 10): the case kind, its fields, and Projecten en mandjes."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from projectdata import projects_data

from generator.config import load_settings
from generator.pipeline import generate
from generator.projects import projects_view
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
    assert "[Projecten en mandjes](../projecten/index.md)" in page
    other = fixture.pages["praktijkvoorbeelden/city-deal-tbgo.md"]
    assert "Projecten en mandjes" not in other

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


# -- Projecten en mandjes -----------------------------------------------------------------------


def test_projects_are_grouped_counted_and_summed_with_unknown_as_unknown(fixture) -> None:
    view = projects_view(fixture.model)
    assert [p.record.id for p in view.projects] == [
        "binnenstad-zutphen", "centrum-tilburg", "kern-venlo", "stationskwartier-arnhem", "winkelstraat-helmond"]

    def described(groups):
        return {g.id: (len(g.projects), [plain(t.text()) for t in g.totals]) for g in groups}

    assert [plain(t.text()) for t in view.totals] == [
        "€ 3,4 mln bekend voor 3 van 5 projecten; 2 onbekend",
        "160 woningen bekend voor 2 van 5 projecten; 3 onbekend",
        "5.400 m² bekend voor 2 van 5 projecten; 3 onbekend",
    ]
    assert described(view.by_theme) == {  # in the order of the themes vocabulary
        "vastgoed": (2, ["€ 2,1 mln bekend voor 2 van 2 projecten", "120 woningen bekend voor 1 van 2 projecten; 1 onbekend",
                         "5.400 m² bekend voor 2 van 2 projecten"]),
        "invulling-en-branchering": (1, ["onbekend", "40 woningen", "onbekend"]),
        "wonen": (3, ["€ 2,55 mln bekend voor 2 van 3 projecten; 1 onbekend",
                      "120 woningen bekend voor 1 van 3 projecten; 2 onbekend",
                      "3.400 m² bekend voor 1 van 3 projecten; 2 onbekend"]),
    }
    assert list(described(view.by_theme)) == ["vastgoed", "invulling-en-branchering", "wonen"]
    assert described(view.by_province) == {
        "gelderland": (2, ["€ 2,55 mln bekend voor 2 van 2 projecten", "120 woningen bekend voor 1 van 2 projecten; 1 onbekend",
                           "3.400 m² bekend voor 1 van 2 projecten; 1 onbekend"]),
        "noord-brabant": (2, ["€ 850.000 bekend voor 1 van 2 projecten; 1 onbekend", "onbekend voor beide projecten",
                              "2.000 m² bekend voor 1 van 2 projecten; 1 onbekend"]),
        "limburg": (1, ["onbekend", "40 woningen", "onbekend"]),
    }
    assert [(o.id, o.count) for o in view.phases] == [("verkenning", 1), ("planvorming", 2), ("financiering", 1), ("uitvoering", 1)]
    assert [(o.id, o.count) for o in view.needs] == [("financiering", 2), ("partners", 2), ("kennis", 1)]


def test_the_page_groups_the_projects_and_offers_filters_and_downloads(fixture) -> None:
    raw = fixture.pages["projecten/index.md"]
    assert f"€{NBSP}2,55{NBSP}mln bekend" in raw and f"€{NBSP}1.250.000</span>" in raw
    page = plain(raw)
    assert "# Projecten en mandjes" in page
    assert "city-deal-tbgo" not in page  # a case of another kind is no local project
    per_theme, per_province = page.index("## Per thema"), page.index("## Per provincie")
    assert per_theme < page.index('<h3 id="thema-wonen">Wonen</h3>') < per_province < page.index('<h3 id="provincie-limburg">Limburg</h3>')
    wonen = page[page.index('data-kb-group="thema-wonen"'):page.index("</section>", page.index('data-kb-group="thema-wonen"'))]
    assert wonen.count("<li ") == 3
    assert '<dd data-kb-total="investment" data-unit="euro">€ 2,55 mln bekend voor 2 van 3 projecten; 1 onbekend</dd>' in wonen
    assert "<dd data-kb-count>3 projecten</dd>" in wonen
    # What the filters and the browser script read: phase, what is sought, and only stated figures.
    assert ('<li data-kb-id="centrum-tilburg" data-phase="verkenning" data-seeks="kennis">') in wonen
    assert ('<li data-kb-id="stationskwartier-arnhem" data-phase="planvorming" data-seeks="financiering partners" '
            'data-investment="1250000" data-homes="120" data-floor_area="3400">') in wonen
    assert '<span class="kb-list__label">Woningen:</span> onbekend' in wonen
    assert '<form class="kb-facets" data-kb-facets hidden' in page  # shown by the script, useless without it
    assert '<input type="checkbox" name="phase" value="planvorming"> Planvorming <span class="kb-count">(2)</span>' in page
    assert '<input type="checkbox" name="seeks" value="kennis"> Kennis <span class="kb-count">(1)</span>' in page
    assert "(../open-data/projecten.csv)" in page and "(../open-data/projecten-per-groep.csv)" in page
    assert "kb_projects: true" in page  # loads projects.js
    assert "€ 0" not in page and " 0 woningen" not in page and " 0 m²" not in page
    assert "[Pact voor Waardevolle Kernen](../bronnen/pact.md)" in page
    assert "[actie 10](../instrumenten/pact-actie-10-marktmeester.md)" in page
    assert "Nog geen projecten" not in page


def test_without_projects_the_page_says_so_and_how_to_register_one(data_tree, tmp_path) -> None:
    page = generated(data_tree(), tmp_path).pages["projecten/index.md"]
    assert "Er zijn nog geen lokale projecten aangemeld." in page
    assert "Hier komen de lokale gebiedsprojecten" in page and "hebben aangemeld" not in page
    assert "## Een project aanmelden" in page and "[Bijdragen](../bijdragen.md)" in page
    assert "Per thema" not in page and "data-kb-facets" not in page


def test_the_form_and_guide_links_appear_when_the_repository_is_known(data_tree, tmp_path) -> None:
    (tmp_path / "kennisbank.yaml").write_text('repo_url: "https://github.com/voorbeeld/kennisbank"\nedit_branch: main\n',
                                              encoding="utf-8")
    page = generated(data_tree(), tmp_path).pages["projecten/index.md"]
    assert '<a href="https://github.com/voorbeeld/kennisbank/issues/new?template=cases.yml">' in page
    assert "/blob/main/CONTRIBUTING.md#een-lokaal-project-aanmelden" in page


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_project_csv_has_a_row_per_project_with_figures_sources_and_consented_contacts(fixture) -> None:
    found = {row["id"]: row for row in rows(fixture.pages["open-data/projecten.csv"])}
    assert sorted(found) == ["binnenstad-zutphen", "centrum-tilburg", "kern-venlo", "stationskwartier-arnhem",
                             "winkelstraat-helmond"]
    arnhem = found["stationskwartier-arnhem"]
    assert arnhem["title"] == "Stationskwartier Arnhem (testproject)"
    assert arnhem["url"] == "praktijkvoorbeelden/stationskwartier-arnhem/"
    assert (arnhem["places"], arnhem["province"], arnhem["phase"], arnhem["seeks"]) == (
        "Arnhem", "Gelderland", "Planvorming", "Financiering | Partners")
    assert arnhem["themes"] == "Wonen | Vastgoed en transformatie"
    assert (arnhem["investment"], arnhem["homes"], arnhem["floor_area"]) == ("1250000", "120", "3400")
    assert arnhem["investment_source"] == "Raadsvoorstel (verzonnen) <https://www.voorbeeld.nl/raadsvoorstel>"
    assert arnhem["homes_source"] == "Pact voor Waardevolle Kernen, 4, actie 9"
    assert arnhem["contacts"] == "A. de Vries (Projectleider) <a.devries@voorbeeld.nl>"
    tilburg = found["centrum-tilburg"]
    assert (tilburg["investment"], tilburg["homes"], tilburg["floor_area"], tilburg["contacts"]) == ("", "", "", "")


def test_the_group_csv_is_the_page_in_numbers_with_unknown_left_empty(fixture) -> None:
    found = {(row["grouping"], row["group"]): row for row in rows(fixture.pages["open-data/projecten-per-groep.csv"])}
    assert next(iter(found)) == ("alle", "Alle lokale projecten")
    everything = found[("alle", "Alle lokale projecten")]
    assert (everything["projects"], everything["investment_sum"], everything["investment_known"],
            everything["investment_unknown"]) == ("5", "3400000", "3", "2")
    brabant = found[("provincie", "Noord-Brabant")]
    assert (brabant["projects"], brabant["homes_sum"], brabant["homes_known"], brabant["homes_unknown"]) == ("2", "", "0", "2")
    assert found[("thema", "Wonen")]["investment_sum"] == "2550000"
    assert len(found) == 1 + 3 + 3


def test_the_open_data_page_lists_the_project_downloads(fixture) -> None:
    page = fixture.pages["open-data/index.md"].decode("utf-8")
    assert "| 5 | [projecten.csv](projecten.csv) (CSV), [projecten-per-groep.csv](projecten-per-groep.csv) (CSV," in page
    assert "nooit 0" in page
