"""Finding glossary terms in text: whole words, abbreviations only in capitals, longest label first."""

from __future__ import annotations

from dataclasses import dataclass

from generator.terms import PageLinker, TermIndex


@dataclass
class Term:
    id: str
    title: str
    summary: str = "uitleg"
    abbreviations: tuple[str, ...] = ()

    def labels(self) -> list[str]:
        return [self.title, *self.abbreviations]


INDEX = TermIndex([
    Term("go", "Gebiedsontwikkeling", abbreviations=("GO",)),
    Term("keten", "Keten van gebiedsontwikkeling"),
    Term("tbgo", "Toekomstbestendige gebiedsontwikkeling", abbreviations=("TBGO",)),
    Term("kern", "(kern)indicatoren"),
])


def found(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in INDEX.matches(text)]


def test_longest_label_wins_and_may_span_a_line_break() -> None:
    assert found("de keten van\ngebiedsontwikkeling groeit") == ["keten van\ngebiedsontwikkeling"]


def test_abbreviations_match_only_in_capitals_and_only_as_whole_words() -> None:
    assert found("GO en go en TBGO-makelaar en TBGO.") == ["GO", "TBGO"]


def test_labels_in_other_words_or_compounds_do_not_match() -> None:
    assert found("gebiedsontwikkelingsproject en her-gebiedsontwikkeling") == []


def test_labels_with_punctuation_match() -> None:
    assert found("met (kern)indicatoren gemeten") == ["kern)indicatoren"]


def test_each_term_is_linked_once_per_page_and_never_on_its_own_page() -> None:
    linker = PageLinker(INDEX, lambda term_id: f"../{term_id}/", exclude="tbgo")
    first = linker.plain("TBGO en gebiedsontwikkeling en nog eens gebiedsontwikkeling")
    assert first.count('href="../go/"') == 1 and 'href="../tbgo/"' not in first
    assert 'href="../go/"' not in linker.html("<p>Gebiedsontwikkeling</p>")


def test_terms_in_html_are_linked_in_text_only_and_never_across_a_tag() -> None:
    """Descriptions are HTML: terms are linked in their text, not in links, code or headings,
    a label split by markup is not a match, and escaped characters stay escaped."""
    linker = PageLinker(INDEX, lambda term_id: f"../{term_id}/")
    page = linker.html(
        '<h3>Gebiedsontwikkeling</h3><p><a href="https://example.org">TBGO</a> en <code>GO</code>, '
        "de keten van <em>gebiedsontwikkeling</em> &amp; <strong>TBGO</strong> &lt;GO&gt;</p>"
    )
    assert page.startswith('<h3>Gebiedsontwikkeling</h3><p><a href="https://example.org">TBGO</a> en <code>GO</code>, ')
    # "keten van" + <em>gebiedsontwikkeling</em> is not the label "Keten van gebiedsontwikkeling".
    assert 'href="../keten/"' not in page
    assert page.count('href="../go/"') == 1 and page.count('href="../tbgo/"') == 1
    assert "&amp; <strong><span" in page and "&lt;" in page and "<GO>" not in page
    # The first linkable use is the one linked: "gebiedsontwikkeling" inside <em>, before "&lt;GO&gt;".
    assert page.index('href="../go/"') < page.index("&lt;")


def test_a_label_holding_the_separator_character_is_not_indexed() -> None:
    """Text pieces of a page are matched in one pass joined by NUL; such a label could span two."""
    index = TermIndex([Term("x", "lokale\x00overheid"), Term("go", "Gebiedsontwikkeling")])
    assert [t for _, _, t in index.matches("lokale\x00overheid en gebiedsontwikkeling")] == ["go"]


def test_a_use_in_a_link_code_or_heading_counts_as_a_use_but_is_not_linked() -> None:
    """The model finds terms once; "gebruikt in" counts every use, the page links only where it may."""
    found = INDEX.in_html('<h3>TBGO</h3><p><a href="https://example.org/go">keten van gebiedsontwikkeling</a></p>'
                          "<p>Over <code>GO</code> en de (kern)indicatoren.</p>")
    assert found.terms == {"tbgo", "keten", "go", "kern"}
    assert [term for _, _, _, term in found.links] == ["kern"]
    linked = PageLinker(INDEX, lambda term_id: f"../{term_id}/").html(found)
    assert linked.count("kb-term__link") == 1 and 'href="../kern/"' in linked


def test_plain_text_is_normalised_before_terms_are_found() -> None:
    found = INDEX.in_text("de  keten van\n  gebiedsontwikkeling")
    assert found.text == "de keten van gebiedsontwikkeling"
    assert [found.text[s:e] for _, s, e, _ in found.links] == ["keten van gebiedsontwikkeling"]


@dataclass
class Named:
    collection: str
    id: str
    title: str
    summary: str = "een record"
    fields: dict | None = None

    def __post_init__(self) -> None:
        self.fields = self.fields or {}


def test_a_record_name_links_its_record_and_no_term_inside_it() -> None:
    index = TermIndex([Term("kernen", "Kernen"), Term("city-deal", "City Deal"), Term("binnensteden", "Binnensteden")],
                      [Named("cases", "pact", "Pact voor Waardevolle Kernen"),
                       Named("cases", "dynamisch", "City Deal Dynamische Binnensteden")])
    text = "Het Pact voor Waardevolle Kernen en de City Deal Dynamische Binnensteden helpen kernen; een City Deal."
    found = index.in_text(text)
    assert [(text[s:e], t) for _, s, e, t in found.links] == [
        ("Pact voor Waardevolle Kernen", "cases/pact"), ("City Deal Dynamische Binnensteden", "cases/dynamisch"),
        ("kernen", "kernen"), ("City Deal", "city-deal")]
    assert found.terms == {"kernen", "city-deal"}  # a name is no use of a term ("gebruikt in")
    html = PageLinker(index, lambda target: f"/{target}/", exclude="cases/pact").plain(found)
    assert "Pact voor Waardevolle Kernen" in html and 'href="/cases/pact/"' not in html  # not on its own page
    assert 'href="/cases/dynamisch/"' in html and '">City Deal Dynamische Binnensteden</a>' in html
    assert html.count('href="/kernen/"') == 1 and 'href="/binnensteden/"' not in html


def test_a_name_two_records_share_links_neither_and_a_term_keeps_its_label() -> None:
    index = TermIndex([Term("gebiedsfonds", "Gebiedsfonds")],
                      [Named("funds", "invest-nl", "Invest-NL"), Named("partners", "invest-nl", "Invest-NL"),
                       Named("funds", "gf", "Gebiedsfonds"), Named("instruments", "tb", "Themagroepen")])
    found = index.in_text("Invest-NL beheert een Gebiedsfonds; Themagroepen.")
    assert [t for _, _, _, t in found.links] == ["gebiedsfonds"]  # one plain word is no name
    assert PageLinker(index, lambda target: f"/{target}/").plain(found).startswith("Invest-NL beheert")


def test_a_name_a_record_shares_with_its_source_document_links_the_record() -> None:
    index = TermIndex([], [Named("cases", "pact", "Pact voor Waardevolle Kernen")],
                      [Named("sources", "pact", "Pact voor Waardevolle Kernen"), Named("sources", "cd", "City Deal Openbare Ruimte")])
    assert [t for _, _, _, t in index.in_text("Het Pact voor Waardevolle Kernen en de City Deal Openbare Ruimte.").links] == [
        "cases/pact", "sources/cd"]
