"""The checks on the built site: a page that would run partner text is refused, naming file and field in Dutch."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.csp import scan, write_policy
from generator.guards import BuildRefused

from conftest import ROOT, project_copy, run_generator, write_files

THEME = '<script>__md_scope=new URL("{base}",location)</script><script>var t=1</script>'


def page(body: str, base: str = "../..") -> str:
    return (f'<!doctype html><html lang="nl"><head><title>Marktmeester</title>{THEME.format(base=base)}</head>'
            f"<body>{body}</body></html>")


def site_with(tmp_path: Path, pages: dict[str, str]) -> Path:
    site = tmp_path / "site"
    write_files(site, {"404.html": page("Niet gevonden", "/"), "index.html": page("Home", "."), **pages})
    return site


def refusal(site: Path, root: Path) -> list[str]:
    with pytest.raises(BuildRefused) as refused:
        write_policy(site, root)
    return [p.text() for p in refused.value.problems]


def test_an_event_handler_from_a_title_names_the_record_file_line_and_field(data_tree, tmp_path: Path) -> None:
    data_tree({"glossary/marktmeester.yaml": (ROOT / "tests/fixtures/minimal/data/glossary/marktmeester.yaml").read_text()
               .replace("title: Marktmeester", 'title: "Markt <img src=x onerror=alert(1)> meester"')})
    site = site_with(tmp_path, {
        "begrippen/marktmeester/index.html": page('<div class="md-header__topic">Markt <img src=x onerror=alert(1)> meester</div>'),
    })
    (message,) = refusal(site, tmp_path)
    assert message.startswith("data/glossary/marktmeester.yaml:2:8: Tekst uit dit veld staat op de gebouwde site als HTML")
    assert "event-handler (onerror op <img>)" in message and "begrippen/marktmeester/index.html" in message
    assert "(veld title)" in message and "meld het aan de beheerders" in message
    assert not (site / "csp.txt").exists()


def test_of_two_fields_holding_the_same_markup_the_one_shown_unescaped_is_named(data_tree, tmp_path: Path) -> None:
    data = data_tree()
    record = data / "funds" / "opkoopfonds.yaml"
    record.write_text(record.read_text().replace("title: Opkoopfonds", 'title: "Fonds <svg onload=alert(1)>"')
                      .replace("summary: Voorgesteld", 'summary: "Samenvatting <svg onload=alert(1)> Voorgesteld'))
    record.write_text(record.read_text().replace("transformatie mogelijk te maken.", 'transformatie mogelijk te maken."'))
    site = site_with(tmp_path, {"fondsen/opkoopfonds/index.html": page(
        '<meta name="description" content="Samenvatting &lt;svg onload=alert(1)&gt; Voorgesteld">'
        "<h1>Fonds <svg onload=alert(1)></h1>")})
    (message,) = refusal(site, tmp_path)
    assert message.startswith("data/funds/opkoopfonds.yaml:2:8:") and "(veld title)" in message


def test_an_inline_script_that_is_not_the_theme_s_is_refused(data_tree, tmp_path: Path) -> None:
    data = data_tree()
    record = data / "sources" / "pact.yaml"
    record.write_text(record.read_text().replace("- Retailagenda", "- Retail <script>alert(2)</script>agenda"))
    site = site_with(tmp_path, {"bronnen/pact/index.html": page("<li>Retail <script>alert(2)</script>agenda</li>")})
    (message,) = refusal(site, tmp_path)
    assert message.startswith("data/sources/pact.yaml:") and "HTML met een script" in message and "(veld parties[1])" in message


def test_text_that_only_looks_like_a_handler_or_script_is_allowed_and_theme_scripts_are_hashed(tmp_path: Path) -> None:
    site = site_with(tmp_path, {"begrippen/x/index.html": page(
        '<meta name="description" content="a onerror=alert(1) <script>alert(2)</script>">'
        "<p>b &lt;img src=x onerror=alert(1)&gt;</p>")})
    hashes, findings = scan(site)
    assert findings == []
    assert len(hashes) == 4  # the scope script for three depths, and the other one
    assert write_policy(site, tmp_path).startswith("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")


def test_markup_no_record_holds_is_blamed_on_its_page(data_tree, tmp_path: Path) -> None:
    data_tree()
    write_files(tmp_path / "content", {"over.md": "# Over\n"})
    site = site_with(tmp_path, {"over/index.html": page('<a href="#" onclick="go()">Over</a>'),
                                "themas/wonen/index.html": page('<b onmouseover="x()">Wonen</b>')})
    first, second = refusal(site, tmp_path)
    assert first.startswith("content/over.md:1:1: De gebouwde pagina over/index.html bevat een event-handler (onclick op <a>)")
    assert second.startswith("generator/templates:1:1: De gebouwde pagina themas/wonen/index.html")  # a generated page


@pytest.mark.slow
def test_make_site_refuses_a_page_with_a_handler_in_dutch_and_keeps_the_old_site(tmp_path: Path) -> None:
    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    assert run_generator(root, "site").returncode == 0
    before = sorted(p.relative_to(root).as_posix() for p in (root / "site").rglob("*"))
    (root / "content" / "over.md").write_text("# Over\n\n<img src=x onerror=alert(1)>\n", encoding="utf-8")
    result = run_generator(root, "site")
    assert result.returncode == 1
    assert "content/over.md:1:1: De gebouwde pagina over/index.html bevat een event-handler (onerror op <img>)" in result.stderr
    assert "er is niets gepubliceerd" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.relative_to(root).as_posix() for p in (root / "site").rglob("*")) == before


@pytest.mark.slow
def test_a_broken_link_in_a_hand_written_page_is_named_with_its_line_in_dutch(tmp_path: Path) -> None:
    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    (root / "content" / "over.md").write_text("# Over\n\nTekst.\n\nZie [weg](instrumenten/bestaat-niet.md).\n", encoding="utf-8")
    result = run_generator(root, "site")
    assert result.returncode == 1
    assert ("content/over.md:5:11: De link 'instrumenten/bestaat-niet.md' wijst naar een pagina die niet bestaat."
            in result.stderr), result.stderr[-2000:]
    assert "Stap mislukt" not in result.stderr and "Traceback" not in result.stderr
