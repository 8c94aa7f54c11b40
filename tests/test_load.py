"""Reading data/: one stated rule for which files are records, and safe reading of each."""

from __future__ import annotations

from pathlib import Path

from generator.load import MAX_FILE_BYTES, load, make_id
from generator.schema import Schemas

COLLECTIONS = list(Schemas().collections)


def codes(data: Path) -> dict[str, str]:
    loaded = load(data, COLLECTIONS)
    return {p.path: p.code for p in loaded.problems}


def test_minimal_data_loads_without_problems(data_tree) -> None:
    loaded = load(data_tree(), COLLECTIONS)
    assert loaded.problems == []
    assert [r.id for r in loaded.records["glossary"]] == ["marktmeester", "toekomstbestendige-gebiedsontwikkeling"]


def test_stray_files_are_reported_and_hidden_files_ignored(data_tree) -> None:
    data = data_tree({
        "glossary/oud.yml": "title: x\n",
        "glossary/notes.txt": "aantekening\n",
        "glossary/.DS_Store": "x",
        "glossary/Hoofdletter.yaml": "title: x\n",
        "glossary/sub/x.yaml": "title: x\n",
        "extra/x.yaml": "title: x\n",
    })
    found = codes(data)
    assert found == {
        "data/glossary/oud.yml": "file-extension",
        "data/glossary/notes.txt": "file-stray",
        "data/glossary/Hoofdletter.yaml": "file-name",
        "data/glossary/sub": "file-folder",
        "data/extra": "unknown-collection",
    }


def test_symlinks_are_not_followed(data_tree, tmp_path: Path) -> None:
    data = data_tree()
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: geheim\n")
    (data / "glossary" / "link.yaml").symlink_to(secret)
    assert codes(data) == {"data/glossary/link.yaml": "file-symlink"}


def test_oversized_file_is_refused_with_the_limit(data_tree) -> None:
    data = data_tree({"glossary/groot.yaml": "title: " + "x" * (MAX_FILE_BYTES + 10) + "\n"})
    loaded = load(data, COLLECTIONS)
    (problem,) = loaded.problems
    assert problem.code == "file-too-large" and "256 KB" in problem.message


def test_non_utf8_file_is_refused_at_the_bad_byte(data_tree) -> None:
    data = data_tree({"glossary/latin.yaml": "title: ok\nsummary: caf\xe9 au lait\n".encode("latin-1")})
    (problem,) = load(data, COLLECTIONS).problems
    assert (problem.code, problem.line, problem.column) == ("file-not-utf8", 2, 13)


def test_byte_order_mark_is_accepted(data_tree) -> None:
    data = data_tree({"glossary/bom.yaml": b"\xef\xbb\xbftitle: Met BOM\n"})
    loaded = load(data, COLLECTIONS)
    assert loaded.problems == []
    assert next(r for r in loaded.records["glossary"] if r.id == "bom").data == {"title": "Met BOM"}


def test_make_id_gives_a_safe_slug() -> None:
    assert make_id("Coöperatie ’s-Hertogenbosch & Zoon!") == "cooperatie-s-hertogenbosch-zoon"
    assert make_id("../../etc/passwd") == "etc-passwd"



def test_the_staging_folder_gets_exactly_the_tree_and_only_changed_files_are_rewritten(tmp_path) -> None:
    """``make serve`` reloads what an edit touched: unchanged files keep their time stamp."""
    import os

    from generator.build import write_tree

    target = tmp_path / "docs"
    tree = {"index.md": b"home", "begrippen/a.md": b"a", "begrippen/b.md": b"b", "oud/c.md": b"c"}
    assert write_tree(tree, target) == 4
    os.utime(target / "begrippen" / "a.md", (1, 1))
    changed = {"index.md": b"home", "begrippen/a.md": b"a", "begrippen/b.md": b"B"}
    assert write_tree(changed, target) == 2  # b.md rewritten, oud/c.md removed
    assert (target / "begrippen" / "a.md").stat().st_mtime == 1
    assert (target / "begrippen" / "b.md").read_bytes() == b"B"
    assert not (target / "oud").exists()
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == sorted(changed)


def test_reading_in_several_processes_gives_the_same_records_and_problems(data_tree) -> None:
    """A large base is read by worker processes; records, order, problems and positions must not differ."""
    data = data_tree({
        "glossary/kapot.yaml": "title: [niet gesloten\n",
        "glossary/latin.yaml": "title: ok\nsummary: caf\xe9\n".encode("latin-1"),
        "funds/dubbel.yaml": "title: a\ntitle: b\n",
        **{f"partners/partner-{i:02d}.yaml": f"title: Partner {i}\nsummary: nummer {i}\n" for i in range(20)},
    })
    from generator.load import gather, list_records, read_record
    from generator.pool import map_items

    listing = list_records(data, COLLECTIONS)
    one, spread = load(data, COLLECTIONS), gather(listing, map_items(read_record, listing.files, 3))
    assert spread.problems == one.problems and len(one.problems) == 3
    assert {name: [(r.id, r.path, r.data, r.text) for r in records] for name, records in spread.records.items()} == {
        name: [(r.id, r.path, r.data, r.text) for r in records] for name, records in one.records.items()}
    assert [r.id for r in spread.records["partners"]][1:4] == ["partner-00", "partner-01", "partner-02"]
