"""In a real browser (Debian's Chromium driven by Playwright): search, filters, privacy, accessibility."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import served

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def search(page, base_url: str, query: str) -> list[str]:
    """Type a query into the header's search box; the result links in the order a reader sees them."""
    page.goto(base_url + "bijdragen/")
    page.locator("pagefind-modal-trigger").click()
    page.locator("pagefind-modal input").first.fill(query)
    page.wait_for_selector("pagefind-modal pagefind-results a", timeout=10000)
    page.wait_for_timeout(400)  # the exact-name look-up answers after a short pause in typing
    links = page.locator("pagefind-modal-body a[href]")
    return [urlsplit(links.nth(i).get_attribute("href") or "").path for i in range(min(links.count(), 6))]


@pytest.mark.parametrize(("query", "expected"), [
    ("TBGO", "/begrippen/toekomstbestendige-gebiedsontwikkeling/"),
    ("marktmeester", "/begrippen/marktmeester/"),
    ("Invest-NL", ("/partners/invest-nl/", "/fondsen/invest-nl/")),  # the organisation and its fund
    ("Platform31", "/partners/platform31/"),
    ("ESG", "/begrippen/esg-aspecten/"),
])
def test_search_finds_the_record_first(page, base_url: str, query: str, expected: str | tuple[str, ...]) -> None:
    urls = search(page, base_url, query)
    assert urls and urls[0].endswith(expected), urls


def test_exact_name_look_up_ignores_case_and_spacing(page, base_url: str) -> None:
    page.goto(base_url)
    hits = page.evaluate("""async () => {
        const { exactMatches } = await import('./assets/search.js');
        return (await exactMatches('  tbgo ')).map(h => h.url);
    }""")
    assert [urlsplit(u).path for u in hits] == ["/begrippen/toekomstbestendige-gebiedsontwikkeling/"]


def test_search_box_in_the_header_opens_and_shows_results(page, base_url: str) -> None:
    page.goto(base_url + "instrumenten/")
    page.locator("pagefind-modal-trigger").click()
    field = page.locator("pagefind-modal input").first
    field.fill("marktmeester")
    page.wait_for_selector("pagefind-modal pagefind-results a", timeout=10000)
    assert page.locator("pagefind-modal pagefind-results a").count() >= 1


@pytest.mark.parametrize("width", [1280, 375])
def test_the_search_starts_when_reached_looks_the_same_and_finds_on_the_first_click(browser, base_url: str,
                                                                                  width: int) -> None:
    """Pagefind's Component UI is not started with the page (its start-up blocked the main thread;
    it is only fetched when the page is idle), but the header's button is there from the start,
    unchanged when Pagefind takes it over."""
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=width < 400, has_touch=width < 400)
    pg = context.new_page()
    requested: list[str] = []
    pg.on("request", lambda request: requested.append(request.url))
    pg.goto(base_url + "instrumenten/")
    pg.wait_for_load_state("networkidle")
    pg.wait_for_timeout(300)
    assert pg.evaluate("window.PagefindComponents === undefined && !customElements.get('pagefind-modal-trigger')")
    assert not [u for u in requested if "/pagefind/pagefind" in u and "component-ui" not in u]  # nor its engine
    button = pg.locator(".kb-search pagefind-modal-trigger button")
    before = (button.bounding_box(), button.inner_text(), button.get_attribute("aria-label"))
    assert before[2] == "Zoeken Ctrl K"
    button.click()  # a tap on a phone
    pg.wait_for_selector("pagefind-modal dialog[open]", timeout=10000)
    assert pg.evaluate("document.activeElement.closest('pagefind-modal') !== null")  # the search field
    pg.locator("pagefind-modal input").first.fill("marktmeester")
    pg.wait_for_selector("pagefind-modal .kb-direct a", timeout=10000)
    pg.wait_for_selector("pagefind-modal pagefind-results a", timeout=10000)
    assert not [u for u in requested if "pagefind-worker.js" in u]  # <pagefind-config no-worker> holds
    pg.keyboard.press("Escape")
    after = (button.bounding_box(), button.inner_text(), button.get_attribute("aria-label"))
    context.close()
    assert after == before


def test_nothing_moves_while_an_overview_loads_on_a_phone(browser, base_url: str) -> None:
    """Lighthouse's layout shift: what the scripts add (search button, filter status, Vergelijk
    buttons) must not push the header or the list."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(base_url + "instrumenten/")
    pg.wait_for_load_state("networkidle")
    shifts = pg.evaluate("""() => new Promise(done => {
        new PerformanceObserver(list => done(list.getEntries().map(e => e.value)))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done([]), 500);  // no shift: no entry at all
    })""")
    context.close()
    assert sum(shifts) < 0.001, shifts


def test_what_is_typed_at_once_after_ctrl_k_reaches_the_search_field_while_it_starts(page, base_url: str) -> None:
    """On a slow connection the Component UI takes a moment to start: no typed letter is lost."""
    held: list = []
    page.route("**/pagefind-component-ui.js", lambda route: held.append(route))  # arrives when the test says
    page.goto(base_url + "instrumenten/")
    page.keyboard.press("Control+k")
    page.keyboard.type("marktm")
    page.keyboard.press("Backspace")
    page.keyboard.type("meester")
    assert held and not page.locator("pagefind-modal dialog[open]").count()
    for route in held:
        route.continue_()
    page.wait_for_selector("pagefind-modal dialog[open]", timeout=10000)
    page.keyboard.type(" ")
    assert page.locator("pagefind-modal input").first.input_value() == "marktmeester "
    page.wait_for_selector("pagefind-modal .kb-direct a", timeout=10000)


def test_a_click_during_which_the_search_starts_opens_it(page, base_url: str) -> None:
    """The pointer reaching the button starts the Component UI; when it arrives between the press
    and the release, Pagefind has redrawn the button and the click lands beside it: still opens."""
    held: list = []
    page.route("**/pagefind-component-ui.js", lambda route: held.append(route))
    page.goto(base_url + "instrumenten/")
    box = page.locator(".kb-search pagefind-modal-trigger button").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_function("n => true", arg=0)  # let the page see the press
    assert held
    for route in held:
        route.continue_()
    page.wait_for_function("!!window.PagefindComponents", timeout=10000)
    page.mouse.up()
    page.wait_for_selector("pagefind-modal dialog[open]", timeout=10000)


def test_the_search_button_keeps_the_focus_when_reached_by_keyboard(page, base_url: str) -> None:
    page.goto(base_url + "instrumenten/")
    page.locator(".kb-search pagefind-modal-trigger button").focus()  # as Tab would
    page.wait_for_function("!!window.PagefindComponents && !!document.querySelector('pagefind-modal dialog')", timeout=10000)
    assert page.evaluate("document.activeElement.matches('.kb-search pagefind-modal-trigger button')")
    page.keyboard.press("Enter")
    page.wait_for_selector("pagefind-modal dialog[open]", timeout=10000)


def open_facet(page, field: str) -> None:
    """Unfold an overview's facet (its <details>) by its button, as a reader does."""
    page.locator(f"details.kb-facet:has(input[name={field}]) > summary").click()


def test_a_filter_narrows_the_overview_and_survives_a_reload(page, base_url: str) -> None:
    page.goto(base_url + "instrumenten/")
    items = page.locator("[data-kb-list] > li")
    total = items.count()
    open_facet(page, "levels")
    box = page.locator("input[name=levels][value=europees]")
    box.check()
    visible = page.locator("[data-kb-list] > li:not([hidden])")
    shown = visible.count()
    assert 0 < shown < total
    for i in range(shown):
        assert "europees" in (visible.nth(i).get_attribute("data-levels") or "").split()
    assert "levels=europees" in page.url
    assert page.locator("details.kb-facet:has(input[name=levels]) [data-kb-chosen]").inner_text().startswith("1")
    page.reload()
    assert page.locator("input[name=levels][value=europees]").is_checked()
    assert page.locator("[data-kb-list] > li:not([hidden])").count() == shown


def test_filters_work_by_keyboard_alone(page, base_url: str) -> None:
    page.goto(base_url + "instrumenten/")
    fold = page.locator("details.kb-facet:has(input[name=levels])")
    fold.locator("summary").focus()
    page.keyboard.press("Enter")
    assert fold.get_attribute("open") is not None
    page.keyboard.press("Tab")  # the first value: Europees
    box = page.locator("input[name=levels][value=europees]")
    assert page.evaluate("document.activeElement.value") == "europees"
    page.keyboard.press("Space")
    assert box.is_checked()
    page.wait_for_function("location.search.includes('levels=europees')", timeout=5000)
    assert page.locator("[data-kb-list] > li:not([hidden])").count() < page.locator("[data-kb-list] > li").count()
    page.keyboard.press("Escape")  # closes the fold, focus back on its button
    assert fold.get_attribute("open") is None
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_no_request_leaves_localhost(page, base_url: str) -> None:
    for path in ["", "begrippen/", "begrippen/marktmeester/", "instrumenten/", "partners/invest-nl/"]:
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
    search(page, base_url, "TBGO")
    hosts = {urlsplit(u).hostname for u in page.requested if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}


PAGE_TYPES = ["", "over/", "begrippen/", "begrippen/marktmeester/", "instrumenten/", "fondsen/", "partners/", "projecten/",
              "partners/invest-nl/", "praktijkvoorbeelden/", "themas/", "themas/financiering/", "bronnen/pact/",
              "open-data/", "bijdragen/", "actualiteit/", "nieuw/", "404.html", "wegwijzer/", "wegwijzer/?thema=wonen",
              "wegwijzer/?thema=wonen&bestuurslaag=nationaal&hulp=", "wegwijzer/?thema=mobiliteit&bestuurslaag=europees&hulp=geld",
              "wegwijzer/thema/wonen/", "vergelijken/", "vergelijken/?ids=invest-nl,stadsmakersfonds,onbekend",
              "netwerk/", "netwerk/wonen/"]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def wcag_violations(page) -> list[tuple[str, str, list]]:
    """axe-core with every WCAG 2.0 and 2.1 A and AA rule, the ones axe calls experimental included."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.evaluate(axe.axe_script)
    experimental = page.evaluate(
        "tags => axe.getRules(['experimental']).filter(r => r.tags.some(t => tags.includes(t))).map(r => r.ruleId)", WCAG)
    assert "label-content-name-mismatch" in experimental
    options = {"runOnly": {"type": "tag", "values": WCAG}, "rules": {rule: {"enabled": True} for rule in experimental},
               "resultTypes": ["violations"]}
    response = axe.run(page, options=options).response
    ran = {rule["id"] for kind in ("violations", "passes", "incomplete", "inapplicable") for rule in response[kind]}
    assert set(experimental) <= ran
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in response["violations"]]


def first_record(built_site: Path, section: str) -> str:
    return f"{section}/{min(p.name for p in (built_site / section).iterdir() if p.is_dir())}/"


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_axe_finds_no_violation_of_any_wcag_a_or_aa_rule(page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    assert wcag_violations(page) == []


@pytest.mark.parametrize("section", ["instrumenten", "fondsen", "praktijkvoorbeelden", "bronnen"])
def test_axe_finds_no_violation_on_a_record_page_of_each_kind(page, base_url: str, built_site: Path, section: str) -> None:
    page.goto(base_url + first_record(built_site, section))
    assert wcag_violations(page) == []


@pytest.mark.parametrize("width", [1280, 375])
def test_axe_finds_no_violation_in_the_open_search_with_results(browser, base_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    pg = context.new_page()
    search(pg, base_url, "marktmeester")
    try:
        assert wcag_violations(pg) == []
        dropdown = pg.locator("pagefind-filter-dropdown[filter=soort]")
        dropdown.locator("button").first.click()
        dropdown.locator("[role=option]").first.wait_for(timeout=10000)
        assert wcag_violations(pg) == []  # with a filter list open
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "begrippen/", "instrumenten/", "partners/invest-nl/", "projecten/", "nieuw/", "wegwijzer/",
                                  "wegwijzer/?thema=financiering&bestuurslaag=&hulp=geld",
                                  "vergelijken/?ids=invest-nl,stadsmakersfonds,opkoopfonds,impactfundsmodel"])
def test_no_horizontal_scrolling_on_a_phone(browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    pg = context.new_page()
    pg.goto(base_url + path)
    width = pg.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375


def test_pages_work_under_the_strict_content_security_policy(browser, base_url: str, built_site: Path) -> None:
    policy = (built_site / "csp.txt").read_text().strip()
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    context = browser.new_context()

    def with_policy(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": policy})

    context.route("**/*", with_policy)
    pg = context.new_page()
    violations: list[str] = []
    pg.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    for path in ["", "begrippen/marktmeester/", "wegwijzer/?thema=wonen&bestuurslaag=&hulp=", "vergelijken/?ids=invest-nl,opkoopfonds",
                 "instrumenten/"]:
        pg.goto(base_url + path)
        pg.wait_for_load_state("networkidle")
    open_facet(pg, "levels")
    pg.locator("input[name=levels][value=europees]").check()
    assert "levels=europees" in pg.evaluate("location.search")
    pg.locator("pagefind-modal-trigger").click()
    pg.locator("pagefind-modal input").first.fill("marktmeester")
    pg.wait_for_selector("pagefind-modal pagefind-results a", timeout=10000)
    context.unroute_all(behavior="ignoreErrors")
    context.close()
    assert violations == []


def test_search_works_by_keyboard_alone_and_closes_when_a_result_is_followed(page, base_url: str) -> None:
    page.goto(base_url + "instrumenten/")
    page.keyboard.press("Control+k")
    page.keyboard.type("marktmeester")
    page.wait_for_selector("pagefind-modal .kb-direct a", timeout=10000)
    for _ in range(3):  # from the search field past its reset button to "Direct naar"
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.kb-direct') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('.kb-direct') !== null")
    page.keyboard.press("Enter")
    page.wait_for_url("**/begrippen/marktmeester/")
    assert not page.evaluate("!!document.querySelector('pagefind-modal dialog[open]')")


def test_glossary_letter_navigation_works_by_keyboard(page, base_url: str) -> None:
    page.goto(base_url + "begrippen/")
    link = page.locator(".kb-az a").first
    link.focus()
    page.keyboard.press("Enter")
    target = link.get_attribute("href")
    assert page.evaluate("location.hash") == target
    assert page.locator(target).is_visible()


def test_search_links_work_when_the_site_lives_below_a_path(browser, built_site: Path, tmp_path: Path) -> None:
    """GitHub Pages serves a project site at /<repository>/: result links must include that path."""
    root = tmp_path / "www"
    root.mkdir()
    (root / "kennisbank").symlink_to(built_site, target_is_directory=True)
    with served(root) as url:
        pg = browser.new_page()
        pg.goto(url + "kennisbank/bijdragen/")
        pg.locator("pagefind-modal-trigger").click()
        pg.locator("pagefind-modal input").first.fill("marktmeester")
        pg.wait_for_selector("pagefind-modal .kb-direct a", timeout=10000)
        pg.wait_for_selector("pagefind-modal pagefind-results a", timeout=10000)
        hrefs = [pg.locator("pagefind-modal-body a[href]").nth(i).get_attribute("href") for i in range(2)]
        pg.close()
    assert all(urlsplit(h or "").path.startswith("/kennisbank/") for h in hrefs), hrefs


def test_a_first_search_fetches_no_filter_counts_until_the_filters_are_reached(page, base_url: str) -> None:
    """Filter counts are a quarter of a first search at 10,000 records: they load only when a
    visitor reaches the filter panel, and then the dropdowns fill and narrow the results."""
    links = search(page, base_url, "financiering")
    assert links
    assert not [u for u in page.requested if "/pagefind/filter/" in u]
    summary = page.locator("pagefind-modal pagefind-summary")
    before = summary.inner_text()
    dropdown = page.locator("pagefind-filter-dropdown[filter=soort]")
    dropdown.locator("button").first.click()
    option = dropdown.locator("[role=option]").filter(has_text="begrip").first
    option.wait_for(timeout=10000)
    assert [u for u in page.requested if "/pagefind/filter/" in u]
    assert not page.locator("pagefind-modal .pf-dropdown-error").count()
    option.click()
    page.wait_for_function("(before) => document.querySelector('pagefind-modal pagefind-summary').innerText !== before",
                           arg=before, timeout=10000)
    page.wait_for_timeout(300)
    hrefs = [page.locator("pagefind-modal pagefind-results a[href]").nth(i).get_attribute("href") or ""
             for i in range(page.locator("pagefind-modal pagefind-results a[href]").count())]
    assert hrefs and all("/begrippen/" in urlsplit(h).path for h in hrefs)


def test_search_filters_fill_when_reached_by_keyboard(page, base_url: str) -> None:
    search(page, base_url, "financiering")
    page.locator("pagefind-modal input").first.focus()
    for _ in range(12):  # from the search field past "Direct naar" to the filter panel
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.kb-search__filters') !== null"):
            break
    assert page.evaluate("document.activeElement.closest('.kb-search__filters') !== null")
    page.keyboard.press("Enter")
    page.wait_for_selector("pagefind-modal .kb-search__filters [role=option]", timeout=10000)


# -- layout as a reader sees it, on a phone and on a desktop -------------------------------------

SIZES = [(375, 800), (1280, 800)]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}px")
def screen(request, browser):
    width, height = request.param
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone)
    pg = context.new_page()
    pg.height = height  # type: ignore[attr-defined]
    yield pg
    context.close()


def top(page, selector: str) -> float:
    """Where an element starts, in CSS pixels from the top of the page."""
    return page.evaluate("(s) => document.querySelector(s).getBoundingClientRect().top + scrollY", selector)


def test_the_letters_of_the_glossary_stand_in_one_row_on_a_desktop(screen, base_url: str) -> None:
    screen.goto(base_url + "begrippen/")
    tops = screen.evaluate("[...document.querySelectorAll('.kb-az li')].map(li => li.getBoundingClientRect().top)")
    assert len(tops) > 15
    if screen.viewport_size["width"] >= 1280:
        assert len(set(tops)) == 1, sorted(set(tops))
    else:  # a phone wraps them in a few rows of equal letters, never one letter per line
        assert len(set(tops)) <= 3, sorted(set(tops))
    assert screen.evaluate("document.querySelector('.kb-az').getBoundingClientRect().height") < 160


@pytest.mark.parametrize("path", ["instrumenten/", "fondsen/", "partners/", "praktijkvoorbeelden/"])
def test_the_first_records_of_an_overview_show_on_the_first_screen(screen, base_url: str, path: str) -> None:
    screen.goto(base_url + path)
    first = screen.locator("[data-kb-list] > li").first
    box = first.bounding_box()
    assert box is not None
    assert box["y"] + 60 <= screen.height, (path, box)  # its title and the start of its summary
    # The facets are there, folded: each one opens in place and shows its values.
    fold = screen.locator("details.kb-facet").first
    fold.locator("summary").click()
    assert fold.locator("input").first.is_visible()


def test_the_phone_header_shows_the_whole_site_name_and_no_keyboard_hint(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    pg = context.new_page()
    pg.goto(base_url + "instrumenten/")
    name = pg.locator(".md-header__topic").first.locator(".md-ellipsis")
    cut = name.evaluate("e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1")
    hint = pg.locator(".kb-search .pf-trigger-shortcut")
    hint.first.wait_for(state="attached", timeout=10000)
    hint_shown = hint.first.is_visible()
    context.close()
    assert not cut
    assert not hint_shown


def test_the_open_data_table_fits_a_phone(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    pg = context.new_page()
    pg.goto(base_url + "open-data/")
    table = pg.locator(".kb-downloads table")
    fits = table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth && t.getBoundingClientRect().right <= innerWidth")
    right = pg.evaluate("Math.max(...[...document.querySelectorAll('.kb-downloads a')].map(a => a.getBoundingClientRect().right))")
    context.close()
    assert fits
    assert right <= 375


def test_long_relation_lists_are_grouped_counted_and_folded(page, base_url: str) -> None:
    page.goto(base_url + "begrippen/binnenstad/")  # used in some ninety records
    used = page.locator(".kb-relations").filter(has=page.locator("h2", has_text="Gebruikt in"))
    headings = used.locator("h3").all_inner_texts()
    assert any(h.startswith("Instrumenten (") for h in headings) and any(h.startswith("Partners (") for h in headings)
    visible = [a for a in used.locator("li a").all() if a.is_visible()]
    total = sum(int(h.rsplit("(", 1)[1].rstrip(")")) for h in headings)
    assert total > 60 and len(visible) <= 13 * len(headings) < total
    more = used.locator("details.kb-more > summary").first
    assert more.inner_text().startswith("en ") and more.inner_text().endswith(" meer")
    more.click()
    assert sum(a.is_visible() for a in used.locator("li a").all()) > len(visible)


def test_a_symmetric_relation_is_listed_once(page, base_url: str) -> None:
    page.goto(base_url + "praktijkvoorbeelden/city-deal-tbgo/")
    related = page.locator("h3", has_text="Verwante")
    assert related.count() == 1, related.all_inner_texts()


def test_a_printed_record_page_shows_content_without_navigation_and_with_link_addresses(page, base_url: str) -> None:
    page.goto(base_url + "instrumenten/leefbaarometer/")  # a record with an external link
    page.emulate_media(media="print")
    for selector in [".md-header", ".md-sidebar--primary", ".md-footer", ".kb-search", ".kb-edit"]:
        if page.locator(selector).count():
            assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()
    external = page.locator(".md-content a[href^='http']").first
    after = external.evaluate("a => getComputedStyle(a, '::after').content")
    assert external.get_attribute("href") in after
    internal = page.locator(".md-content a[href^='../']").first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal", "")


def test_printing_opens_folded_relation_lists(page, base_url: str) -> None:
    page.goto(base_url + "begrippen/binnenstad/")
    folded = page.locator("details.kb-more:not([open]) li a").first
    assert not folded.is_visible()
    page.emulate_media(media="print")
    assert folded.is_visible()


def test_the_home_page_shows_what_is_here_on_the_first_screen(screen, base_url: str, built_site: Path) -> None:
    screen.goto(base_url)
    assert screen.locator("[data-kb-open-search]").bounding_box()["y"] < screen.height / 2
    cards = screen.locator(".kb-home__sections li")
    assert cards.count() >= 7
    counts = {}
    for i in range(cards.count()):
        card = cards.nth(i)
        box = card.bounding_box()
        assert box["y"] + box["height"] <= screen.height, card.inner_text()
        label = card.locator("a").first.inner_text()
        counts[label] = int(card.locator(".kb-home__count").inner_text().split()[0])
        assert card.locator("p + p").inner_text().strip()  # one line about it
    # The numbers are the data's: as many as the overview lists.
    overview = (built_site / "instrumenten" / "index.html").read_text(encoding="utf-8")
    assert counts["Instrumenten"] == overview.count("<li data-") > 100
    for heading in ("Nieuw en gewijzigd", "acties van het Pact"):
        assert screen.locator("h2", has_text=heading).bounding_box()["y"] + 30 <= screen.height, heading
    actions = screen.locator(".kb-home__actions li a")
    assert actions.count() == 10 and actions.first.inner_text().startswith("Actie 1:")
    assert actions.first.bounding_box()["y"] + 20 <= screen.height
    screen.locator("[data-kb-open-search]").click()
    screen.wait_for_selector("pagefind-modal dialog[open]", timeout=10000)

def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_make_serve_shows_a_broken_edit_in_dutch_as_text_until_it_is_fixed(browser, tmp_path: Path) -> None:
    import subprocess
    import sys
    import time
    import urllib.request

    from conftest import ROOT, project_copy

    (tmp_path / "project").mkdir()
    root = project_copy(tmp_path / "project", ROOT / "tests" / "fixtures" / "minimal" / "data")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/begrippen/marktmeester/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    record = root / "data" / "glossary" / "marktmeester.yaml"
    good = record.read_text(encoding="utf-8")
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                time.sleep(0.5)
        pg = browser.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        pg.goto(url)
        assert not pg.locator(".kb-preview-error").count()
        record.write_text(good + '"<img src=x onerror=alert(1)>": waarde\n', encoding="utf-8")
        overlay = pg.locator(".kb-preview-error")
        overlay.wait_for(timeout=90000)  # MkDocs reloads the page once it has copied the new status
        text = overlay.inner_text()
        assert "De gegevens bevatten een fout" in text
        assert "data/glossary/marktmeester.yaml:" in text and "Onbekend veld '<img src=x onerror=alert(1)>'." in text
        assert pg.locator(".kb-preview-error img, [onerror]").count() == 0
        record.write_text(good, encoding="utf-8")
        overlay.wait_for(state="detached", timeout=90000)
        assert pg.locator("h1").inner_text().startswith("Marktmeester")
        pg.close()
        assert dialogs == []
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    output = (tmp_path / "serve.log").read_text()
    assert f"Voorbeeld op http://127.0.0.1:{port}/" in output
    assert "dirty" not in output.lower() and "Traceback" not in output


@pytest.mark.parametrize("path", ["", "fondsen/", "nieuw/", "themas/vastgoed/", "begrippen/marktmeester/"])
def test_a_page_requests_nothing_that_is_missing(page, base_url: str, path: str) -> None:
    """A failed request is a console error for every reader (and Lighthouse counts it): each file a
    page or the theme's scripts ask for exists, the sitemap Material looks for beside a feed link too."""
    failed: list[str] = []
    page.on("response", lambda response: failed.append(f"{response.status} {response.url}") if response.status >= 400 else None)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert failed == []
