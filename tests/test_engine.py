"""The engine can be swapped: ProperDocs (the maintained MkDocs 1.x fork) builds the same staging
folder with the same mkdocs.yml into the same pages, with the same search markup."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site import ENGINE_ENV

SEARCH_MARKUP = re.compile(r"<[^>]*\bdata-pagefind-[^>]*>")
GENERATOR_META = re.compile(r'<meta name="generator" content="[^"]*">')


def pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(site.rglob("*.html")) if "pagefind" not in p.relative_to(site).parts}


@pytest.mark.slow
def test_properdocs_builds_the_same_pages_with_the_same_search_markup(built_site: Path, tmp_path: Path) -> None:
    import os

    root = built_site.parent  # the project copy whose build/docs MkDocs built
    target = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "--site-dir", str(target)], cwd=root, env={**os.environ, **ENGINE_ENV},
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    mkdocs, properdocs = pages(built_site), pages(target)
    assert len(mkdocs) > 400 and properdocs.keys() == mkdocs.keys()
    for path, html in mkdocs.items():
        assert SEARCH_MARKUP.findall(properdocs[path]) == SEARCH_MARKUP.findall(html), path
    # Beyond the search markup the pages differ only in the engine's name.
    differing = [path for path, html in mkdocs.items()
                 if GENERATOR_META.sub("", properdocs[path]) != GENERATOR_META.sub("", html)]
    assert differing == []
