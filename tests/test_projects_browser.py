"""Projecten en mandjes in a real browser, on the fixture of local projects: filters, totals, no JS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from projectdata import projects_data

from generator.config import load_settings
from generator.pipeline import generate
from generator.projects import ProjectsView, projects_view, totals

from conftest import project_copy, run_generator, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def project_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture of local projects built into a site once for this module."""
    root = project_copy(tmp_path_factory.mktemp("projects"), projects_data(tmp_path_factory.mktemp("projects-data")))
    result = run_generator(root, "site")
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def view(project_root: Path) -> ProjectsView:
    result = generate(load_settings(project_root))
    assert result.model is not None
    return projects_view(result.model)


@pytest.fixture(scope="module")
def site_url(project_root: Path) -> Iterator[str]:
    with served(project_root / "site") as url:
        yield url + "projecten/"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def shown_groups(page) -> dict[str, dict[str, str]]:
    """Each visible group: its count and totals as the reader sees them, and its projects."""
    return page.evaluate("""() => {
      const out = {};
      for (const group of document.querySelectorAll("[data-kb-group]")) {
        if (group.hidden) continue;
        const texts = {count: group.querySelector("[data-kb-count]").textContent};
        for (const cell of group.querySelectorAll("[data-kb-total]")) texts[cell.dataset.kbTotal] = cell.textContent;
        texts.projects = [...group.querySelectorAll("[data-kb-list] > li:not([hidden])")].map(li => li.dataset.kbId).join(" ");
        out[group.dataset.kbGroup] = texts;
      }
      return out;
    }""")


def expected_groups(view: ProjectsView, keep) -> dict[str, dict[str, str]]:
    """What the generator writes for the projects ``keep`` accepts: the script must say the same."""
    chosen = [p for p in view.projects if keep(p.record.fields)]

    def texts(projects) -> dict[str, str]:
        out = {"count": f"{len(projects)} project" + ("" if len(projects) == 1 else "en")}
        out.update({t.measure.field: t.text() for t in totals(projects, view.measures)})
        return out

    found = {"alle": {**texts(chosen), "projects": ""}}
    for grouping, _heading, groups in view.groupings():
        for group in groups:
            members = [p for p in group.projects if p in chosen]
            if members:
                found[f"{grouping}-{group.id}"] = {**texts(members), "projects": " ".join(p.record.id for p in members)}
    return found


def test_a_filter_on_phase_narrows_every_group_and_its_totals(page, site_url: str, view: ProjectsView) -> None:
    page.goto(site_url)
    assert shown_groups(page) == expected_groups(view, lambda f: True)
    page.locator("input[name=phase][value=planvorming]").check()
    expected = expected_groups(view, lambda f: f["phase"] == "planvorming")
    assert shown_groups(page) == expected
    assert "provincie-noord-brabant" not in expected  # a group without projects left is hidden
    assert expected["alle"]["investment"] == "€\u00a01,25\u00a0mln bekend voor 1 van 2 projecten; 1 onbekend"
    assert page.locator(".kb-facets__status").text_content() == "2 van 5 getoond"
    assert "phase=planvorming" in page.url
    page.reload()
    assert shown_groups(page) == expected


def test_filters_on_phase_and_on_what_is_sought_combine(page, site_url: str, view: ProjectsView) -> None:
    page.goto(site_url + "?seeks=financiering")
    assert shown_groups(page) == expected_groups(view, lambda f: "financiering" in f.get("seeks", []))
    page.locator("input[name=phase][value=planvorming]").check()
    expected = expected_groups(view, lambda f: f["phase"] == "planvorming" and "financiering" in f.get("seeks", []))
    assert shown_groups(page) == expected
    assert expected["provincie-gelderland"]["projects"] == "stationskwartier-arnhem"
    # The counts beside the boxes say what each choice would give, each project counted once.
    assert page.locator("input[name=phase][value=financiering] + .kb-count, "
                        "label:has(input[name=phase][value=financiering]) .kb-count").first.text_content() == "(1)"
    page.locator("button[type=reset]").click()
    page.wait_for_function("!location.search")
    assert shown_groups(page) == expected_groups(view, lambda f: True)


def test_without_javascript_the_page_is_complete_and_the_useless_form_hidden(browser, site_url: str, view: ProjectsView) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + "?phase=uitvoering")
    assert not page.locator("form[data-kb-facets]").is_visible()
    assert shown_groups(page) == expected_groups(view, lambda f: True)
    assert page.locator("#provincie-noord-brabant").is_visible()
    context.close()


@pytest.mark.parametrize("path", ["", "../praktijkvoorbeelden/stationskwartier-arnhem/"])
def test_axe_finds_no_serious_or_critical_violation(page, site_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_no_horizontal_scrolling_on_a_phone(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site_url)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375
