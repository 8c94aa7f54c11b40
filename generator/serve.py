"""``make serve``: MkDocs' live preview, fed by a watcher that regenerates on every save.

MkDocs watches the staging folder; this module watches ``data/``, ``content/`` and the templates,
and rewrites only the pages whose bytes changed, so an edited record shows after one rebuild.
A mistake in a record is printed and the last good pages stay in place, and the browser says so:
the messages go to ``kb-voorbeeld-status.json`` in the staging folder, which every preview page
reads (``overrides/assets/preview.js``, included only when ``KENNISBANK_PREVIEW`` is set) and
shows over the page until the data is valid again. MkDocs' own log is passed on without its
English warning about dirty builds, which partners need not act on.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .build import collect_content, write_tree
from .config import Settings
from .pipeline import stage
from .problems import Problem
from .report import report
from .site import ENGINE_ENV

DEBOUNCE_S = 0.2
CHANGES = {"created", "modified", "deleted", "moved"}
STATUS_FILE = "kb-voorbeeld-status.json"
HIDDEN_LOG = re.compile(r"'dirty' build|--dirty")  # MkDocs' warning on every dirty rebuild
SERVING = re.compile(r"Serving on (\S+)")


def write_status(staging: Path, problems: list[Problem]) -> None:
    """The problems the preview pages show (none: the pages are current)."""
    status = {"problems": [{"where": f"{p.path}:{p.line}:{p.column}", "field": p.field_path, "message": p.message,
                            "hint": p.hint, "severity": p.severity} for p in problems]}
    text = json.dumps(status, ensure_ascii=False, indent=1) + "\n"
    path = staging / STATUS_FILE
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def regenerate(settings: Settings, staging: Path) -> bool:
    """One regeneration: True when the staging folder now reflects the sources."""
    # One process: the file watcher's thread is running, and forking a threaded process is unsafe.
    folder = settings.root / staging
    problems, changed = stage(settings, staging, workers=1)
    if changed is None:
        report(problems)
        if not (folder / "index.md").is_file():
            # Nothing was ever generated (a first start with broken data): the hand-written pages
            # at least, so there is a page to show the messages on.
            write_tree(collect_content(settings.content_dir), folder)
        write_status(folder, problems)
        return False
    write_status(folder, [p for p in problems if p.severity != "error"])
    print(f"Bijgewerkt: {changed} pagina('s).", file=sys.stderr)
    return True


def _pass_log(stream: IO[str]) -> None:
    """MkDocs' log to the terminal, without the dirty-build warning; its address said in Dutch."""
    for line in stream:
        if HIDDEN_LOG.search(line):
            continue
        serving = SERVING.search(line)
        if serving:
            print(f"Voorbeeld op {serving.group(1)} (stoppen: Ctrl+C).", file=sys.stderr, flush=True)
            continue
        sys.stderr.write(line)
        sys.stderr.flush()


class _Changes(FileSystemEventHandler):
    def __init__(self) -> None:
        self.event = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Only changes count: watchdog also reports files being opened and closed, which the
        # regeneration itself does to every record (it would otherwise trigger itself).
        if not event.is_directory and event.event_type in CHANGES:
            self.event.set()


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # so the finally block below also stops MkDocs' server


def serve(settings: Settings, staging: Path, addr: str) -> int:
    signal.signal(signal.SIGTERM, _stop)
    regenerate(settings, staging)
    handler = _Changes()
    observer = Observer()
    for folder in (settings.data_dir, settings.content_dir, Path(__file__).parent / "templates"):
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    env = {**os.environ, **ENGINE_ENV, "KENNISBANK_PREVIEW": "1"}
    # --dirty: MkDocs rebuilds only the pages whose files changed, and the generator rewrites only
    # pages whose bytes changed, so an edit shows in about a second instead of a full rebuild.
    # --no-strict: a dirty build always logs one warning; `make site` stays strict.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", addr],
                              cwd=settings.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    threading.Thread(target=_pass_log, args=(server.stdout,), daemon=True).start()
    try:
        while server.poll() is None:
            if handler.event.wait(0.5):
                # An editor's save is often several events (temporary file, rename): wait until
                # they stop, then regenerate once.
                while True:
                    handler.event.clear()
                    if not handler.event.wait(DEBOUNCE_S):
                        break
                regenerate(settings, staging)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.terminate()
        server.wait()
        observer.join()
    return 0
