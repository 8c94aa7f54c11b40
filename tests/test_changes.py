"""Nieuw en gewijzigd and its Atom feeds, on a real git history that adds, changes, renames, retires
and removes records; and a copy without history that still builds and says what it lacks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import pytest
from gitrepo import append, commit, git, history_repo, pages

from conftest import MINIMAL, ROOT, project_copy, run_generator, write_files

NEWS = "nieuw/index.md"
SITE = "https://kennisbank.example.nl/"
SUBJECT = 'Nieuw instrument: "Kwartiermakersregeling" & <regeling>'  # escaped in the page and the feed
NEW_PARTNER = """\
title: Invest Nederland
abbreviations: [InvestNL]
summary: Financieringsinstelling van het Rijk, in de bronnen genoemd als kandidaat voor de rol van marktmeester.
type: financiele-instelling
levels: [nationaal]
themes: [financiering]
sources:
  - {document: pact, section: "4. Ontwikkelagenda, actie 8"}
last_reviewed: 2026-06-15
"""
NEW_INSTRUMENT = """\
title: Kwartiermakersregeling
summary: Regeling die gemeenten helpt een kwartiermaker voor hun centrum aan te stellen.
kind: regeling
levels: [nationaal]
status: voorgesteld
themes: [financiering]
sources:
  - {document: pact, section: "4. Ontwikkelagenda, actie 10"}
last_reviewed: 2026-07-01
"""


def busy_repo(root: Path) -> Path:
    """test_history's four commits, then: a term changed and retired, a case removed (its address kept as a
    notice), a partner renamed with a rewritten file (git sees a delete and an add), a record added."""
    history_repo(root)
    data = root / "data"
    append(data / "glossary" / "toekomstbestendige-gebiedsontwikkeling.yaml", "synonyms: [TBGO-aanpak]\n")
    commit(root, "TBGO: synoniem", "2026-04-20")
    append(data / "glossary" / "toekomstbestendige-gebiedsontwikkeling.yaml", "status: vervallen\nreplaced_by: kwartiermaker\n")
    commit(root, "TBGO vervalt; zie kwartiermaker", "2026-05-02")
    git(root, "rm", "-q", "data/cases/city-deal-tbgo.yaml")
    redirects = "glossary:\n  - {from: marktmeester, to: kwartiermaker}\n"
    redirects += 'cases:\n  - {from: city-deal-tbgo, retired: "2026-06-01", title: "City Deal TBGO"}\n'
    write_files(data, {"redirects.yaml": redirects})
    commit(root, "City Deal TBGO verwijderd", "2026-06-01")
    (data / "partners" / "invest-nl.yaml").unlink()
    for path in (data / "funds" / "opkoopfonds.yaml", data / "instruments" / "pact-actie-10-marktmeester.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("invest-nl", "invest-nederland"), encoding="utf-8")
    write_files(data, {"partners/invest-nederland.yaml": NEW_PARTNER,
                       "redirects.yaml": redirects + "partners:\n  - {from: invest-nl, to: invest-nederland}\n"})
    commit(root, "Invest-NL heet voortaan Invest Nederland", "2026-06-15")
    write_files(data, {"instruments/kwartiermakersregeling.yaml": NEW_INSTRUMENT})
    commit(root, SUBJECT, "2026-07-01")
    return root


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return busy_repo(tmp_path_factory.mktemp("busy") / "repo")


@pytest.fixture(scope="module")
def built(busy: Path) -> dict[str, str | bytes]:
    return pages(busy)


def entries(page: str) -> list[tuple[str, str, str, str]]:
    """The page's entries in order: (day, kind, title with its link target, collection)."""
    found = []
    day = ""
    for line in page.splitlines():
        if heading := re.match(r'## <time datetime="([\d-]+)">', line):
            day = heading[1]
        elif item := re.match(r'- <span class="kb-change__kind[^"]*">(\w+)</span> (.+?) <span class="kb-change__collection">([^<]+)</span>', line):
            found.append((day, item[1], item[2], item[3]))
    return found


def test_the_page_lists_every_change_newest_first(built: dict[str, str | bytes]) -> None:
    page = built[NEWS]
    assert isinstance(page, str)
    assert entries(page) == [
        ("2026-07-01", "Toegevoegd", "[Kwartiermakersregeling](../instrumenten/kwartiermakersregeling.md)", "instrument"),
        ("2026-06-15", "Gewijzigd", "[Actie 10: de rol van marktmeester uitwerken](../instrumenten/pact-actie-10-marktmeester.md)", "instrument"),
        ("2026-06-15", "Gewijzigd", "[Opkoopfonds](../fondsen/opkoopfonds.md)", "fonds"),
        # Deleted and added again under the id its redirect names: one rename, not two entries.
        ("2026-06-15", "Hernoemd", "[Invest Nederland](../partners/invest-nederland.md)", "partner, voorheen invest-nl"),
        # Removed: the link leads to the old address, which data/redirects.yaml keeps as a notice.
        ("2026-06-01", "Verwijderd", "[City Deal TBGO](../praktijkvoorbeelden/city-deal-tbgo.md)", "praktijkvoorbeeld"),
        ("2026-05-02", "Vervallen", "[Toekomstbestendige gebiedsontwikkeling](../begrippen/toekomstbestendige-gebiedsontwikkeling.md)", "begrip"),
        # Only its newest change retired it.
        ("2026-04-20", "Gewijzigd", "[Toekomstbestendige gebiedsontwikkeling](../begrippen/toekomstbestendige-gebiedsontwikkeling.md)", "begrip"),
        ("2026-04-01", "Gewijzigd", "[Opkoopfonds](../fondsen/opkoopfonds.md)", "fonds"),
        ("2026-03-05", "Hernoemd", "[Marktmeester](../begrippen/kwartiermaker.md)", "begrip, voorheen marktmeester"),
        ("2026-02-03", "Gewijzigd", "[Opkoopfonds](../fondsen/opkoopfonds.md)", "fonds"),
        # Older changes follow their record to its name now.
        ("2026-01-10", "Toegevoegd", "[Marktmeester](../begrippen/kwartiermaker.md)", "begrip"),
        ("2026-01-10", "Toegevoegd", "[Toekomstbestendige gebiedsontwikkeling](../begrippen/toekomstbestendige-gebiedsontwikkeling.md)", "begrip"),
        ("2026-01-10", "Toegevoegd", "[Actie 10: de rol van marktmeester uitwerken](../instrumenten/pact-actie-10-marktmeester.md)", "instrument"),
        ("2026-01-10", "Toegevoegd", "[Opkoopfonds](../fondsen/opkoopfonds.md)", "fonds"),
        ("2026-01-10", "Toegevoegd", "[Invest Nederland](../partners/invest-nederland.md)", "partner"),
        ("2026-01-10", "Toegevoegd", "[City Deal TBGO](../praktijkvoorbeelden/city-deal-tbgo.md)", "praktijkvoorbeeld"),
        ("2026-01-10", "Toegevoegd", "[Pact voor Waardevolle Kernen](../bronnen/pact.md)", "bron"),
    ]
    # Each commit's subject once, above its records; the date in words.
    assert page.count('<p class="kb-change__subject">Invest-NL heet voortaan Invest Nederland</p>') == 1
    assert '<p class="kb-change__subject">Nieuw instrument: &quot;Kwartiermakersregeling&quot; &amp; &lt;regeling&gt;</p>' in page
    assert '## <time datetime="2026-06-15">15 juni 2026</time>' in page
    assert "zonder volledige versiegeschiedenis" not in page and "zonder versiegeschiedenis" not in page
    # The feeds, linked where a reader sees them.
    assert "[alle wijzigingen (Atom)](atom.xml)" in page
    assert "- [Fondsen](fondsen.xml)" in page and "- [Thema Financiering en investeringen](thema-financiering.xml)" in page


def test_the_home_page_shows_the_newest_five(built: dict[str, str | bytes]) -> None:
    home = built["index.md"]
    assert isinstance(home, str)
    block = home[home.index("## [Nieuw en gewijzigd](nieuw/index.md)"):home.index("[Alle wijzigingen en de feeds](nieuw/index.md)")]
    assert re.findall(r"^- \[([^\]]+)\]\(([^)]+)\) <span class=\"kb-home__date\">([^<]+)<time datetime=\"([\d-]+)\"",
                      block, re.M) == [
        ("Kwartiermakersregeling", "instrumenten/kwartiermakersregeling.md", "toegevoegd, instrument, ", "2026-07-01"),
        ("Actie 10: de rol van marktmeester uitwerken", "instrumenten/pact-actie-10-marktmeester.md", "gewijzigd, instrument, ", "2026-06-15"),
        ("Opkoopfonds", "fondsen/opkoopfonds.md", "gewijzigd, fonds, ", "2026-06-15"),
        ("Invest Nederland", "partners/invest-nederland.md", "hernoemd, partner, ", "2026-06-15"),
        ("City Deal TBGO", "praktijkvoorbeelden/city-deal-tbgo.md", "verwijderd, praktijkvoorbeeld, ", "2026-06-01"),
    ]


def test_dates_redirects_and_notices_on_the_pages(built: dict[str, str | bytes]) -> None:
    assert 'Laatst gewijzigd op <time datetime="2026-06-15">15 juni 2026</time>' in str(built["fondsen/opkoopfonds.md"])
    assert 'Laatst gewijzigd op <time datetime="2026-03-05">5 maart 2026</time>' in str(built["begrippen/kwartiermaker.md"])
    retired = str(built["begrippen/toekomstbestendige-gebiedsontwikkeling.md"])
    assert "**Dit record is vervallen.**" in retired and "Het is vervangen door [Marktmeester](kwartiermaker.md)." in retired
    assert 'Laatst gewijzigd op <time datetime="2026-05-02">2 mei 2026</time>' in retired
    assert 'redirect: "../invest-nederland/"' in str(built["partners/invest-nl.md"])
    assert 'redirect: "../kwartiermaker/"' in str(built["begrippen/marktmeester.md"])
    notice = str(built["praktijkvoorbeelden/city-deal-tbgo.md"])
    assert '**Dit record is vervallen** op <time datetime="2026-06-01">1 juni 2026</time>.' in notice


def plain(link: str) -> str:
    """A Markdown link's text as it reads."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"^\[(.+)\]\(.*\)$", r"\1", link))


def parsed(body: str | bytes) -> feedparser.FeedParserDict:
    feed = feedparser.parse(body)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def test_every_feed_is_valid_atom_with_the_pages_entries(built: dict[str, str | bytes], busy: Path) -> None:
    feeds = {path: parsed(body) for path, body in built.items()
             if path.startswith("nieuw/") and path.endswith(".xml") and path != "nieuw/sitemap.xml"}
    assert len(feeds) == 1 + 6 + 15  # the whole base, each collection, each theme of the fixture
    whole = feeds["nieuw/atom.xml"]
    assert whole.feed.title == "Kennisbank Waardevolle Kernen: nieuw en gewijzigd"
    assert whole.feed.updated == "2026-07-01T10:00:00+01:00" and whole.feed.author == "Lerend netwerk van het Pact voor Waardevolle Kernen"
    assert whole.feed.id == "urn:kennisbank-waardevolle-kernen:nieuw:atom"
    assert [(e.updated[:10], e.title) for e in whole.entries] == [
        (day, f"{kind}: {plain(title)} ({collection.split(',')[0]})") for day, kind, title, collection in entries(str(built[NEWS]))]
    first = whole.entries[0]
    assert first.link == "../instrumenten/kwartiermakersregeling/"  # no site address: relative to the feed
    assert first.summary == f"Toegevoegd (instrument): {SUBJECT}."
    assert first.id.startswith("urn:kennisbank-waardevolle-kernen:wijziging:") and first.id.endswith(":instruments:kwartiermakersregeling")
    assert len({e.id for e in whole.entries}) == len(whole.entries)
    funds = feeds["nieuw/fondsen.xml"]
    assert [e.title for e in funds.entries] == ["Gewijzigd: Opkoopfonds (fonds)"] * 3 + ["Toegevoegd: Opkoopfonds (fonds)"]
    assert funds.feed.updated == "2026-06-15T10:00:00+01:00"  # its own newest entry
    assert [e.title for e in feeds["nieuw/thema-gebiedsgerichte-aanpak.xml"].entries] == [
        "Vervallen: Toekomstbestendige gebiedsontwikkeling (begrip)",
        "Gewijzigd: Toekomstbestendige gebiedsontwikkeling (begrip)", "Toegevoegd: Toekomstbestendige gebiedsontwikkeling (begrip)"]
    empty = feeds["nieuw/thema-wonen.xml"]
    assert empty.entries == [] and empty.feed.updated == "2026-07-01T10:00:00+01:00"  # the newest commit, not the clock
    # With the site's address every link is absolute.
    online = parsed(pages(busy, site_url=SITE)["nieuw/atom.xml"])
    assert online.entries[0].link == SITE + "instrumenten/kwartiermakersregeling/"
    assert {link.href for link in online.feed.links} == {SITE + "nieuw/atom.xml", SITE + "nieuw/"}


def test_two_builds_of_one_commit_are_identical(busy: Path, built: dict[str, str | bytes]) -> None:
    assert pages(busy) == built


def test_a_shallow_clone_says_its_list_is_incomplete(busy: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{busy}", str(shallow))
    built = pages(shallow)
    page = str(built[NEWS])
    assert "oudere wijzigingen ontbreken in deze lijst" in page
    assert [e[0] for e in entries(page)] == ["2026-07-01"]  # the clone's oldest commit stands for everything before
    assert len(parsed(built["nieuw/atom.xml"]).entries) == 1


def test_a_copy_without_history_builds_and_says_the_changes_are_unknown(busy: Path, tmp_path: Path) -> None:
    tarball = tmp_path / "tarball"
    shutil.copytree(busy / "data", tarball / "data")
    built = pages(tarball)
    page = str(built[NEWS])
    assert "gebouwd zonder versiegeschiedenis: welke records nieuw of gewijzigd zijn, is hier niet bekend" in page
    assert entries(page) == []
    assert "Niet bekend: deze versie van de site is gebouwd zonder versiegeschiedenis." in str(built["index.md"])
    feed = parsed(built["nieuw/atom.xml"])
    assert feed.entries == [] and feed.feed.updated == "1970-01-01T00:00:00+00:00"


def test_the_built_site_links_its_feeds_in_every_head(tmp_path: Path) -> None:
    root = project_copy(tmp_path, MINIMAL)
    shutil.rmtree(root / "data")
    busy_repo(root)
    result = run_generator(root, "site", env={"KENNISBANK_SITE_URL": SITE})
    assert result.returncode == 0, result.stderr
    site = root / "site"
    whole = '<link rel="alternate" type="application/atom+xml" title="Kennisbank Waardevolle Kernen: nieuw en gewijzigd" href="{}">'
    for page, href in (("index.html", "nieuw/atom.xml"), ("nieuw/index.html", "atom.xml"),
                       ("begrippen/marktmeester/index.html", "../../nieuw/atom.xml")):
        assert whole.format(href) in (site / page).read_text(encoding="utf-8"), page
    overview = (site / "fondsen" / "index.html").read_text(encoding="utf-8")
    assert ('<link rel="alternate" type="application/atom+xml" title="Kennisbank Waardevolle Kernen, nieuw en gewijzigd: '
            'Fondsen" href="../nieuw/fondsen.xml">') in overview
    theme = (site / "themas" / "wonen" / "index.html").read_text(encoding="utf-8")
    assert 'title="Kennisbank Waardevolle Kernen, nieuw en gewijzigd: Thema Wonen" href="../../nieuw/thema-wonen.xml"' in theme
    feed = parsed((site / "nieuw" / "atom.xml").read_bytes())
    assert feed.entries[0].link == SITE + "instrumenten/kwartiermakersregeling/"
    assert (ROOT / "mkdocs.yml").read_text(encoding="utf-8").count("nieuw/index.md") == 1  # in the navigation


def test_a_record_merged_into_another_says_where_it_went(busy: Path, tmp_path: Path) -> None:
    """Removed with a redirect to a record that exists: 'samengevoegd', linked to where its content is now."""
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{busy}", str(clone))
    data = clone / "data"
    (data / "instruments" / "kwartiermakersregeling.yaml").unlink()
    append(data / "redirects.yaml", "instruments:\n  - {from: kwartiermakersregeling, to: pact-actie-10-marktmeester, "
                                    "title: Kwartiermakersregeling}\n")
    commit(clone, "Kwartiermakersregeling opgegaan in actie 10", "2026-08-01")
    built = pages(clone)
    assert entries(str(built[NEWS]))[0] == (
        "2026-08-01", "Samengevoegd", "[Kwartiermakersregeling](../instrumenten/pact-actie-10-marktmeester.md)",
        "instrument, opgegaan in Actie 10: de rol van marktmeester uitwerken")
    newest = parsed(built["nieuw/atom.xml"]).entries[0]
    assert newest.title == "Samengevoegd: Kwartiermakersregeling (instrument)"
    assert newest.summary.endswith("Opgegaan in: Actie 10: de rol van marktmeester uitwerken.")
