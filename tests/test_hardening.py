"""Hostile and random input: slugs stay safe path segments, sanitised HTML never executes, builds repeat."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.load import ID_PATTERN, MAX_ID_LENGTH, make_id
from generator.text import markdown_to_html, md_escape

from conftest import ROOT, project_copy, run_generator
from htmlsafety import executable_contexts

HOSTILE = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from([
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<iframe src=//evil>", "[x](javascript:alert(1))",
        "<a href='javascript:alert(1)'>a</a>", "<svg onload=alert(1)>", "![i](data:text/html;base64,AAAA)",
        "<style>body{}</style>", "{{ 7*7 }}", "{% raw %}", "<<script>script>", "jav&#x09;ascript:alert(1)",
        "<a href=\"jav\tascript:x\">t</a>", "**vet**", "\n\n- lijst\n", "<object data=x>", "<form action=x>",
        "<p style='x'>", "<math><mtext>", "`code`", "<!-- c -->", "<base href=//evil>",
    ]), max_size=12).map("".join),
)


@given(st.text(max_size=200))
def test_slugs_are_always_safe_stable_path_segments(title: str) -> None:
    slug = make_id(title)
    assert ID_PATTERN.match(slug) and len(slug) <= MAX_ID_LENGTH
    assert slug not in {".", ".."} and "/" not in slug
    assert make_id(slug) == slug  # stable: a slug is its own slug


@settings(max_examples=300)
@given(HOSTILE)
def test_sanitised_markdown_never_contains_an_executable_context(text: str) -> None:
    assert executable_contexts(markdown_to_html(text)) == []


@given(HOSTILE)
def test_escaped_plain_text_renders_to_no_markup(text: str) -> None:
    import markdown

    rendered = markdown.markdown(md_escape(text), extensions=["tables", "attr_list", "sane_lists"])
    assert executable_contexts(rendered) == []
    assert not re.search(r"<(?!/?p>)", rendered.replace("<br />", ""))


@pytest.mark.slow
def test_two_builds_of_the_same_input_are_byte_identical(tmp_path) -> None:
    """The real data, built twice with different hash seeds: the whole site, search index included,
    byte for byte (generator/searchindex.py removes Pagefind's run-to-run differences)."""
    trees = []
    for seed in ("1", "2"):
        target = tmp_path / seed
        target.mkdir()
        root = project_copy(target)
        result = run_generator(root, "site", env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(root / "site").as_posix(): p.read_bytes()
                      for p in sorted((root / "site").rglob("*")) if p.is_file()})
    assert trees[0].keys() == trees[1].keys()
    assert [k for k in trees[0] if trees[0][k] != trees[1][k]] == []


def test_search_index_files_are_re_encoded_to_the_bytes_pagefind_wrote(built_site) -> None:
    """Pagefind's own encoder is the independent check: every index file it wrote (the filter and
    metadata files are rewritten by the canonicalising step) comes back byte for byte."""
    import gzip

    from generator.searchindex import read, write_bytes

    cbor_files = [p for p in sorted((built_site / "pagefind").rglob("*.pf_*")) if p.suffix != ".pf_fragment"]  # fragments are JSON
    assert any(p.suffix == ".pf_index" for p in cbor_files)
    for path in cbor_files:
        assert gzip.decompress(write_bytes(read(path))) == gzip.decompress(path.read_bytes()), path.name


def test_search_index_codec_matches_hand_checked_cbor(tmp_path) -> None:
    """The bytes RFC 8949 gives for a filter-like value, worked out by hand, both ways."""
    import gzip

    from generator.searchindex import MARKER, read, write_bytes

    value = ["thema", [["Wonen", [0, 300]]], -2, 1.5, {"a": True}]
    expected = bytes.fromhex(
        "85"                          # array of 5
        "657468656d61"                # text(5) "thema"
        "81" "82" "65576f6e656e"      # [[ text(5) "Wonen",
        "82" "00" "19012c"            #    [0, uint16 300]]]
        "21"                          # -2 (negative, argument 1)
        "fb3ff8000000000000"          # 1.5 as a double, as Pagefind writes floats
        "a1" "6161" "f5")             # {"a": true}
    assert gzip.decompress(write_bytes(value)) == MARKER + expected
    path = tmp_path / "x.pf_filter"
    path.write_bytes(gzip.compress(MARKER + expected))
    assert read(path) == value
    # Pagefind's encoder (minicbor) writes indefinite-length arrays for iterators.
    path.write_bytes(gzip.compress(MARKER + bytes.fromhex("9f0102ff")))
    assert read(path) == [1, 2]
    path.write_bytes(gzip.compress(MARKER + bytes.fromhex("9f0102ff00")))
    with pytest.raises(ValueError, match="1 bytes left"):
        read(path)


def test_dates_in_the_output_come_from_the_commit_not_the_clock(tmp_path) -> None:
    import gzip
    import subprocess

    root = project_copy(tmp_path, ROOT / "tests" / "fixtures" / "minimal" / "data")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=root, check=True,
                   env={**__import__("os").environ, "GIT_COMMITTER_DATE": "2020-01-02T12:00:00Z"})
    result = run_generator(root, "site", env={"KENNISBANK_SITE_URL": "https://voorbeeld.nl/kennisbank/"})
    assert result.returncode == 0, result.stderr
    sitemap = (root / "site" / "sitemap.xml").read_text()
    assert "<lastmod>2020-01-02</lastmod>" in sitemap
    assert gzip.decompress((root / "site" / "sitemap.xml.gz").read_bytes()).decode() == sitemap
    assert int.from_bytes((root / "site" / "sitemap.xml.gz").read_bytes()[4:8], "little") <= 1577966400
