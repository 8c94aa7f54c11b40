"""The network drawings: a record page's nearest records, and the network page of each theme."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.model import build_model
from generator.network import BEST_CONNECTED, NEAREST, REFERENCE, Network
from generator.pipeline import check
from generator.schema import Schemas

from conftest import ROOT


@pytest.fixture(scope="module")
def model():
    schemas = Schemas()
    validated = check(ROOT / "data", schemas, ROOT)
    assert validated.ok
    return build_model(validated, schemas)


@pytest.fixture(scope="module")
def network(model) -> Network:
    return Network(model)


def test_a_record_page_draws_its_nearest_records_and_counts_the_rest(model, network) -> None:
    many = max(model.all_records(), key=lambda r: len(network.neighbours(r)))
    found = network.neighbours(many)
    assert len(found) > NEAREST + 5
    drawing, more = network.around(many, lambda other: other.id)
    drawn = [node.record for node in drawing.nodes]
    assert len(drawn) == NEAREST and more == len(found) - NEAREST
    assert drawing.centre is not None and drawing.centre.more and drawing.centre.more[1] == f"en {more} meer"
    # The nearest: no record left out is tied more strongly than one drawn.
    weight = network.ties[many.key]
    left_out = [r for r in found if r not in drawn]
    assert min(weight[r.key] for r in drawn) >= max(weight[r.key] for r in left_out)


def test_a_reference_weighs_more_than_the_use_of_a_term(model, network) -> None:
    record = next(r for r in model.all_records()
                  if {w >= REFERENCE for w in network.ties.get(r.key, {}).values()} == {True, False})
    weights = [network.ties[record.key][other.key] for other in network.neighbours(record)]
    assert weights == sorted(weights, reverse=True)
    assert any(w >= REFERENCE for w in weights) and weights[-1] < REFERENCE


def test_sources_and_retired_records_are_never_drawn(data_tree) -> None:
    data = data_tree()
    fund = data / "funds" / "opkoopfonds.yaml"
    fund.write_text(fund.read_text(encoding="utf-8").replace("status: voorgesteld", "status: vervallen"), encoding="utf-8")
    schemas = Schemas()
    small = build_model(check(data, schemas), schemas)
    network = Network(small)
    retired = small.get(("funds", "opkoopfonds"))
    assert retired.retired and small.derived[retired.key].outgoing, "it still names its manager"
    assert network.around(retired, lambda other: "") is None
    for record in small.all_records():
        found = network.around(record, lambda other: "")
        assert record.collection != "sources" or found is None
        if found:
            assert {n.record.key for n in found[0].nodes}.isdisjoint({retired.key, *(s.key for s in small.records["sources"])})
    partner = small.get(("partners", "invest-nl"))
    assert retired not in network.neighbours(partner) and network.neighbours(partner)


def test_a_theme_network_draws_its_best_connected_records_with_their_ties(model, network) -> None:
    for theme in model.vocabularies["themes"]:
        members = [r for r in model.all_records() if theme in r.fields.get("themes", [])]
        selection = network.best_connected(members)
        assert len(selection.records) <= BEST_CONNECTED and selection.connected >= len(selection.records)
        drawing = network.picture(selection, lambda other: other.id)
        if drawing is None:
            assert selection.records == []
            continue
        assert {n.record.key for n in drawing.nodes} == {r.key for r in selection.records}
        for record in selection.records:
            assert theme in record.fields["themes"] and record.collection in network.columns
            assert not record.retired
            assert selection.ties[record.key], "a drawn record is tied to another record of the theme"
            assert all(network.ties[record.key][o.key] >= REFERENCE for o in selection.ties[record.key])
        assert "glossary" not in {n.record.collection for n in drawing.nodes}  # terms stay on record pages
        assert len(drawing.edges) == sum(1 for r in selection.records for o in selection.ties[r.key]
                                         if o in selection.records) // 2


class _Links(HTMLParser):
    """The links of a page, those inside its network drawing apart."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.drawn: list[tuple[str, str | None]] = []
        self.elsewhere: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "figure" and "kb-net" in (values.get("class") or "").split():
            self.depth = 1
        elif self.depth and tag == "figure":
            self.depth += 1
        if tag == "a" and values.get("href"):
            if self.depth:
                self.drawn.append((values["href"] or "", values.get("tabindex")))
            else:
                self.elsewhere.add(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "figure":
            self.depth -= 1


@pytest.mark.parametrize("page", ["instrumenten/europese-green-deal", "partners/g32", "begrippen/binnenstad",
                                  "praktijkvoorbeelden/city-deal-tbgo"])
def test_every_record_in_a_drawing_is_also_a_link_elsewhere_on_the_page_and_a_page_of_the_site(
        built_site: Path, page: str) -> None:
    """The caption promises it: the drawing's links are for the mouse only (out of the tab order);
    the lists and the text are the way through for the keyboard and screen readers."""
    links = _Links()
    links.feed((built_site / page / "index.html").read_text(encoding="utf-8"))
    assert links.drawn
    for href, tabindex in links.drawn:
        assert tabindex == "-1"
        assert href in links.elsewhere, href
        assert (built_site / page / href / "index.html").resolve().is_file(), href


def test_every_theme_has_a_network_page_reachable_from_the_theme_the_nav_and_its_records(built_site: Path, model) -> None:
    index = (built_site / "netwerk" / "index.html").read_text(encoding="utf-8")
    assert 'href="netwerk/"' in (built_site / "index.html").read_text(encoding="utf-8")  # in the nav of every page
    for theme in model.vocabularies["themes"]:
        page = built_site / "netwerk" / theme / "index.html"
        assert page.is_file()
        assert f'href="{theme}/"' in index
        theme_page = (built_site / "themas" / theme / "index.html").read_text(encoding="utf-8")
        assert f'href="../../netwerk/{theme}/"' in theme_page
    green_deal = (built_site / "instrumenten" / "europese-green-deal" / "index.html").read_text(encoding="utf-8")
    themes = model.get(("instruments", "europese-green-deal")).fields["themes"]
    assert all(f'href="../../netwerk/{t}/"' in green_deal for t in themes)


def test_a_network_page_lists_every_drawn_record_with_its_connections(built_site: Path) -> None:
    html = (built_site / "netwerk" / "wonen" / "index.html").read_text(encoding="utf-8")
    links = _Links()
    links.feed(html)
    assert links.drawn and {href for href, _ in links.drawn} <= links.elsewhere
    assert re.search(r'<figcaption id="kb-net-uitleg">(Alle|De) \d+ (best verbonden )?records', html)


def test_the_drawing_has_an_accessible_name_and_a_text_alternative(page, base_url: str) -> None:
    page.goto(base_url + "instrumenten/europese-green-deal/")
    drawing = page.get_by_role("figure", name="Netwerk rond Europese Green Deal", exact=True)
    expect(drawing).to_be_visible()
    expect(drawing).to_have_accessible_description(re.compile(
        r"^Europese Green Deal en de 14 records waarmee het het sterkst verbonden is: \d+ begrippen, .*, en \d+ meer\. "
        r"Alle verbindingen staan ook als links op deze pagina\.$"))
    # Tabbing through the page never lands inside the drawing.
    assert page.evaluate("[...document.querySelectorAll('.kb-net a')].every(a => a.tabIndex === -1)")


@pytest.mark.parametrize(("width", "path"), [(1280, "partners/g32/"), (375, "partners/g32/"), (1280, "netwerk/wonen/"),
                                             (375, "netwerk/wonen/")])
def test_a_drawing_is_shown_at_its_size_on_a_desktop_and_whole_on_a_phone(browser, base_url: str, width: int, path: str) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    try:
        pg.goto(base_url + path)
        box = pg.locator("svg.kb-net__drawing").bounding_box()
        natural = int(pg.locator("svg.kb-net__drawing").get_attribute("width") or 0)
        assert box is not None
        if width == 1280:
            assert box["width"] == pytest.approx(natural, abs=1)  # the text at its own size
        else:
            assert box["x"] >= 0 and box["x"] + box["width"] <= width  # the whole drawing in the screen
            assert pg.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()
