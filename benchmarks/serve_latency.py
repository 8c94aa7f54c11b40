"""How long `make serve` takes to show an edited record, on a copy of the real data.

Starts ``python -m generator serve`` in a temporary copy of the project, waits for the first
page, then edits one record's summary a few times and polls the served page until the new text
appears. Prints each latency; the target (issue 7) is at most 3 s. Run: ``python -m
benchmarks.serve_latency`` (or ``make bench-serve``).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = "data/partners/platform31.yaml"
PAGE = "partners/platform31/"
TIMEOUT_S = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def measure(edits: int = 3) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        for name in ("mkdocs.yml", "kennisbank.yaml"):
            shutil.copy2(ROOT / name, project / name)
        for name in ("overrides", "content", "data"):
            shutil.copytree(ROOT / name, project / name)
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{PAGE}"
        server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve",
                                   "--addr", f"127.0.0.1:{port}"], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 120
            while not _fetch(url) and time.monotonic() < deadline:
                time.sleep(0.5)
            time.sleep(2)
            latencies = []
            record = project / RECORD
            for n in range(edits):
                marker = f"BEWERKT{n}"
                text = record.read_text(encoding="utf-8").replace("summary: ", f"summary: {marker} ", 1)
                start = time.monotonic()
                record.write_text(text, encoding="utf-8")
                while marker not in _fetch(url):
                    if time.monotonic() - start > TIMEOUT_S:
                        raise SystemExit(f"edit {n} did not show within {TIMEOUT_S} s")
                    time.sleep(0.05)
                latencies.append(time.monotonic() - start)
                time.sleep(1.5)
            return latencies
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    results = measure()
    for n, seconds in enumerate(results):
        print(f"edit {n + 1}: shown after {seconds:.2f} s")
    worst = max(results)
    print(f"worst {worst:.2f} s (target <= 3 s): {'PASS' if worst <= 3 else 'FAIL'}")
