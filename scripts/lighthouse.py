"""``make lighthouse``: Lighthouse's mobile scores for the home page, an overview and a record page.

Serves the built ``site/`` on localhost, runs Lighthouse (npm, pinned in package.json) in Debian's
headless Chromium without network access, prints the four category scores per page and exits 1
when one misses its target (issue 16). A measurement, not a test: the scores move a little from
run to run on a busy machine, so a miss is worth a second run before it is believed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
                "--disable-extensions", "--disable-quic"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# The home page, an overview and a record page (one of the largest of the real data).
PAGES = ["", "instrumenten/", "instrumenten/europese-green-deal/"]
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".txt", ".svg", ".wasm")


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does: text compressed with gzip when the browser asks."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if not (path.is_file() and path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()  # also the redirect from a folder's address without its "/"
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: object) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serving(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def scores(url: str, out: Path) -> dict[str, int]:
    """One Lighthouse run (mobile, its default) → the category scores out of 100."""
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=" + ",".join(TARGETS), f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    result = subprocess.run(command, env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin", "HOME": str(out.parent)},
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not out.is_file():
        raise SystemExit(f"Lighthouse failed on {url} ({result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise SystemExit(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return {name: round((report["categories"][name]["score"] or 0) * 100) for name in TARGETS}


def failed_audits(out: Path) -> list[str]:
    """The audits that cost points in a report: what to fix."""
    report = json.loads(out.read_text(encoding="utf-8"))
    found = []
    for name, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit.get("score") is not None and audit["score"] < 1:
                found.append(f"{name}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".rstrip())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/lighthouse.py", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    parser.add_argument("pages", nargs="*", default=PAGES, help="paths below the site root")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse ontbreekt: 'npm ci' installeert het (make lighthouse doet dat).")
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"Geen gebouwde site in {args.site}: eerst 'make site'.")
    ok = True
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp, serving(args.site) as base:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'page':<60} " + " ".join(f"{name:>14}" for name in TARGETS))
        for i, path in enumerate(args.pages):
            out = folder / f"report-{i}.json"
            found = scores(base + path, out)
            print(f"{'/' + path:<60} " + " ".join(f"{found[name]:>14}" for name in TARGETS))
            missed = [name for name, limit in TARGETS.items() if found[name] < limit]
            if missed:
                ok = False
                for line in failed_audits(out):
                    print(f"    {line}")
    print("targets: " + ", ".join(f"{name} ≥ {limit}" for name, limit in TARGETS.items()) + (" PASS" if ok else " FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
