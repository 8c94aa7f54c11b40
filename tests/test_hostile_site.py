"""The whole site (generator, MkDocs, Material, Pagefind) built from hostile data: text stays text.

One record of each collection and every vocabulary entry carry a hostile value in every plain-text
field (tests/hostile.py). The same data with harmless text is built too; every page of the hostile
site must have exactly the elements and attributes of its harmless twin, so nothing in it was
written by partner text, and the hostile text must read as typed in the header, the <title>, the
meta description, the heading and Pagefind's metadata.
"""

from __future__ import annotations

import difflib
import gzip
import html
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.schema import Schemas
from generator.text import normalise

from conftest import ROOT, project_copy, run_generator
from hostile import make_data

pytestmark = pytest.mark.slow
SITE_NAME = "Kennisbank Waardevolle Kernen"
NOT_PUBLISHED = ("-standalone",)  # "staat bewust los": an explanation for the editors, on no page


class Page(HTMLParser):
    """A built page as a browser reads it: its shape (tags and attribute names) and some texts."""

    TEXT_ONLY = ("title", "textarea")

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.shape: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.texts: dict[str, list[str]] = {"title": [], "topic": [], "h1": []}
        self.meta: dict[str, str] = {}
        self.text: list[str] = []
        self._open: list[tuple[str, str | None]] = []  # (tag, which text it collects)
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.TEXT_ONLY:
            self.set_cdata_mode(tag)  # as browsers read them: no tags inside
        found = {name: value or "" for name, value in attrs}
        self.shape.append(f"<{tag} {' '.join(sorted(found))}>")
        self.attributes += [(tag, name, value) for name, value in found.items()]
        if tag == "meta" and "name" in found:
            self.meta[found["name"]] = found.get("content", "")
        collect = None
        if tag == "title" and all(opened != "svg" for opened, _ in self._open):  # a drawing's tooltips are not the page title
            collect = "title"
        elif tag == "h1":
            collect = "h1"
        elif found.get("data-md-component") == "header-topic":
            collect = "topic"
        elif tag == "script" and "src" not in found and found.get("type", "text/javascript") in ("text/javascript", "module"):
            collect = "script"
            self.scripts.append("")
        if tag not in ("meta", "link", "img", "br", "hr", "input", "source"):
            self._open.append((tag, collect))

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            opened, _ = self._open.pop()
            if opened == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for _tag, collect in self._open:
            if collect == "script":
                self.scripts[-1] += data
            elif collect:
                self.texts[collect].append(data)

    def text_of(self, name: str) -> str:
        text = " ".join(self.texts[name])
        return normalise(html.unescape(text) if name in self.TEXT_ONLY else text)  # RCDATA: references, no tags


def html_pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html")) if "pagefind" not in p.parts}


def build(tmp: Path, hostile: bool) -> tuple[Path, dict[str, dict[str, str]]]:
    root = project_copy(tmp, ROOT / "tests" / "fixtures" / "minimal" / "data")
    shutil.rmtree(root / "data")
    values = make_data(root / "data", hostile)
    result = run_generator(root, "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site", values


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, dict[str, str]]]:
    hostile, values = build(tmp_path_factory.mktemp("hostile"), hostile=True)
    control, _ = build(tmp_path_factory.mktemp("control"), hostile=False)
    return hostile, control, values


def test_partner_text_adds_no_element_or_attribute_to_any_page(sites) -> None:
    hostile, control, _ = sites
    pages, twins = html_pages(hostile), html_pages(control)
    assert pages.keys() == twins.keys()
    for rel, path in pages.items():
        shape, expected = Page(path.read_text()).shape, Page(twins[rel].read_text()).shape
        assert shape == expected, f"{rel}:\n" + "\n".join(list(difflib.unified_diff(expected, shape, lineterm=""))[:40])


def test_no_page_carries_handlers_script_urls_or_scripts_of_its_own(sites) -> None:
    hostile, control, _ = sites
    theme_scripts = {s for p in html_pages(control).values() for s in Page(p.read_text()).scripts}
    for rel, path in html_pages(hostile).items():
        page = Page(path.read_text())
        handlers = [(tag, name) for tag, name, _ in page.attributes if name.startswith("on")]
        assert handlers == [], rel
        urls = [(tag, name, value) for tag, name, value in page.attributes
                if name in ("href", "src", "action", "formaction", "srcset") and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text"))]
        assert urls == [], rel
        assert set(page.scripts) <= theme_scripts, rel
        assert "alert(" not in " ".join(page.scripts), rel


def test_hostile_text_reads_as_typed_in_title_header_heading_and_meta(sites) -> None:
    hostile, _, values = sites
    schemas = Schemas()
    checked = 0
    for name, collection in schemas.collections.items():
        record_file = next(f for f in values if f.startswith(f"data/{name}/"))
        fields = values[record_file]
        record_id = Path(record_file).stem
        page = Page((hostile / collection.path / record_id / "index.html").read_text())
        title, summary = fields[f"{name}-title"], fields[f"{name}-summary"]
        assert "<img src=x onerror=alert(1)>" in title and "&amp;" in title and "Actie & plan" in title
        assert page.text_of("title") == f"{normalise(title)} - {SITE_NAME}"
        assert page.text_of("topic") == normalise(title)
        assert page.text_of("h1").startswith(normalise(title))
        assert page.meta["description"] == normalise(summary)
        checked += 1
    assert checked == len(schemas.collections)


def test_every_published_hostile_value_appears_literally_on_the_site(sites) -> None:
    hostile, _, values = sites
    text = " ".join(normalise(" ".join(Page(p.read_text()).text)) for p in html_pages(hostile).values())
    # Every record field; of the vocabularies, the themes (each has a page). The other lists' labels
    # show only where a record uses them, and their descriptions only in the editors' schema.
    shown = {marker: value for file, fields in values.items() for marker, value in fields.items()
             if file != "data/vocabularies.yaml" or marker.startswith("themes-")}
    missing = [marker for marker, value in shown.items() if not marker.endswith(NOT_PUBLISHED) and normalise(value) not in text]
    assert missing == [], missing
    assert " 49 " not in text  # {{ 7*7 }} is never evaluated


def test_search_metadata_holds_the_text_and_no_markup(sites) -> None:
    hostile, _, values = sites
    fragments = [json.loads(gzip.decompress(p.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for p in (hostile / "pagefind" / "fragment").glob("*.pf_fragment")]
    titles = {f["url"]: f["meta"].get("title", "") for f in fragments}
    for fragment in fragments:
        assert set(fragment["meta"]) <= {"title", "soort"}, fragment["url"]  # no image taken from partner text
    for name, collection in Schemas().collections.items():
        record_file = next(f for f in values if f.startswith(f"data/{name}/"))
        url = f"/{collection.path}/{Path(record_file).stem}/"
        assert titles[url].startswith(normalise(values[record_file][f"{name}-title"])), url
