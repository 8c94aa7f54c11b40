"""Command line: ``python -m generator <command>``. It only wires the stages together."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import collect_content, merge, write_tree
from .config import ROOT, Settings, load_settings
from .pipeline import check, generate
from .report import report

STAGING = Path("build/docs")


def _generate_into(settings: Settings, staging: Path) -> bool:
    result = generate(settings)
    problems = list(result.problems)
    if result.model is not None:
        tree, clashes = merge(collect_content(settings.content_dir), result.pages)
        problems += clashes
        if not clashes:
            write_tree(tree, settings.root / staging)
    report(problems)
    return result.model is not None and not any(p.severity == "error" for p in problems)


def cmd_validate(args: argparse.Namespace) -> int:
    settings = load_settings(args.root)
    validated = check(Path(args.data) if args.data else settings.data_dir, display_root=settings.root)
    report(validated.problems)
    if validated.ok:
        total = sum(len(v) for v in validated.loaded.records.values())
        print(f"Alles in orde: {total} records gecontroleerd.", file=sys.stderr)
    return 0 if validated.ok else 1


def cmd_generate(args: argparse.Namespace) -> int:
    return 0 if _generate_into(load_settings(args.root), Path(args.out)) else 1


def cmd_site(args: argparse.Namespace) -> int:
    from .site import build_site

    settings = load_settings(args.root)
    if not _generate_into(settings, STAGING):
        return 1
    build_site(settings.root, settings.root / args.out)
    print(f"Site gebouwd in {args.out}/.", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(load_settings(args.root), STAGING, args.addr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Kennisbank Waardevolle Kernen")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every record; exit 1 on any error")
    p.add_argument("--data", help="data folder (default: data/)")
    p.set_defaults(func=cmd_validate)
    p = sub.add_parser("generate", help="validate and write the Markdown staging folder")
    p.add_argument("--out", default=str(STAGING))
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("site", help="validate, generate, build with MkDocs, index with Pagefind")
    p.add_argument("--out", default="site")
    p.set_defaults(func=cmd_site)
    p = sub.add_parser("serve", help="local preview that regenerates when data/ or content/ changes")
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.set_defaults(func=cmd_serve)
    args = parser.parse_args(argv)
    return args.func(args)
