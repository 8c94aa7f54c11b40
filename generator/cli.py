"""Command line: ``python -m generator <command>``. It only wires the stages together."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .config import ROOT, Settings, load_settings
from .model import Model, build_model
from .pipeline import check, stage
from .report import report
from .schema import Schemas

if TYPE_CHECKING:
    from .forms import FormContext

STAGING = Path("build/docs")


def _generate_into(settings: Settings, staging: Path) -> bool:
    problems, changed = stage(settings, staging)
    report(problems)
    return changed is not None


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
    from .guards import BuildRefused
    from .site import build_site

    settings = load_settings(args.root)
    if not _generate_into(settings, STAGING):
        return 1
    try:
        build_site(settings.root, settings.root / args.out, settings.reference_date)
    except BuildRefused as refused:
        report(refused.problems)
        return 1
    print(f"Site gebouwd in {args.out}/.", file=sys.stderr)
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Write vocabulary-values.schema.json from data/vocabularies.yaml, for editors."""
    import json

    from .schema import SCHEMA_DIR, VOCABULARY_VALUES, vocabulary_values_schema

    settings = load_settings(args.root)
    validated = check(settings.data_dir, display_root=settings.root)
    if not validated.vocabularies:
        report(validated.problems)
        return 1
    text = json.dumps(vocabulary_values_schema(validated.vocabularies), indent=2, ensure_ascii=False) + "\n"
    target = SCHEMA_DIR / VOCABULARY_VALUES
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{target.relative_to(settings.root)} is niet bijgewerkt: voer 'make schemas' uit.", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


def _valid_model(args: argparse.Namespace) -> Model | None:
    """The model of the valid data, or ``None`` after reporting why the data is not valid."""
    schemas = Schemas()
    settings = load_settings(args.root)
    validated = check(settings.data_dir, schemas, settings.root)
    if not validated.ok:
        report(validated.problems)
        return None
    return build_model(validated, schemas)


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import choices_of, new_record

    settings = load_settings(args.root)
    validated = check(settings.data_dir, display_root=settings.root)
    sources = [(r.id, str(r.data.get("title", r.id))) for r in validated.loaded.records.get("sources", [])
               if isinstance(r.data, dict)]
    choices = choices_of(validated.vocabularies, sources)
    path, message = new_record(settings.data_dir, Schemas(), args.collection, args.title, choices)
    print(message, file=sys.stderr)
    return 0 if path else 1


def cmd_stale(args: argparse.Namespace) -> int:
    from datetime import date

    from .stale import stale_records

    model = _valid_model(args)
    if model is None:
        return 1
    reference = date.fromisoformat(args.on) if args.on else date.today()
    found = stale_records(model, reference, args.months)
    total = sum(len(v) for v in found.values())
    for name, items in found.items():
        print(f"{model.collections[name].label} ({len(items)}):")
        for record, age in items:
            print(f"  {record.source_path}  laatst gecontroleerd {record.fields['last_reviewed']} ({age} maanden)")
    print(f"{total} record(s) niet gecontroleerd in de laatste {args.months} maanden.", file=sys.stderr)
    return 0


def cmd_review_dates(args: argparse.Namespace) -> int:
    from .review import review_warnings

    settings = load_settings(args.root)
    warnings = review_warnings(settings.root, args.base)
    report(warnings)
    print(f"{len(warnings)} gewijzigd(e) record(s) zonder nieuwe controledatum.", file=sys.stderr)
    return 0


def cmd_links(args: argparse.Namespace) -> int:
    from .linkcheck import dead_links, write_summary

    model = _valid_model(args)
    if model is None:
        return 1
    total = sum(len(r.fields.get("links", [])) for r in model.all_records())
    print(write_summary(dead_links(model), total))
    return 0


def cmd_guide(args: argparse.Namespace) -> int:
    from .guide import update

    settings = load_settings(args.root)
    path = settings.root / "CONTRIBUTING.md"
    current = path.read_text(encoding="utf-8")
    wanted = update(current, Schemas())
    if args.check:
        if current != wanted:
            print("CONTRIBUTING.md loopt niet gelijk met de schema's: voer 'make guide' uit.", file=sys.stderr)
            return 1
        return 0
    path.write_text(wanted, encoding="utf-8")
    return 0


def _form_context(settings: Settings, schemas: Schemas) -> FormContext | None:
    """The forms' inputs from valid data, or ``None`` after reporting why the data is not valid."""
    from .forms import context_for

    validated = check(settings.data_dir, schemas, settings.root)
    if not validated.ok:
        report(validated.problems)
        return None
    # The committed file's addresses only: CI's environment must not change committed forms.
    committed = load_settings(settings.root, environ={})
    return context_for(schemas, validated.vocabularies, validated.loaded.records.get("sources", []),
                       committed.site_url, committed.repo_url, committed.edit_branch)


def cmd_forms(args: argparse.Namespace) -> int:
    """Write .github/ISSUE_TEMPLATE/ from the schemas, vocabularies and source documents."""
    from .forms import TEMPLATE_DIR, form_files

    settings = load_settings(args.root)
    ctx = _form_context(settings, Schemas())
    if ctx is None:
        return 1
    folder = settings.root / TEMPLATE_DIR
    files = form_files(ctx)
    if args.check:
        stale = [name for name, text in files.items()
                 if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
        if stale:
            print(f"De formulieren in {TEMPLATE_DIR.as_posix()}/ lopen niet gelijk met de schema's en data/ "
                  f"({', '.join(stale)}): voer 'make forms' uit.", file=sys.stderr)
            return 1
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    print(f"{len(files)} bestanden geschreven in {TEMPLATE_DIR.as_posix()}/.", file=sys.stderr)
    return 0


def cmd_configure_repo(args: argparse.Namespace) -> int:
    """Set the repository's address in kennisbank.yaml and write the forms that link to it."""
    from .config import REPO_URL, with_repo_url

    url = args.url.rstrip("/")
    if not REPO_URL.fullmatch(url):
        print(f"'{args.url}' is geen webadres van een repository. Verwacht: https://github.com/<eigenaar>/<naam>.",
              file=sys.stderr)
        return 1
    file = args.root / "kennisbank.yaml"
    text = file.read_text(encoding="utf-8") if file.is_file() else ""
    if with_repo_url(text, url) != text:
        file.write_text(with_repo_url(text, url), encoding="utf-8")
        print(f"repo_url in kennisbank.yaml is nu {url}.", file=sys.stderr)
    return cmd_forms(argparse.Namespace(root=args.root, check=False))


def cmd_from_issue(args: argparse.Namespace) -> int:
    """A submitted issue form as a record: print its path, or the Dutch messages and exit 1."""
    from datetime import date

    from .fromissue import submit

    try:
        body = Path(args.body).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        print(f"Het bestand {args.body} kan niet worden gelezen ({exc.strerror}).", file=sys.stderr)
        return 1
    outcome = submit(load_settings(args.root), args.collection, body, args.on or date.today().isoformat())
    for line in outcome.warnings:
        print(f"waarschuwing: {line}", file=sys.stderr)
    if not outcome.ok:
        for line in outcome.messages:
            print(line, file=sys.stderr)
        print(f"\n{len(outcome.messages)} punt(en) om aan te passen; er is niets geschreven.", file=sys.stderr)
        return 1
    print(outcome.path)
    return 0


def cmd_issue_event(args: argparse.Namespace) -> int:
    """The form workflow's step: an issues event file in, the files for the next jobs out."""
    import json
    from datetime import UTC, datetime

    from .issueflow import run_event

    event = json.loads(Path(args.event).read_text(encoding="utf-8"))
    result = run_event(load_settings(args.root), event, Path(args.out), args.on or datetime.now(UTC).date().isoformat())
    print(json.dumps(result))
    return 0


def cmd_routine(args: argparse.Namespace) -> int:
    """The weekly issue of one list (stale records or broken links) as JSON for the workflow."""
    import json
    from datetime import date

    from .routine import links_issue, stale_issue

    model = _valid_model(args)
    if model is None:
        return 1
    settings = load_settings(args.root)
    if args.list == "stale":
        from .stale import stale_records

        reference = date.fromisoformat(args.on) if args.on else date.today()
        issue = stale_issue(model, stale_records(model, reference, args.months), args.months, reference, settings)
    else:
        from .linkcheck import dead_links

        total = sum(len(r.fields.get("links", [])) for r in model.all_records())
        issue = links_issue(dead_links(model), total, settings)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(issue, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"{issue['title']}: {issue['count']}", file=sys.stderr)
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
    p = sub.add_parser("schemas", help="derive the editors' enum schema from data/vocabularies.yaml")
    p.add_argument("--check", action="store_true", help="only check that it is up to date")
    p.set_defaults(func=cmd_schemas)
    p = sub.add_parser("new", help="write a skeleton record: new <collection> \"<titel>\"")
    p.add_argument("collection")
    p.add_argument("title")
    p.set_defaults(func=cmd_new)
    p = sub.add_parser("stale", help="list records past due for review")
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--on", help="reference date YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_stale)
    p = sub.add_parser("review-dates", help="warn about changed records whose last_reviewed did not change")
    p.add_argument("--base", required=True, help="git revision to compare with, e.g. origin/main")
    p.set_defaults(func=cmd_review_dates)
    p = sub.add_parser("links", help="check external links (uses the network; reports, never fails)")
    p.set_defaults(func=cmd_links)
    p = sub.add_parser("guide", help="regenerate the field tables in CONTRIBUTING.md from the schemas")
    p.add_argument("--check", action="store_true", help="only check that they are up to date")
    p.set_defaults(func=cmd_guide)
    p = sub.add_parser("forms", help="write the GitHub issue forms from the schemas")
    p.add_argument("--check", action="store_true", help="only check that they are up to date")
    p.set_defaults(func=cmd_forms)
    p = sub.add_parser("configure-repo", help="set repo_url in kennisbank.yaml and rewrite the forms: configure-repo <url>")
    p.add_argument("url", help="the repository's web address, e.g. https://github.com/owner/name")
    p.set_defaults(func=cmd_configure_repo)
    p = sub.add_parser("from-issue", help="turn a submitted issue form into a record: from-issue <collection|wijziging> <body-file>")
    p.add_argument("collection", help="the form: glossary, instruments, funds, partners, cases, or wijziging")
    p.add_argument("body", help="file with the issue body as GitHub wrote it")
    p.add_argument("--on", help="the date of submission YYYY-MM-DD (default: today), for last_reviewed")
    p.set_defaults(func=cmd_from_issue)
    p = sub.add_parser("issue-event", help="the form workflow: handle one GitHub issues event file")
    p.add_argument("event", help="the event JSON (GITHUB_EVENT_PATH)")
    p.add_argument("--out", required=True, help="folder for the record, comment and pull request texts")
    p.add_argument("--on", help="the date of submission YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_issue_event)
    p = sub.add_parser("routine", help="the weekly issue of stale records or broken links, as JSON")
    p.add_argument("list", choices=["stale", "links"])
    p.add_argument("--out", required=True, help="the JSON file to write (title, label, body, count)")
    p.add_argument("--months", type=int, default=12)
    p.add_argument("--on", help="reference date YYYY-MM-DD (default: today)")
    p.set_defaults(func=cmd_routine)
    p = sub.add_parser("serve", help="local preview that regenerates when data/ or content/ changes")
    p.add_argument("--addr", default="127.0.0.1:8000")
    p.set_defaults(func=cmd_serve)
    args = parser.parse_args(argv)
    return args.func(args)
