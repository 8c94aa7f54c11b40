"""Integration: the real data/ built into a temporary folder, and a failed build that changes nothing."""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.schema import Schemas

from conftest import ROOT, project_copy, run_generator

pytestmark = pytest.mark.slow


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()
        self.lang = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "html":
            self.lang = a.get("lang") or ""
        for name in ("href", "src"):
            if a.get(name):
                self.links.append((tag, a[name] or ""))


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.parts)


def test_every_record_has_a_page(built_site: Path) -> None:
    schemas = Schemas()
    missing = []
    for name, collection in schemas.collections.items():
        for record in sorted((ROOT / "data" / name).glob("*.yaml")):
            if not (built_site / collection.path / record.stem / "index.html").is_file():
                missing.append(f"{name}/{record.name}")
    assert missing == []


def test_every_internal_link_resolves(built_site: Path) -> None:
    broken = []
    for page in html_pages(built_site):
        parsed = parse(page)
        base = page.parent.relative_to(built_site).as_posix()
        for _tag, link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            if not parts.path:
                if parts.fragment and unquote(parts.fragment) not in parsed.ids:
                    broken.append(f"{page.relative_to(built_site)}: #{parts.fragment}")
                continue
            # Absolute paths (only the 404 page uses them, as it is served at any depth) start at the site root.
            target = posixpath.normpath(posixpath.join(base, unquote(parts.path))).lstrip("/")
            path = built_site / target
            if path.is_dir():
                path = path / "index.html"
            if not path.is_file():
                broken.append(f"{page.relative_to(built_site)}: {link}")
    assert broken == []


def test_search_index_exists_and_covers_the_records(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    indexed = sum(language["page_count"] for language in entry["languages"].values())
    records = sum(1 for _ in (ROOT / "data").glob("*/*.yaml"))
    assert indexed >= records
    assert "nl" in entry["languages"]


def search_fragment(built_site: Path, url: str) -> dict:
    """The Pagefind fragment (the indexed text, filters and metadata) of the page at ``url``."""
    import gzip

    for path in (built_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        if fragment["url"] == url:
            return fragment
    raise AssertionError(f"no search fragment for {url}")


def test_search_indexes_a_page_s_own_text_not_lists_of_other_records(built_site: Path) -> None:
    """Relation lists, sources and field names repeat on many pages; indexed, they would drown the page's own words."""
    fragment = search_fragment(built_site, "/partners/invest-nl/")
    content = fragment["content"]
    assert "impactfundsmodel en het opkoopfonds" in content  # its own summary and description
    assert "Financiering en investeringen" in content  # field values stay searchable
    for elsewhere in ("Wordt genoemd door", "Bronnen", "Verwijst naar", "Laatst gecontroleerd", "Soort partner",
                      "Bewerk dit record", "Zoeken"):
        assert elsewhere not in content, elsewhere
    assert fragment["filters"]["soort"] == ["partner"] and "Nationaal" in fragment["filters"]["bestuurslaag"]


def test_pages_are_dutch_and_load_nothing_from_other_hosts(built_site: Path) -> None:
    for page in html_pages(built_site):
        parsed = parse(page)
        assert parsed.lang == "nl", page
        external = [link for tag, link in parsed.links if tag != "a" and (urlsplit(link).scheme or link.startswith("//"))]
        assert external == [], page


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


BROKEN = {
    "funds/opkoopfonds.yaml": "title: Opkoopfonds\nsummary: Een fonds om vastgoed op te kopen.\nkind: opkoopfonds\n"
                              "status: voorgesteld\nthemes: [financiering]\nbedrag: veel\n"
                              "sources:\n  - {document: pact, section: '4'}\nlast_reviewed: 2026-11-23\n",
    "glossary/marktmeester.yaml": "title: Marktmeester\nsummary: [niet gesloten\n",
    "cases/city-deal-tbgo.yaml": "title: City Deal TBGO\nsummary: Deal over toekomstbestendige gebiedsontwikkeling.\n"
                                 "kind: city-deal\npartners: [bestaat-niet]\nthemes: [samenwerking]\n"
                                 "sources:\n  - {document: pact, section: '1'}\nlast_reviewed: 2026-11-23\n",
}


def test_broken_records_stop_the_build_and_leave_the_site_untouched(tmp_path: Path) -> None:
    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    assert run_generator(root, "site").returncode == 0
    before = tree_digest(root / "site")
    for rel, text in BROKEN.items():
        (root / "data" / rel).write_text(text, encoding="utf-8")
    result = run_generator(root, "site")
    assert result.returncode == 1
    assert re.search(r"^data/funds/opkoopfonds\.yaml:6:1: Onbekend veld 'bedrag'", result.stderr, re.M)
    assert re.search(r"^data/glossary/marktmeester\.yaml:\d+:\d+: YAML-syntaxfout", result.stderr, re.M)
    assert re.search(r"^data/cases/city-deal-tbgo\.yaml:4:12: Onbekende verwijzing 'bestaat-niet'", result.stderr, re.M)
    assert "Traceback" not in result.stderr
    assert tree_digest(root / "site") == before


def test_a_broken_link_in_a_hand_written_page_fails_the_build(tmp_path: Path) -> None:
    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    (root / "content" / "over.md").write_text("# Over\n\n[weg](instrumenten/bestaat-niet.md)\n")
    result = run_generator(root, "site")
    assert result.returncode == 1
    assert "bestaat-niet.md" in result.stderr
    assert not (root / "site").exists()


def test_government_partners_are_government_organizations(built_site: Path) -> None:
    html = (built_site / "partners" / "ministerie-van-bzk" / "index.html").read_text()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "GovernmentOrganization"
    assert '<meta name="description"' in html


def test_a_contact_without_consent_is_published_nowhere_even_past_validation(tmp_path: Path) -> None:
    """The schema refuses such a contact; the pages and exports must drop it all the same.

    The model is built straight from loaded data, so only the render and export filters stand
    between the person and the site: every built file is searched, the search index unpacked.
    """
    import gzip

    from generator.build import collect_content, merge, write_tree
    from generator.config import load_settings
    from generator.pipeline import check, pages_for
    from generator.site import build_site

    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    settings = load_settings(root)
    validated = check(settings.data_dir, display_root=root)
    (partner,) = [r for r in validated.loaded.records["partners"] if r.id == "invest-nl"]
    partner.data["contacts"].append({"name": "Zwijgzame Qwertyna", "role": "Geheim", "email": "qwertyna@example.org",
                                     "consent": False})
    partner.data["contacts"].append({"name": "Stille Qwertijn", "email": "qwertijn@example.org"})
    _, pages = pages_for(validated, Schemas(), settings)
    tree, clashes = merge(collect_content(settings.content_dir), pages)
    assert not clashes
    write_tree(tree, root / "build" / "docs")
    build_site(root, root / "site")
    searched = 0
    for path in (root / "site").rglob("*"):
        if not path.is_file():
            continue
        body = path.read_bytes()
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)  # Pagefind's index and fragments, the sitemap
        text = body.decode("utf-8", errors="replace").lower()
        assert "qwertyna" not in text and "qwertijn" not in text and "zwijgzame" not in text, path
        searched += 1
    assert searched > 50
    assert "voorbeeld persoon" in (root / "site" / "partners" / "invest-nl" / "index.html").read_text().lower()


def test_no_glossary_term_is_linked_inside_a_record_name_on_the_real_site(built_site: Path) -> None:
    """'Pact voor Waardevolle [Kernen]' and '[City Deal] Dynamische [Binnensteden]' stood on 68 pages."""
    inside, named = [], 0
    for page in built_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if re.search(r'Waardevolle <span class="kb-term">|City Deal</a></span> Dynamische', text):
            inside.append(str(page.relative_to(built_site)))
        named += bool(re.search(r'href="[^"]*praktijkvoorbeelden/pact-voor-waardevolle-kernen/"[^>]*>Pact voor Waardevolle Kernen</a>', text))
    assert inside == []
    assert named > 20  # where text names the Pact, it links the Pact
