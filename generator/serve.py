"""``make serve``: MkDocs' live preview, fed by a watcher that regenerates on every save.

MkDocs watches the staging folder; this module watches ``data/``, ``content/`` and the templates,
and rewrites only the pages whose bytes changed, so an edited record shows after one rebuild.
A mistake in a record is printed and the last good pages stay in place.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from .config import Settings
from .pipeline import stage
from .report import report
from .site import ENGINE_ENV

DEBOUNCE_S = 0.2
CHANGES = {"created", "modified", "deleted", "moved"}


def regenerate(settings: Settings, staging: Path) -> bool:
    """One regeneration: True when the staging folder now reflects the sources."""
    # One process: the file watcher's thread is running, and forking a threaded process is unsafe.
    problems, changed = stage(settings, staging, workers=1)
    if changed is None:
        report(problems)
        return False
    print(f"Bijgewerkt: {changed} pagina('s).", file=sys.stderr)
    return True


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
    env = {**os.environ, **ENGINE_ENV}
    # --dirty: MkDocs rebuilds only the pages whose files changed, and the generator rewrites only
    # pages whose bytes changed, so an edit shows in about a second instead of a full rebuild.
    # --no-strict: a dirty build always logs one warning; `make site` stays strict.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "--dev-addr", addr], cwd=settings.root, env=env)
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
