"""Rendering: pages for every record, backlinks computed, partner text never becomes markup."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml

from generator.config import load_settings
from generator.pipeline import generate

from conftest import ROOT
from htmlsafety import executable_contexts


def pages_for(data: Path, tmp_path: Path) -> dict[str, str]:
    result = generate(load_settings(tmp_path), data)
    assert result.validated.ok, [p.text() for p in result.problems]
    return result.pages


def text_of(page: str) -> str:
    """A page without its network drawing, whose links to its neighbours are not links in the text."""
    return re.sub(r'<figure class="kb-net".*?</figure>', "", page, flags=re.S)


def html_of(page: str) -> str:
    body = page.split("---\n", 2)[2]
    return markdown.markdown(body, extensions=["tables", "attr_list", "sane_lists", "toc"])


def test_every_record_has_a_page_and_every_collection_an_overview(data_tree, tmp_path) -> None:
    pages = pages_for(data_tree(), tmp_path)
    for path in ["begrippen/marktmeester.md", "instrumenten/pact-actie-10-marktmeester.md", "fondsen/opkoopfonds.md",
                 "partners/invest-nl.md", "praktijkvoorbeelden/city-deal-tbgo.md", "bronnen/pact.md"]:
        assert path in pages
    for section in ["begrippen", "instrumenten", "fondsen", "partners", "praktijkvoorbeelden", "bronnen", "themas"]:
        assert f"{section}/index.md" in pages


def test_backlinks_are_computed_from_the_other_side(data_tree, tmp_path) -> None:
    pages = pages_for(data_tree(), tmp_path)
    partner = pages["partners/invest-nl.md"]
    assert "## Wordt genoemd door" in partner
    assert "[Opkoopfonds](../fondsen/opkoopfonds.md)" in partner
    assert "[City Deal Toekomstbestendige Gebiedsontwikkeling](../praktijkvoorbeelden/city-deal-tbgo.md)" in partner
    source = pages["bronnen/pact.md"]
    assert "[Marktmeester](../begrippen/marktmeester.md)" in source


def test_related_terms_hold_in_both_directions(data_tree, tmp_path) -> None:
    pages = pages_for(data_tree(), tmp_path)
    other = pages["begrippen/toekomstbestendige-gebiedsontwikkeling.md"]
    assert "### Verwante begrippen" in other and "[Marktmeester](marktmeester.md)" in other


def test_a_term_no_source_defines_is_labelled_as_described_by_its_use(data_tree, tmp_path) -> None:
    defined = pages_for(data_tree(), tmp_path)["begrippen/marktmeester.md"]
    assert "## Definitie" in defined and "Hoe de documenten het begrip gebruiken" not in defined
    text = (data_tree() / "glossary" / "marktmeester.yaml").read_text(encoding="utf-8")
    data = data_tree({"glossary/marktmeester.yaml": text + "usage_only: true\n"})
    described = pages_for(data, tmp_path)["begrippen/marktmeester.md"]
    assert "## Hoe de documenten het begrip gebruiken" in described and "## Definitie" not in described
    assert "Usage" not in described and "Alleen gebruik" not in described  # no key-facts row for the flag


def test_first_use_of_a_term_links_to_it_once_per_page(data_tree, tmp_path) -> None:
    page = text_of(pages_for(data_tree(), tmp_path)["instrumenten/pact-actie-10-marktmeester.md"])
    assert page.count('href="../../begrippen/marktmeester/"') == 1
    assert 'href="../../begrippen/toekomstbestendige-gebiedsontwikkeling/"' in page
    assert 'role="tooltip"' in page


def test_hostile_markdown_is_sanitised_and_template_syntax_shown_literally(data_tree, tmp_path) -> None:
    data = data_tree({"glossary/marktmeester.yaml": """
        title: "Marktmeester <script>alert(1)</script> [x](javascript:alert(2))"
        summary: "Samenvatting <img src=x onerror=alert(3)> {{ 7*7 }} {% if 1 %}ja{% endif %}"
        definition: Rol die een brug slaat tussen financiers en projecten.
        description: |
          <iframe src="https://evil.example"></iframe>

          <a href="javascript:alert(4)" onclick="alert(5)">klik</a> [y](javascript:alert(6))
          ![img](data:image/svg+xml;base64,PHN2Zz4=) {{ 7*7 }}
          # Kop
        themes: [financiering]
        sources:
          - {document: pact, section: "4"}
        last_reviewed: 2026-11-23
    """})
    page = pages_for(data, tmp_path)["begrippen/marktmeester.md"]
    rendered = html_of(page)
    assert executable_contexts(rendered) == []
    assert "{{ 7*7 }}" in rendered and "49" not in rendered
    assert "&lt;script&gt;" in rendered
    assert "<h3>Kop</h3>" in rendered


def test_contacts_are_published_only_with_consent(data_tree, tmp_path) -> None:
    page = pages_for(data_tree(), tmp_path)["partners/invest-nl.md"]
    assert "Voorbeeld Persoon" in page and "mailto:test@example.org" in page


def test_output_order_does_not_depend_on_file_system_order(data_tree, tmp_path) -> None:
    data = data_tree()
    first = pages_for(data, tmp_path)
    # Touch files in reverse order: directory order may change, output must not.
    for path in sorted(data.rglob("*.yaml"), reverse=True):
        path.write_bytes(path.read_bytes())
    assert pages_for(data, tmp_path) == first


def test_record_pages_link_to_their_yaml_in_the_web_editor(data_tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KENNISBANK_REPO_URL", "https://github.com/voorbeeld/kennisbank")
    page = pages_for(data_tree(), tmp_path)["fondsen/opkoopfonds.md"]
    assert 'href="https://github.com/voorbeeld/kennisbank/edit/main/data/funds/opkoopfonds.yaml">Bewerk dit record</a>' in page
    assert '<time datetime="2026-11-23">23 november 2026</time>' in page


def test_record_pages_invite_a_change_through_the_prefilled_change_form(data_tree, tmp_path, monkeypatch) -> None:
    from urllib.parse import parse_qs, urlsplit

    monkeypatch.delenv("KENNISBANK_REPO_URL", raising=False)
    assert "Wijziging voorstellen" not in pages_for(data_tree(), tmp_path)["fondsen/opkoopfonds.md"]
    monkeypatch.setenv("KENNISBANK_REPO_URL", "https://github.com/voorbeeld/kennisbank")
    page = pages_for(data_tree(), tmp_path)["fondsen/opkoopfonds.md"]
    href = re.search(r'<a href="([^"]+)">Wijziging voorstellen</a>', page).group(1).replace("&amp;", "&")
    url = urlsplit(href)
    assert f"{url.scheme}://{url.netloc}{url.path}" == "https://github.com/voorbeeld/kennisbank/issues/new"
    assert parse_qs(url.query) == {"template": ["wijziging.yml"], "collectie": ["Fondsen"], "id": ["opkoopfonds"]}
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/wijziging.yml").read_text(encoding="utf-8"))
    fields = {e.get("id"): e for e in form["body"]}
    assert "Fondsen" in fields["collectie"]["attributes"]["options"] and "id" in fields


def test_currency_page_lists_records_past_review_as_of_the_reference_date(data_tree, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1830297600")  # 2028-01-01
    page = pages_for(data_tree(), tmp_path)["actualiteit.md"]
    assert "[Opkoopfonds](fondsen/opkoopfonds.md): laatst gecontroleerd op 23 november 2026 (13 maanden geleden)" in page
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01
    assert "Alle records zijn in de afgelopen 12 maanden gecontroleerd." in pages_for(data_tree(), tmp_path)["actualiteit.md"]


def test_list_values_are_separated_by_comma_and_space(data_tree, tmp_path) -> None:
    page = pages_for(data_tree(), tmp_path)["fondsen/opkoopfonds.md"]
    assert 'Financiering en investeringen</a>, <a href="../../themas/vastgoed/">' in page


def test_name_index_finds_a_record_by_any_of_its_names(data_tree, tmp_path) -> None:
    import json

    pages = pages_for(data_tree(), tmp_path)
    names = json.loads(pages["zoeken/namen/tb.json"])
    assert names["tbgo"] == [{"soort": "begrip", "title": "Toekomstbestendige gebiedsontwikkeling",
                              "url": "begrippen/toekomstbestendige-gebiedsontwikkeling/"}]
    assert "investnl" in json.loads(pages["zoeken/namen/in.json"])


def test_relative_links_match_posixpath_for_every_kind_of_page() -> None:
    import posixpath

    from generator.addresses import page_url, relative

    pages = ["index.md", "over.md", "actualiteit.md", "instrumenten/index.md", "instrumenten/a.md",
             "partners/b.md", "themas/x.md", "begrippen/index.md", "open-data/index.md"]
    for here in pages:
        for there in pages:
            assert relative(here, there) == posixpath.relpath(there, posixpath.dirname(here) or ".")
            expected = posixpath.relpath(page_url(there) or ".", page_url(here) or ".")
            assert relative(here, there, as_url=True) == ("./" if expected == "." else expected + "/")


def test_glossary_overview_is_a_defined_term_set(data_tree, tmp_path) -> None:
    import json

    import frontmatter

    page = frontmatter.loads(pages_for(data_tree(), tmp_path)["begrippen/index.md"])
    data = json.loads(page["jsonld"])
    assert data["@type"] == "DefinedTermSet"
    assert {"@type": "DefinedTerm", "name": "Marktmeester", "url": "marktmeester/"} in data["hasDefinedTerm"]


def test_record_pages_carry_schema_org_types_from_the_schema_and_vocabulary(data_tree, tmp_path) -> None:
    import json

    import frontmatter

    pages = pages_for(data_tree(), tmp_path)

    def jsonld(path: str) -> dict:
        return json.loads(frontmatter.loads(pages[path])["jsonld"])

    assert jsonld("begrippen/marktmeester.md")["@type"] == "DefinedTerm"
    assert jsonld("begrippen/marktmeester.md")["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert jsonld("partners/invest-nl.md")["@type"] == "Organization"
    assert jsonld("fondsen/opkoopfonds.md")["@type"] == "InvestmentFund"
    assert frontmatter.loads(pages["partners/invest-nl.md"])["description"].startswith("Nationale financieringsinstelling")


def test_rendering_in_several_processes_gives_the_same_pages(tmp_path) -> None:
    """Large knowledge bases are modelled and rendered in forked workers; the pages must not differ."""
    from generator.config import ROOT
    from generator.model import build_model
    from generator.pipeline import check, pages_for
    from generator.render import render
    from generator.schema import Schemas

    settings = load_settings(ROOT)
    schemas = Schemas()
    validated = check(settings.data_dir, schemas, settings.root)
    model = build_model(validated, schemas)
    one = render(model, settings)
    spread_model, spread = pages_for(validated, schemas, settings, workers=3)
    assert {path: page for path, page in spread.items() if path in one} == one
    assert sum(path.count("/") == 1 and not path.endswith("index.md") for path in one) >= 400
    # The model finds terms in the records' text in workers too: the same "gebruikt in" lists.
    assert {k: [r.key for r in d.used_in] for k, d in spread_model.derived.items()} == {
        k: [r.key for r in d.used_in] for k, d in model.derived.items()}
    assert sum(bool(d.used_in) for d in model.derived.values()) >= 50
    _one_model, alone = pages_for(validated, schemas, settings, workers=1)
    assert alone == spread


def test_the_cycle_collector_is_paused_during_a_stage_and_resumed_after(tmp_path) -> None:
    """The stages pause Python's cycle collector (speed); it must be back on afterwards, also after an error."""
    import gc

    import pytest

    from generator.pipeline import check, cycle_collector_paused

    assert gc.isenabled()
    seen = []
    with pytest.raises(RuntimeError), cycle_collector_paused():
        seen.append(gc.isenabled())
        raise RuntimeError("stop")
    assert seen == [False] and gc.isenabled()

    @cycle_collector_paused()  # as the stages use it: a decorator, paused on every call
    def stage() -> bool:
        return gc.isenabled()

    assert stage() is False and stage() is False and gc.isenabled()
    check(tmp_path / "missing")
    assert gc.isenabled()


def test_a_failing_worker_stops_the_build_with_its_error() -> None:
    """An exception in a forked worker reaches the caller, and no worker is left behind."""
    import multiprocessing

    import pytest

    from generator.pool import Mapped

    def fail_on_seven(item: int) -> int:
        if item == 7:
            raise ValueError("zeven")
        return item * 2

    assert Mapped(fail_on_seven, range(6), workers=2).results() == [0, 2, 4, 6, 8, 10]
    with pytest.raises(ValueError, match="zeven"):
        Mapped(fail_on_seven, range(20), workers=2).results()
    assert multiprocessing.active_children() == []
    spread = Mapped(fail_on_seven, range(6), workers=2)
    spread.close()  # abandoned before its results: the workers stop
    assert multiprocessing.active_children() == []


def test_used_in_lists_records_whose_published_text_uses_the_term(data_tree, tmp_path) -> None:
    """"Gebruikt in" comes from the text as the page shows it: a use in a link's text counts,
    a word in a link's address does not, and neither does a label split over two fields."""
    data = data_tree({
        "funds/opkoopfonds.yaml": """
            title: Opkoopfonds
            summary: Voorgesteld fonds dat vastgoed opkoopt om transformatie mogelijk te maken.
            description: Zie [de toelichting](https://example.org/TBGO).
            kind: opkoopfonds
            status: voorgesteld
            manager: invest-nl
            themes: [financiering, vastgoed]
            sources:
              - {document: pact, section: "4. Ontwikkelagenda, actie 8"}
            last_reviewed: 2026-11-23
        """,
        "partners/invest-nl.yaml": """
            title: Invest-NL
            summary: Nationale financieringsinstelling, werkt aan toekomstbestendige
            description: "gebiedsontwikkeling, zie [de marktmeester](https://example.org)."
            type: financiele-instelling
            levels: [nationaal]
            themes: [financiering]
            sources:
              - {document: pact, section: "4. Ontwikkelagenda, actie 8"}
            last_reviewed: 2026-11-23
        """,
    })
    pages = pages_for(data, tmp_path)
    marktmeester = pages["begrippen/marktmeester.md"].split("## Gebruikt in", 1)[1]
    assert "### Partners (1)\n\n- [Invest\\-NL](../partners/invest-nl.md)" in marktmeester
    assert "opkoopfonds" not in marktmeester
    tbgo = pages["begrippen/toekomstbestendige-gebiedsontwikkeling.md"].split("## Gebruikt in", 1)[1].split("</div>")[0]
    assert "praktijkvoorbeelden/city-deal-tbgo.md" in tbgo
    assert "opkoopfonds" not in tbgo and "invest-nl" not in tbgo
    # The use in the link's text is counted but not linked: the page links no term inside a link.
    assert "begrippen/marktmeester/" not in text_of(pages["partners/invest-nl.md"])


def test_a_worker_that_dies_stops_the_build_instead_of_hanging() -> None:
    """A worker killed halfway (out of memory, say) leaves chunks without results: an error, not a wait."""
    import multiprocessing
    import os
    from concurrent.futures.process import BrokenProcessPool

    import pytest

    from generator.pool import Mapped

    def work(item: int) -> int:
        if item == 5:
            os._exit(3)  # the worker that takes this item dies
        return item

    with pytest.raises(BrokenProcessPool):
        Mapped(work, range(12), workers=2).results()
    assert multiprocessing.active_children() == []


def test_titles_sort_naturally_in_dutch_everywhere(data_tree, tmp_path) -> None:
    """"Actie 2" before "Actie 10", a leading quote ignored, accents folded: in overviews, A–Z and relations."""
    titles = ["Actie 10", "Zuid", "Actie 2", "“Binnenstad” als begrip", "Eerlijk", "Échte waarde", "Actie 1"]
    files = {}
    for number, title in enumerate(titles):
        files[f"glossary/term-{number}.yaml"] = f"""
            title: '{title}'
            summary: Een begrip om te sorteren.
            definition: Een begrip om te sorteren.
            themes: [financiering]
            related: [marktmeester]
            sources:
              - {{document: pact, section: "4"}}
            last_reviewed: 2026-11-23
        """
    pages = pages_for(data_tree(files), tmp_path)
    expected = ["Actie 1", "Actie 2", "Actie 10", "“Binnenstad” als begrip", "Échte waarde", "Eerlijk", "Zuid"]

    def order(page: str) -> list[str]:
        return sorted(expected, key=lambda title: page.index(f"[{title}]" if f"[{title}]" in page else f">{title}<"))

    overview = pages["begrippen/index.md"]
    assert order(overview) == expected
    assert '<h2 id="letter-b">B</h2>' in overview and "letter-cijfers" not in overview
    assert order(pages["begrippen/marktmeester.md"]) == expected  # related terms, from the other side
    assert order(pages["themas/financiering.md"]) == expected


def test_templates_that_extend_a_block_keep_its_markup(data_tree, tmp_path) -> None:
    """``{{ super() }}`` is plain text to the escaping finalize hook: a case's description and a term's
    backlinks must still be Markdown/HTML, not escaped text."""
    case = (data_tree() / "cases" / "city-deal-tbgo.yaml").read_text(encoding="utf-8")
    data = data_tree({"cases/city-deal-tbgo.yaml": case + "description: |\n  Een **vette** zin.\n"})
    page = pages_for(data, tmp_path)["praktijkvoorbeelden/city-deal-tbgo.md"]
    assert "## Beschrijving" in page and "<strong>vette</strong>" in page and "&lt;strong&gt;" not in page


def _case(title: str, related: list[str]) -> str:
    return f"""
        title: {title}
        summary: Een voorbeeld.
        kind: city-deal
        places: [nederland]
        related_cases: [{", ".join(related)}]
        themes: [gebiedsgerichte-aanpak]
        sources:
          - {{document: pact, section: "1"}}
        last_reviewed: 2026-11-23
    """


def test_a_symmetric_relation_is_one_list_on_both_pages(data_tree, tmp_path) -> None:
    """"Verwante voorbeelden" holds whichever side names the other: listed once, never again as a backlink."""
    data = data_tree({"cases/a.yaml": _case("Voorbeeld A", ["b"]), "cases/b.yaml": _case("Voorbeeld B", ["a", "city-deal-tbgo"])})
    pages = pages_for(data, tmp_path)
    a, b, tbgo = (pages[f"praktijkvoorbeelden/{name}.md"] for name in ("a", "b", "city-deal-tbgo"))
    assert "### Verwante voorbeelden (1)\n\n- [Voorbeeld B](b.md)" in a
    assert "### Verwante voorbeelden (2)\n\n- [City Deal" in b and "- [Voorbeeld A](a.md)" in b
    assert "### Verwante voorbeelden (1)\n\n- [Voorbeeld B](b.md)" in tbgo  # named only by b
    for page in (a, b, tbgo):
        assert "Verwante praktijkvoorbeelden" not in page


def test_a_long_relation_list_shows_ten_and_folds_the_rest(data_tree, tmp_path) -> None:
    many = {f"cases/v{i:02d}.yaml": _case(f"Voorbeeld {i:02d}", ["city-deal-tbgo"]) for i in range(20)}
    folded = pages_for(data_tree(many), tmp_path)["praktijkvoorbeelden/city-deal-tbgo.md"]
    shown, rest = folded.split("### Verwante voorbeelden (20)", 1)[1].split('<details class="kb-more" markdown>', 1)
    assert shown.count("\n- [") == 10 and "Voorbeeld 09" in shown and "Voorbeeld 10" not in shown
    assert rest.startswith("\n<summary>en 10 meer</summary>") and rest.split("</details>")[0].count("\n- [") == 10


def test_a_relation_list_a_few_longer_than_ten_is_not_folded(data_tree, tmp_path) -> None:
    few = {f"cases/v{i:02d}.yaml": _case(f"Voorbeeld {i:02d}", ["city-deal-tbgo"]) for i in range(13)}
    page = pages_for(data_tree(few), tmp_path)["praktijkvoorbeelden/city-deal-tbgo.md"]
    assert "### Verwante voorbeelden (13)" in page and "kb-more" not in page
