"""Shared fixtures: small data trees built inline, and one real site build per test session."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis' per-example deadline is a timing check; on a busy machine it fails correct code.
# Speed is the benchmark's business, not the tests'.
settings.register_profile("kennisbank", deadline=None)
settings.load_profile("kennisbank")

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "data"


def write_files(base: Path, files: dict[str, str | bytes]) -> None:
    """Create files below ``base`` from a mapping of relative path → text (dedented) or bytes."""
    for rel, body in files.items():
        path = base / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(body, bytes):
            path.write_bytes(body)
        else:
            path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")


@pytest.fixture
def data_tree(tmp_path: Path):
    """A copy of the minimal valid data set, plus any files the test adds or replaces."""

    def make(files: dict[str, str | bytes] | None = None, remove: tuple[str, ...] = ()) -> Path:
        data = tmp_path / "data"
        if not data.exists():
            shutil.copytree(MINIMAL, data)
        for rel in remove:
            (data / rel).unlink()
        write_files(data, files or {})
        return data

    return make


def project_copy(target: Path, data: Path | None = None) -> Path:
    """A copy of the project's inputs (not its code) in ``target``.

    With ``data`` (a fixture), the fixture's own small content/ comes along, since the real
    hand-written pages link to records that only the real data has.
    """
    for name in ("mkdocs.yml", "kennisbank.yaml"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(data.parent / "content" if data else ROOT / "content", target / "content")
    shutil.copytree(data or ROOT / "data", target / "data")
    return target


def run_generator(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m generator --root ROOT ARGS`` as a user would run it."""
    import os

    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(root), *args],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data/ built once into a temporary project copy; returns its site/ folder.

    KB_BUILT_SITE=<folder> reuses a site built before (for quick runs while developing).
    """
    import os

    if os.environ.get("KB_BUILT_SITE"):
        return Path(os.environ["KB_BUILT_SITE"])
    root = project_copy(tmp_path_factory.mktemp("project"))
    result = run_generator(root, "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


# -- a real browser: Debian's Chromium, driven by Playwright, on sites served from a folder --------

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps dialling Google's hosts on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` on a free localhost port, as a static host would serve it; yields the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session; each test opens its own context."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: 'make test' installs it (scripts/install-chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(built_site: Path) -> Iterator[str]:
    """The real site, served for one test module."""
    with served(built_site) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    """A 1280 × 900 page on the real site that records every URL it requests (``page.requested``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    requested: list[str] = []
    pg.on("request", lambda request: requested.append(request.url))
    pg.requested = requested  # type: ignore[attr-defined]
    yield pg
    context.close()
