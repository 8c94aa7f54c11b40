"""Old addresses keep working: data/redirects.yaml, checked, becomes redirect pages and retirement notices."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_settings
from generator.pipeline import check, generate

from conftest import MINIMAL, project_copy, run_generator, write_files

# Marktmeester was once called "kwartiermaker"; an old instrument was removed without successor.
REDIRECTS = """
    glossary:
      - {from: kwartiermaker, to: marktmeester}
    instruments:
      - {from: oude-regeling, retired: "2026-11-30", title: "Oude regeling"}
    """


def problems(data: Path) -> list[str]:
    return [p.text() for p in check(data, display_root=data.parent).problems]


def test_redirects_are_valid_and_made_into_pages(data_tree, tmp_path) -> None:
    result = generate(load_settings(tmp_path), data_tree({"redirects.yaml": REDIRECTS}))
    assert result.validated.ok, [p.text() for p in result.problems]
    moved = result.pages["begrippen/kwartiermaker.md"]
    assert 'redirect: "../marktmeester/"' in moved and "noindex: true" in moved
    assert "Wat hier stond, staat nu op [Marktmeester](marktmeester.md)." in moved
    notice = result.pages["instrumenten/oude-regeling.md"]
    assert "# Oude regeling" in notice and "redirect:" not in notice and "noindex: true" in notice
    assert '**Dit record is vervallen** op <time datetime="2026-11-30">30 november 2026</time>.' in notice
    assert "[overzicht van alle instrumenten](index.md)" in notice
    # Neither is a record: no overview lists them.
    assert "kwartiermaker" not in result.pages["begrippen/index.md"]
    assert "oude-regeling" not in result.pages["instrumenten/index.md"]


def test_every_target_exists_and_old_ids_are_gone(data_tree) -> None:
    data = data_tree({"redirects.yaml": """
        glossary:
          - {from: marktmeester, to: toekomstbestendige-gebiedsontwikkeling}
          - {from: kwartiermaker, to: marktmeestr}
        """})
    assert problems(data) == [
        "data/redirects.yaml:2:12: Er bestaat nog een record met de id 'marktmeester' (data/glossary/marktmeester.yaml). "
        "(veld glossary[0].from) Een doorverwijzing is alleen voor een verwijderd of hernoemd record: haal de "
        "doorverwijzing of het record weg.",
        "data/redirects.yaml:3:31: Onbekende verwijzing 'marktmeestr': er is geen record met die id in begrippen. "
        "(veld glossary[1].to) Bedoelde u 'marktmeester'?",
    ]


def test_no_loops_no_chains_and_one_kind_of_target(data_tree) -> None:
    data = data_tree({"redirects.yaml": """
        glossary:
          - {from: a, to: a}
          - {from: b, to: c}
          - {from: c, to: marktmeester}
          - {from: d}
          - {from: e, to: marktmeester, retired: "2026-11-30"}
          - {from: c, retired: "2026-11-30"}
        projecten: []
        """})
    assert problems(data) == [
        "data/redirects.yaml:2:19: De doorverwijzing van 'a' wijst naar zichzelf. (veld glossary[0].to)",
        "data/redirects.yaml:3:19: 'c' wordt zelf ook doorverwezen. (veld glossary[1].to) Verwijs direct naar 'marktmeester'.",
        "data/redirects.yaml:5:5: Geef bij een doorverwijzing 'to' (de id van het nieuwe record) of 'retired' (de "
        "datum waarop het record verviel), niet allebei en niet geen van beide. (veld glossary[3])",
        "data/redirects.yaml:6:5: Geef bij een doorverwijzing 'to' (de id van het nieuwe record) of 'retired' (de "
        "datum waarop het record verviel), niet allebei en niet geen van beide. (veld glossary[4])",
        "data/redirects.yaml:7:12: 'c' staat twee keer in de doorverwijzingen van glossary. (veld glossary[5].from) "
        "Houd één doorverwijzing per oude id.",
        "data/redirects.yaml:8:1: 'projecten' is geen collectie; de collecties zijn: glossary, instruments, funds, "
        "partners, cases, sources. (veld projecten)",
    ]
    loop = data_tree({"redirects.yaml": "glossary:\n  - {from: a, to: b}\n  - {from: b, to: a}\n"})
    assert [line.split(": ", 1)[1] for line in problems(loop)] == [
        "'b' wordt zelf ook doorverwezen. (veld glossary[0].to) Verwijs direct naar een bestaand record.",
        "'a' wordt zelf ook doorverwezen. (veld glossary[1].to) Verwijs direct naar een bestaand record.",
    ]
    date = data_tree({"redirects.yaml": "cases:\n  - {from: f, retired: \"30-11-2026\"}\n"})
    assert problems(date) == [
        "data/redirects.yaml:2:24: De datum moet de vorm JJJJ-MM-DD hebben. Gevonden: de tekst '30-11-2026'. "
        "(veld cases[0].retired) Bijvoorbeeld: 2026-11-23."]


def test_a_record_others_refer_to_cannot_simply_be_removed(data_tree) -> None:
    data = data_tree({"redirects.yaml": "partners:\n  - {from: invest-nl, retired: \"2026-11-30\"}\n"},
                     remove=("partners/invest-nl.yaml",))
    found = problems(data)
    assert found and all("Onbekende verwijzing 'invest-nl'" in line for line in found), found


@pytest.mark.slow
def test_the_built_site_sends_old_addresses_on_and_keeps_them_out_of_search(tmp_path: Path) -> None:
    root = project_copy(tmp_path, MINIMAL)
    write_files(root / "data", {"redirects.yaml": REDIRECTS})
    marktmeester = root / "data" / "glossary" / "marktmeester.yaml"
    marktmeester.write_text(marktmeester.read_text(encoding="utf-8") + "status: vervallen\n"
                            "replaced_by: toekomstbestendige-gebiedsontwikkeling\n", encoding="utf-8")
    result = run_generator(root, "site")
    assert result.returncode == 0, result.stderr
    site = root / "site"
    moved = (site / "begrippen" / "kwartiermaker" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../marktmeester/">' in moved
    assert '<meta name="robots" content="noindex">' in moved and 'href="../marktmeester/"' in moved
    assert "data-pagefind-body" not in moved
    notice = (site / "instrumenten" / "oude-regeling" / "index.html").read_text(encoding="utf-8")
    assert "Dit record is vervallen</strong> op" in notice and "http-equiv" not in notice
    # The retired term's own page is still there and searchable, with its notice.
    retired = (site / "begrippen" / "marktmeester" / "index.html").read_text(encoding="utf-8")
    assert "Dit record is vervallen." in retired and "data-pagefind-body" in retired
    assert 'href="../toekomstbestendige-gebiedsontwikkeling/"' in retired
    # The site's CSP guard accepts the pages (no inline script was added for the redirects).
    assert "unsafe-inline" not in (site / "csp.txt").read_text().split("script-src")[1].split(";")[0]


def test_a_merged_records_old_title_still_leads_to_it_in_direct_naar(data_tree, tmp_path) -> None:
    """A reader who types the old name (say 'Fit For 55') lands where its content now stands."""
    import json

    redirects = REDIRECTS.replace("{from: kwartiermaker, to: marktmeester}",
                                  '{from: kwartiermaker, to: marktmeester, title: "Kwartier Maker"}')
    result = generate(load_settings(tmp_path), data_tree({"redirects.yaml": redirects}))
    assert result.validated.ok, [p.text() for p in result.problems]
    names = json.loads(result.pages["zoeken/namen/kw.json"])
    assert names["kwartier maker"] == [{"soort": "begrip", "title": "Marktmeester", "url": "begrippen/marktmeester/"}]
    # A retired record's old title is offered nowhere: it has no page to lead to.
    assert "oude regeling" not in json.loads(result.pages.get("zoeken/namen/ou.json", "{}"))
