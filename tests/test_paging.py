"""Paged overviews, on a few hundred synthetic records split into pages of 25: every record is
reached by following the page links without JavaScript, the links are accessible, and with
JavaScript the filters find records on every page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from benchmarks.synthetic import write_project
from generator.paging import page_count, shown_numbers
from generator.schema import Schemas

from conftest import run_generator, served

RECORDS = 400
PAGE_SIZE = 25


def test_the_page_numbers_follow_the_govuk_pattern() -> None:
    assert shown_numbers(1, 1) == [1]
    assert shown_numbers(1, 3) == [1, 2, 3]
    assert shown_numbers(1, 10) == [1, 2, 0, 10]
    assert shown_numbers(5, 10) == [1, 0, 4, 5, 6, 0, 10]
    assert shown_numbers(3, 10) == [1, 2, 3, 4, 0, 10]  # no ellipsis for one left-out page
    assert shown_numbers(10, 10) == [1, 0, 9, 10]
    assert page_count(0, 25) == 1 and page_count(25, 25) == 1 and page_count(26, 25) == 2


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic project of RECORDS records, built with PAGE_SIZE records per overview page."""
    root = tmp_path_factory.mktemp("paged")
    write_project(root, RECORDS)
    settings = root / "kennisbank.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "overview_page_size: 200" in text
    settings.write_text(text.replace("overview_page_size: 200", f"overview_page_size: {PAGE_SIZE}"), encoding="utf-8")
    result = run_generator(root, "site")
    assert result.returncode == 0, result.stderr
    return root


class _Links(HTMLParser):
    """The links of a page: those in the record list, the page links, and the current page."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[str] = []
        self.pages: list[tuple[str, dict[str, str | None]]] = []  # (text, attributes) in the page nav
        self.nav_labels: list[str | None] = []
        self._in: list[str] = []  # "list" / "nav" while inside one
        self._link: dict[str, str | None] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("ul", "dl") and ("data-kb-list" in a or "kb-glossary" in (a.get("class") or "")):
            self._in.append("list")
        elif tag == "nav" and "kb-pagination" in (a.get("class") or ""):
            self._in.append("nav")
            self.nav_labels.append(a.get("aria-label"))
        elif tag in ("ul", "dl", "nav"):
            self._in.append("")
        if tag == "a" and ("list" in self._in or "nav" in self._in):
            self._link, self._text = a, ""

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            if "nav" in self._in:
                self.pages.append((" ".join(self._text.split()), self._link))
            elif "list" in self._in:
                self.records.append(self._link.get("href") or "")
            self._link = None
        elif tag in ("ul", "dl", "nav") and self._in:
            self._in.pop()


def read(site: Path, url: str) -> _Links:
    path = site / urlsplit(url).path.lstrip("/") / "index.html"
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def current_ids(root: Path, name: str) -> list[str]:
    """The records an overview lists: all but the retired ones (``status: vervallen``)."""
    return sorted(p.stem for p in (root / "data" / name).glob("*.yaml")
                  if "\nstatus: vervallen" not in p.read_text(encoding="utf-8"))


def record_url(href: str, page: str) -> str | None:
    """The record a list link leads to (``/<section>/<id>/``), or None for another link (a theme)."""
    target = urlsplit(urljoin(page, href)).path
    return target if re.fullmatch(r"/[a-z-]+/[a-z0-9-]+/", target) and not target.startswith("/themas/") else None


@pytest.mark.slow
@pytest.mark.parametrize("name", ["glossary", "instruments", "partners", "cases", "funds"])
def test_every_record_is_reached_by_following_the_page_links(paged: Path, name: str) -> None:
    collection = Schemas().collections[name]
    ids = current_ids(paged, name)
    pages = page_count(len(ids), PAGE_SIZE)
    site = paged / "site"
    url = f"/{collection.path}/"
    seen: list[str] = []
    visited: list[str] = []
    while url:
        visited.append(url)
        links = read(site, url)
        seen += [found for href in links.records if (found := record_url(href, url)) and found.startswith(f"/{collection.path}/")]
        current = [text for text, attrs in links.pages if attrs.get("aria-current") == "page"]
        following = [attrs["href"] for text, attrs in links.pages if attrs.get("rel") == "next"]
        if pages == 1:
            assert links.nav_labels == [] and links.pages == []
        else:
            assert links.nav_labels == [f"Pagina's van {collection.label.lower()}"]
            assert current == [f"Pagina {len(visited)}"], current  # the number, named as a page
            numbers = {text for text, _ in links.pages}
            assert {"Pagina 1", f"Pagina {pages}"} <= numbers  # first and last are always offered
            if len(visited) > 1:
                assert [t for t, a in links.pages if a.get("rel") == "prev"] == ["Vorige pagina"]
        url = urljoin(url, following[0] or "") if following else ""  # "Volgende"
        assert len(visited) <= pages
    assert len(visited) == pages
    assert sorted(u.split("/")[2] for u in seen) == ids  # each record once, on exactly one page
    assert visited[1:] == [f"/{collection.path}/pagina/{n}/" for n in range(2, pages + 1)]


@pytest.mark.slow
def test_each_letter_of_the_glossary_leads_to_its_heading_on_its_page(paged: Path) -> None:
    site = paged / "site"
    html = (site / "begrippen" / "pagina" / "2" / "index.html").read_text(encoding="utf-8")
    az = html.split('class="kb-az"', 1)[1].split("</nav>", 1)[0]
    letters = re.findall(r'<a href="([^"]*)">([^<]+)</a>', az)
    assert len(letters) > 10
    for href, letter in letters:
        page, _, anchor = urljoin("/begrippen/pagina/2/", href).partition("#")
        target = (site / page.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert f'<h2 id="{anchor}">{letter}</h2>' in target, (href, letter)


@pytest.mark.slow
def test_further_pages_are_titled_by_number_and_left_out_of_the_search_index(paged: Path) -> None:
    first = (paged / "site" / "instrumenten" / "index.html").read_text(encoding="utf-8")
    second = (paged / "site" / "instrumenten" / "pagina" / "2" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in first and "data-pagefind-body" not in second
    assert "<title>Instrumenten, pagina 2 van " in second
    assert 'name="description" content="Alle instrumenten' in second


# -- with JavaScript ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paged_url(paged: Path) -> Iterator[str]:
    with served(paged / "site") as url:
        yield url


@pytest.mark.browser
@pytest.mark.slow
def test_a_filter_on_the_first_page_finds_a_record_of_the_last_page(browser, paged: Path, paged_url: str) -> None:
    total = len(current_ids(paged, "instruments"))
    last = page_count(total, PAGE_SIZE)
    last_html = (paged / "site" / "instrumenten" / "pagina" / str(last) / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<li data-kind="([^"]+)"[^>]*>\s*<a href="\.\./\.\./([^"]+)/"', last_html)
    assert row is not None
    kind, wanted = row.groups()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(paged_url + "instrumenten/")
        assert page.locator("[data-kb-list] > li").count() == PAGE_SIZE
        assert page.locator(f'[data-kb-list] a[href="{wanted}/"]').count() == 0  # not on the first page
        page.locator(f"details.kb-facet:has(input[name=kind][value={kind}]) > summary").click()
        page.locator(f"input[name=kind][value={kind}]").check()
        found = page.locator(f'[data-kb-list] > li:not([hidden]) a[href$="/instrumenten/{wanted}/"]')
        found.wait_for(timeout=10000)
        shown = page.locator("[data-kb-list] > li:not([hidden])")
        for i in range(shown.count()):
            assert kind in (shown.nth(i).get_attribute("data-kind") or "").split()
        pages = [(paged / "site" / "instrumenten" / (f"pagina/{n}" if n > 1 else "") / "index.html").read_text(encoding="utf-8")
                 for n in range(1, last + 1)]
        assert shown.count() == sum(html.count(f'<li data-kind="{kind}"') for html in pages)  # all of them, from every page
        assert not page.locator("[data-kb-pagination]").is_visible()  # the page links stand for the unfiltered list
        status = page.locator(".kb-facets__status").inner_text()
        assert status == f"{shown.count()} van {total} getoond"
        found.click()
        page.wait_for_url(f"**/instrumenten/{wanted}/")
        assert page.locator("h1").count() == 1
        page.go_back()  # the filter survives in the address
        assert page.locator(f"input[name=kind][value={kind}]").is_checked()
        page.locator(f'[data-kb-list] > li:not([hidden]) a[href$="/instrumenten/{wanted}/"]').wait_for(timeout=10000)
        page.locator("button[type=reset]").click()
        page.wait_for_function("!location.search")
        assert page.locator("[data-kb-list] > li:not([hidden])").count() == PAGE_SIZE  # the first page again
        assert page.locator("[data-kb-pagination]").is_visible()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 375])
def test_the_page_links_are_accessible_and_fit_the_screen(browser, paged_url: str, width: int) -> None:
    from test_browser import wcag_violations

    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 600, has_touch=width < 600)
    page = context.new_page()
    try:
        page.goto(paged_url + "instrumenten/pagina/2/")
        nav = page.locator("nav.kb-pagination")
        assert nav.get_attribute("aria-label") == "Pagina's van instrumenten"
        assert page.locator("nav.kb-pagination a[aria-current=page]").inner_text().endswith("2")
        assert page.get_by_role("link", name="Volgende pagina").count() == 1
        assert page.get_by_role("link", name="Vorige pagina").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        for box in [nav.locator("a").nth(i).bounding_box() for i in range(nav.locator("a").count())]:
            assert box is not None and box["height"] >= 44 and box["width"] >= 44  # a finger's target
        page.get_by_role("link", name="Volgende pagina").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/instrumenten/pagina/3/")
        assert wcag_violations(page) == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_the_page_says_to_use_the_page_links_or_themes(browser, paged_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(paged_url + "instrumenten/")
        hint = page.locator("noscript p")  # Playwright's text search skips <noscript>, so by CSS
        assert hint.is_visible() and hint.inner_text().startswith("Filteren werkt met JavaScript.")
        page.get_by_role("link", name="thema", exact=True).click()
        page.wait_for_url("**/themas/")
        page.go_back()
        page.get_by_role("link", name="Volgende pagina").click()
        page.wait_for_url("**/instrumenten/pagina/2/")
    finally:
        context.close()
