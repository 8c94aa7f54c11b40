"""``python -m benchmarks --sizes 1000,10000 --json build/bench.json``: the scale benchmark of issue 7.

For each size: write a synthetic project into a temporary folder (never into ``data/``), run the
stages in a fresh process (:mod:`benchmarks.stages`), then read the built site for the page and
search sizes (:mod:`benchmarks.search`). Prints a table and the targets with PASS/FAIL, writes the
JSON, and exits 1 when a target fails so a scheduled job can notice a regression.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.addresses import PAGES, ROWS
from generator.config import ROOT
from generator.schema import Schemas

from .search import first_search
from .stages import SITE
from .synthetic import write_project

MB = 1024 * 1024


@dataclass(frozen=True)
class Target:
    """One target of issue 7: a measured value and its limit, checked at the sizes named."""

    name: str
    limit: str
    check: Callable[[dict[str, dict[str, Any]]], tuple[str, bool] | None]


def _largest(sizes: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return sizes[max(sizes, key=int)]


def _at_largest(key: str, limit: float, fmt: str) -> Callable[[dict[str, dict[str, Any]]], tuple[str, bool]]:
    def check(sizes: dict[str, dict[str, Any]]) -> tuple[str, bool]:
        value = _largest(sizes)[key]
        return fmt.format(value), value <= limit
    return check


def _page_growth(sizes: dict[str, dict[str, Any]]) -> tuple[str, bool] | None:
    """Median record page at the largest size against the smallest: within 5%."""
    if len(sizes) < 2:
        return None
    small, large = sizes[min(sizes, key=int)], _largest(sizes)
    growth = large["record_page_bytes"] / small["record_page_bytes"] - 1
    return f"{growth:+.1%}", abs(growth) <= 0.05


TARGETS = [
    Target("(validate + generate) / bare mkdocs", "≤ 0.15", _at_largest("generator_share", 0.15, "{:.3f}")),
    Target("total / (bare mkdocs + pagefind)", "≤ 1.3", _at_largest("overhead", 1.3, "{:.2f}")),
    Target("record page size, smallest → largest", "within 5%", _page_growth),
    Target("peak RSS", "≤ 1.5 GB", _at_largest("peak_rss_mb", 1536, "{:.0f} MB")),
    Target("first search", "≤ 300 KB", _at_largest("first_search_kb", 300, "{:.0f} KB")),
    Target("largest overview page (HTML)", "≤ 300 KB", _at_largest("overview_page_max_kb", 300, "{:.0f} KB")),
]


def record_pages(root: Path, site: Path) -> list[Path]:
    """``site/<section>/<id>/index.html`` of every record: the pages a visitor mostly reads."""
    pages = []
    for name, collection in Schemas().collections.items():
        for file in sorted((root / "data" / name).glob("*.yaml")):
            pages.append(site / collection.path / file.stem / "index.html")
    return pages


def overview_pages(site: Path) -> dict[str, int]:
    """Every page of every section overview (``<section>/`` and ``<section>/pagina/<n>/``) → its size."""
    out = {}
    for collection in Schemas().collections.values():
        for page in [site / collection.path / "index.html", *(site / collection.path / PAGES).glob("*/index.html")]:
            out[str(page.relative_to(site))] = page.stat().st_size
    return out


def measure_site(root: Path) -> dict[str, Any]:
    """Sizes read from the built site: record pages, overviews, the search download."""
    site = root / SITE
    sizes = [p.stat().st_size for p in record_pages(root, site)]
    overviews = overview_pages(site)
    rows = [f.stat().st_size for c in Schemas().collections.values() if (f := site / c.path / ROWS).is_file()]
    search = first_search(site / "pagefind")
    return {
        "record_page_bytes": int(statistics.median(sizes)),
        "record_page_max_bytes": max(sizes),
        "overview_page_max_bytes": max(overviews.values()),
        "overview_page_max_kb": max(overviews.values()) / 1024,
        "overview_pages": len(overviews),
        "overview_rows_max_bytes": max(rows, default=0),
        "site_mb": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / MB,
        "first_search_bytes": search["first_search_bytes"],
        "first_search_transfer_bytes": search["first_search_transfer_bytes"],
        "filter_panel_bytes": search["filter_panel_bytes"],
        "search": search,
    }


def bench_size(n: int, seed: int, keep: bool, repeat: int = 1, done: list[Path] | None = None) -> dict[str, Any]:
    """One size: data, stages in their own process, then the site's sizes.

    With ``repeat`` > 1 every phase runs that many times (the engines alternating which build
    goes first) and each timing is the fastest run: timings on a shared machine vary by up to
    20% between runs, and the fastest is the one least disturbed. The project is added to
    ``done`` for the caller to delete after the last size (deleting it now would slow the file
    system down for the next size's timings; see ``stages.set_aside``), or deleted at once when
    ``done`` is not given.
    """
    root = Path(tempfile.mkdtemp(prefix=f"kennisbank-bench-{n}-"))
    try:
        started = time.perf_counter()
        counts = write_project(root, n, seed)
        print(f"[{n}] synthetic project in {root} ({time.perf_counter() - started:.1f} s); building ...",
              file=sys.stderr, flush=True)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        row: dict[str, Any] = {"records": sum(counts.values()), "counts": counts, "repeat": repeat}
        for run in range(repeat):
            for phase in ("generator", "engines-bare-first" if run % 2 else "engines"):
                out = root / f"{phase}.json"
                result = subprocess.run([sys.executable, "-m", "benchmarks.stages", phase, str(root), str(out)],
                                        cwd=ROOT, env=env, check=False)
                if result.returncode != 0:
                    keep = True
                    raise SystemExit(f"[{n}] a stage failed; the project is kept in {root}")
                measured = json.loads(out.read_text(encoding="utf-8"))
                row.setdefault("runs", []).append({"run": run + 1, "phase": phase, **measured})
                for key, value in measured.items():
                    if key in row and key.endswith("_s"):
                        row[key] = min(row[key], value)
                    elif key in row and key.endswith("_mb"):
                        row[key] = max(row[key], value)
                    else:
                        row[key] = value
        row["peak_rss_mb"] = max(row["peak_rss_generator_mb"], row["peak_rss_mkdocs_mb"], row["peak_rss_pagefind_mb"])
        row.update(measure_site(root))
        row["total_s"] = row["validate_s"] + row["generate_s"] + row["mkdocs_s"] + row["pagefind_s"]
        row["generator_share"] = (row["validate_s"] + row["generate_s"]) / row["bare_mkdocs_s"]
        row["overhead"] = row["total_s"] / (row["bare_mkdocs_s"] + row["pagefind_s"])
        row["first_search_kb"] = row["first_search_bytes"] / 1024
        row["first_search_transfer_kb"] = row["first_search_transfer_bytes"] / 1024
        row["filter_panel_kb"] = row["filter_panel_bytes"] / 1024
        return row
    finally:
        if keep:
            print(f"[{n}] kept {root}", file=sys.stderr)
        elif done is not None:
            done.append(root)
        else:
            shutil.rmtree(root, ignore_errors=True)


def table(sizes: dict[str, dict[str, Any]]) -> str:
    """The measurements as a Markdown table, one column per size (pasteable into the README)."""
    rows = [
        ("records", "{:,}", "records"),
        ("validate (load + validate)", "{:.1f} s", "validate_s"),
        ("generate (model, render, export, write)", "{:.1f} s", "generate_s"),
        ("of which writing build/docs", "{:.1f} s", "write_s"),
        ("mkdocs build", "{:.1f} s", "mkdocs_s"),
        ("pagefind", "{:.1f} s", "pagefind_s"),
        ("total", "{:.1f} s", "total_s"),
        ("bare mkdocs build (baseline)", "{:.1f} s", "bare_mkdocs_s"),
        ("(validate + generate) / bare mkdocs", "{:.3f}", "generator_share"),
        ("total / (bare mkdocs + pagefind)", "{:.2f}", "overhead"),
        ("peak RSS (largest process)", "{:.0f} MB", "peak_rss_mb"),
        ("peak RSS of the generator", "{:.0f} MB", "peak_rss_generator_mb"),
        ("peak RSS of MkDocs", "{:.0f} MB", "peak_rss_mkdocs_mb"),
        ("peak RSS of Pagefind", "{:.0f} MB", "peak_rss_pagefind_mb"),
        ("record page, median", "{:,} B", "record_page_bytes"),
        ("record page, largest", "{:,} B", "record_page_max_bytes"),
        ("overview page, largest (HTML)", "{:,} B", "overview_page_max_bytes"),
        ("overview pages, all sections", "{:,}", "overview_pages"),
        ("an overview's rows for the filters (JSON), largest", "{:,} B", "overview_rows_max_bytes"),
        ("first search (files on disk)", "{:.0f} KB", "first_search_kb"),
        ("first search (JS gzip-compressed)", "{:.0f} KB", "first_search_transfer_kb"),
        ("opening the search filters adds", "{:.0f} KB", "filter_panel_kb"),
        ("site on disk", "{:.0f} MB", "site_mb"),
    ]
    keys = sorted(sizes, key=int)
    lines = ["| measure | " + " | ".join(f"{int(k):,}" for k in keys) + " |",
             "| --- | " + " | ".join("---:" for _ in keys) + " |"]
    for label, fmt, key in rows:
        lines.append(f"| {label} | " + " | ".join(fmt.format(sizes[k][key]) for k in keys) + " |")
    return "\n".join(lines)


def verdicts(sizes: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for target in TARGETS:
        checked = target.check(sizes)
        if checked is None:
            out.append({"target": target.name, "limit": target.limit, "value": "n/a", "pass": None})
        else:
            value, ok = checked
            out.append({"target": target.name, "limit": target.limit, "value": value, "pass": ok})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description="Time the build on synthetic data of the given sizes (issue 7).")
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated record counts (default: 1000,10000)")
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic data (default: 7)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects (to inspect the sites)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run every stage this many times and keep the fastest (default: 1)")
    args = parser.parse_args(argv)
    counts = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]

    sizes: dict[str, dict[str, Any]] = {}
    done: list[Path] = []
    try:
        for n in counts:
            sizes[str(n)] = bench_size(n, args.seed, args.keep, args.repeat, done)
            row = sizes[str(n)]
            print(f"[{n}] validate {row['validate_s']:.1f} s, generate {row['generate_s']:.1f} s, "
                  f"mkdocs {row['mkdocs_s']:.1f} s, pagefind {row['pagefind_s']:.1f} s, "
                  f"bare mkdocs {row['bare_mkdocs_s']:.1f} s", file=sys.stderr, flush=True)
    finally:  # the projects are deleted only now, after every timing
        for root in done:
            shutil.rmtree(root, ignore_errors=True)

    results = verdicts(sizes)
    print(table(sizes))
    print()
    print(f"Targets (at {int(max(sizes, key=int)):,} records):")
    for r in results:
        mark = "n/a " if r["pass"] is None else ("PASS" if r["pass"] else "FAIL")
        print(f"  {mark}  {r['target']}: {r['value']} (target {r['limit']})")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "sizes": sizes,
            "targets": results,
            "environment": {
                "date": date.today().isoformat(),
                "cpus": os.cpu_count(),
                "python": platform.python_version(),
                "platform": platform.platform(),
                "seed": args.seed,
            },
        }
        args.json.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if any(r["pass"] is False for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
