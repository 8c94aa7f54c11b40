"""The wegwijzer and Vergelijken in a real browser, on the real data.

What a result should hold is worked out here from the data (records, their themes, levels and
kinds, and the help kinds' ``covers`` in data/vocabularies.yaml), not from the generator's own
data files, so a wrong mapping in the generator or in the page's script shows as a difference.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.config import load_settings
from generator.model import Model
from generator.pipeline import generate

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KIND_LISTS = {"instruments": "instrument_kinds", "funds": "fund_kinds"}


@pytest.fixture(scope="module")
def model(built_site: Path) -> Model:
    result = generate(load_settings(built_site.parent))
    assert result.model is not None
    return result.model


def expected(model: Model, theme: str = "", level: str = "", help_kind: str = "") -> set[str]:
    """The record pages (site paths) that fit the answers; an empty answer fits everything."""
    covers = model.vocabularies["help_kinds"][help_kind].covers if help_kind else {}
    found = set()
    for collection, kinds in KIND_LISTS.items():
        for record in model.current(collection):
            fields = record.fields
            if theme and theme not in fields.get("themes", []):
                continue
            if level and level not in fields.get("levels", []):
                continue
            if help_kind and fields["kind"] not in covers.get(kinds, ()):
                continue
            found.add("/" + model.addresses.url(record))
    return found


def answer(page, question: str, label: str) -> None:
    """Pick an answer the way a reader does: the question is the heading, the answer a radio button."""
    assert page.locator("h1:visible").inner_text() == question
    page.locator("[data-kb-step]:visible").get_by_label(label, exact=False).first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende").click()


def result_paths(page) -> set[str]:
    page.wait_for_selector("[data-kb-count]:not(:empty)")
    return {resolved(page, a.get_attribute("href") or "") for a in page.locator(".kb-wizard__results a").element_handles()}


def resolved(page, href: str) -> str:
    return urlsplit(page.evaluate("h => new URL(h, location.href).href", href)).path


def test_the_wegwijzer_asks_one_question_at_a_time_and_its_answers_lead_to_their_results(page, base_url: str, model: Model) -> None:
    themes, levels, helps = (model.vocabularies[name] for name in ("themes", "levels", "help_kinds"))
    theme = max(themes, key=lambda t: len(expected(model, t)))  # a theme with many records, so the test is not trivial
    page.goto(base_url + "wegwijzer/")
    answer(page, "Aan welke opgave werkt u?", themes[theme].label)
    assert parse_qs(urlsplit(page.url).query) == {"thema": [theme]}
    level = max(levels, key=lambda lv: len(expected(model, theme, lv)))
    answer(page, "Op welke bestuurslaag werkt u?", levels[level].label)
    help_kind = max(helps, key=lambda h: len(expected(model, theme, level, h)))
    answer(page, "Wat voor hulp zoekt u?", helps[help_kind].label)
    assert parse_qs(urlsplit(page.url).query) == {"thema": [theme], "bestuurslaag": [level], "hulp": [help_kind]}
    want = expected(model, theme, level, help_kind)
    assert want and result_paths(page) == want
    assert page.locator("[data-kb-count]").inner_text().startswith(f"{len(want)} ")
    answers = page.locator(".kb-wizard__answers dd")
    assert [answers.nth(i).inner_text().split(" Wijzigen")[0] for i in range(3)] == [
        themes[theme].label, levels[level].label, helps[help_kind].label]
    # The overview link filters the overview to the same records.
    overview = page.locator("[data-kb-results] a", has_text="in het overzicht").first
    overview.click()
    page.wait_for_function("document.readyState !== 'loading'"
                           " && / getoond/.test(document.querySelector('.kb-facets__status').textContent)")
    shown = {resolved(page, a.get_attribute("href") or "")
             for a in page.locator("[data-kb-list] > li:not([hidden]) > a").element_handles()}
    assert shown == {p for p in want if p.startswith(urlsplit(page.url).path)}
    # The browser's back button goes back one question at a time.
    page.go_back()
    page.wait_for_selector("[data-kb-count]:not(:empty)")
    page.go_back()
    assert page.locator("h1:visible").inner_text() == "Wat voor hulp zoekt u?"
    page.go_back()
    assert page.locator("h1:visible").inner_text() == "Op welke bestuurslaag werkt u?"
    assert parse_qs(urlsplit(page.url).query) == {"thema": [theme]}


def test_wijzigen_asks_again_with_the_answer_chosen_and_volgende_returns_to_the_results(page, base_url: str, model: Model) -> None:
    themes = model.vocabularies["themes"]
    page.goto(base_url + "wegwijzer/?thema=wonen&bestuurslaag=&hulp=geld")
    page.wait_for_selector("[data-kb-count]:not(:empty)")
    with page.expect_navigation():
        page.locator(".kb-wizard__answers dd a", has_text="Wijzigen").first.click()
    assert page.locator("h1:visible").inner_text() == "Aan welke opgave werkt u?"
    assert page.locator("[data-kb-step]:visible input[type=radio]:checked").get_attribute("value") == "wonen"
    assert page.locator("[data-kb-step]:visible [data-kb-back]").inner_text() == "Terug naar de uitkomst"
    answer(page, "Aan welke opgave werkt u?", themes["financiering"].label)
    assert parse_qs(urlsplit(page.url).query, keep_blank_values=True) == {
        "thema": ["financiering"], "bestuurslaag": [""], "hulp": ["geld"]}
    assert result_paths(page) == expected(model, "financiering", "", "geld")


def test_a_shared_wegwijzer_address_opens_the_result_and_an_unknown_answer_is_asked_again(page, base_url: str, model: Model) -> None:
    page.goto(base_url + "wegwijzer/?thema=wonen&bestuurslaag=&hulp=")
    assert result_paths(page) == expected(model, "wonen")
    page.goto(base_url + "wegwijzer/?thema=wonen&bestuurslaag=<img src=x onerror=alert(1)>&hulp=geld")
    assert page.locator("h1:visible").inner_text() == "Op welke bestuurslaag werkt u?"
    assert page.locator("img[src=x]").count() == 0


def test_without_an_answer_volgende_says_what_to_do(page, base_url: str) -> None:
    page.goto(base_url + "wegwijzer/")
    page.get_by_role("button", name="Volgende").click()
    error = page.locator("[data-kb-error]:visible")
    assert "Kies een antwoord" in error.inner_text()
    assert page.evaluate("document.activeElement.hasAttribute('data-kb-error')")
    assert urlsplit(page.url).query == ""


def test_when_nothing_fits_an_answer_can_be_loosened(page, base_url: str, model: Model) -> None:
    empty = next((t, lv, h) for t in model.vocabularies["themes"] for lv in model.vocabularies["levels"]
                 for h in model.vocabularies["help_kinds"] if not expected(model, t, lv, h) and expected(model, t, lv))
    page.goto(base_url + f"wegwijzer/?thema={empty[0]}&bestuurslaag={empty[1]}&hulp={empty[2]}")
    assert result_paths(page) == set()
    assert "Er past geen instrument of fonds" in page.locator("[data-kb-count]").inner_text()
    loosen = page.locator("[data-kb-loosen] a", has_text=model.vocabularies["help_kinds"][empty[2]].label)
    assert loosen.is_visible()
    loosen.click()
    assert result_paths(page) == expected(model, empty[0], empty[1])


def test_without_javascript_every_answer_links_to_its_records(browser, base_url: str, model: Model) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "wegwijzer/")
        assert page.locator("[data-kb-step]:visible").count() == 0
        links = page.locator(".kb-wizard__links a")
        assert links.count() == sum(len(model.vocabularies[v]) for v in ("themes", "levels", "help_kinds"))
        for question, label, value in [("thema", "Wonen", "wonen"), ("hulp", "Geld", "geld")]:
            page.goto(base_url + "wegwijzer/")
            page.locator(".kb-wizard__links a", has_text=label).first.click()
            assert urlsplit(page.url).path == f"/wegwijzer/{question}/{value}/"
            listed = {resolved(page, a.get_attribute("href") or "") for a in page.locator(".kb-relations li a").element_handles()}
            assert listed == expected(model, **{"theme" if question == "thema" else "help_kind": value})
    finally:
        context.close()


def test_a_comparison_opened_from_its_address_shows_the_records_fields_and_only_the_differences(page, base_url: str, model: Model) -> None:
    funds = [r for r in model.current("funds") if r.fields.get("levels") == ["nationaal"]]
    first, second = funds[0], next(r for r in funds[1:] if r.fields["status"] != funds[0].fields["status"])
    page.goto(base_url + f"vergelijken/?ids={first.id},{second.id}")
    table = page.locator("table.kb-compare__table")
    table.wait_for()
    headers = table.locator("thead th a:not(.kb-compare__remove)")
    assert [headers.nth(i).inner_text() for i in range(headers.count())] == [first.title, second.title]
    def row(label: str):
        return table.locator("tbody tr", has=page.locator(f"th:text-is('{label}')"))
    status = row("Status").locator("td")
    assert [status.nth(i).inner_text() for i in range(2)] == [
        model.vocab_label("statuses", r.fields["status"]) for r in (first, second)]
    assert row("Samenvatting").locator("td").first.inner_text() == " ".join(first.summary.split())
    assert row("Bestuurslagen").is_visible()
    page.get_by_label("Alleen verschillen").check()
    assert not row("Bestuurslagen").is_visible()  # both are national
    assert row("Status").is_visible()
    page.get_by_label("Alleen verschillen").uncheck()
    assert row("Bestuurslagen").is_visible()
    # Printed: every row and column, without the controls.
    page.emulate_media(media="print")
    assert not page.locator("[data-kb-tools]").is_visible()
    assert table.locator("thead th").nth(2).is_visible()


def test_hostile_or_unknown_ids_are_named_and_skipped_and_never_fetched(page, base_url: str) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base_url + f"vergelijken/?ids=invest-nl,{hostile},bestaat-niet,../../csp.txt,opkoopfonds,invest-nl")
    page.locator("table.kb-compare__table").wait_for()
    message = page.locator("[data-kb-messages]").inner_text()
    assert hostile in message and "bestaat-niet" in message and "../../csp.txt" in message
    assert page.locator("table.kb-compare__table thead th").count() == 3  # Kenmerk + the two known records, once each
    assert page.locator("img[src=x]").count() == 0 and dialogs == []
    fetched = [u for u in page.requested if "/vergelijken/gegevens/" in u]
    assert sorted(urlsplit(u).path.rsplit("/", 1)[-1] for u in fetched) == ["bestaat-niet.json", "invest-nl.json", "opkoopfonds.json"]


def test_records_are_added_to_the_comparison_from_their_page_and_from_an_overview(page, base_url: str) -> None:
    page.goto(base_url + "fondsen/invest-nl/")
    page.locator(".kb-compare-control button", has_text="Vergelijk").click()
    assert page.locator(".kb-compare-control button").get_attribute("aria-pressed") == "true"
    page.goto(base_url + "instrumenten/")
    row = page.locator("[data-kb-list] > li").first
    row_id = urlsplit(row.locator("a").first.get_attribute("href") or "").path.rstrip("/").rsplit("/", 1)[-1]
    row.get_by_role("button", name="Vergelijk").click()
    link = page.locator(".kb-compare-bar a")
    assert "(2 gekozen)" in link.inner_text()
    link.click()
    assert parse_qs(urlsplit(page.url).query) == {"ids": [f"invest-nl,{row_id}"]}
    page.locator("table.kb-compare__table").wait_for()
    assert page.locator("table.kb-compare__table thead th").count() == 3


def test_without_javascript_the_comparison_says_it_needs_javascript_and_links_the_overviews(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + "vergelijken/?ids=invest-nl,opkoopfonds")
        text = page.locator("[data-kb-nojs]").inner_text()
        assert "JavaScript" in text
        hrefs = {resolved(page, a.get_attribute("href") or "") for a in page.locator("[data-kb-nojs] a").element_handles()}
        assert hrefs == {"/instrumenten/", "/fondsen/"}
        assert page.locator(".kb-compare-control:visible").count() == 0
    finally:
        context.close()


def test_the_comparison_scrolls_inside_its_box_on_a_phone_with_the_field_names_in_view(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(base_url + "vergelijken/?ids=invest-nl,opkoopfonds,stadsmakersfonds")
        box = page.locator("[data-kb-table-wrap]")
        box.locator("table").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        label = page.locator("tbody th", has_text="Status")
        before = label.bounding_box()["x"]
        box.evaluate("b => b.scrollLeft = 200")
        assert label.bounding_box()["x"] == before  # the first column stands still
        assert box.get_attribute("tabindex") == "0"  # reachable by keyboard to scroll
    finally:
        context.close()
