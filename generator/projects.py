"""The local projects (Pact actions 9 and 10) as a marktmeester sees them: grouped, counted, summed.

A pure function of the model, used by the page *Projecten en mandjes* (:mod:`generator.render`)
and by its CSV downloads (:func:`generator.export.projects_csv`), so the page and the files always agree.

A stated figure that a project does not give is *unknown*, never zero: every total says for how
many of the group's projects it is known. ``overrides/assets/projects.js`` words a total again
after filtering, exactly as :meth:`Total.text` does here (the browser tests compare the two).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .model import Model, Record
from .quantities import amount, compact

CASES = "cases"
KIND = "lokaal-project"  # the case kind (data/vocabularies.yaml, case_kinds) of a local project
PHASES, NEEDS, PROVINCES, THEMES = "project_phases", "project_needs", "provinces", "themes"
# The records the page's explanation links to (the Pact, its actions 9 and 10, two terms); one that
# the data does not have is left out of the text.
EXPLAINED_BY = (("sources", "pact"), ("instruments", "pact-actie-09-call-to-action"),
                ("instruments", "pact-actie-10-marktmeester"), ("glossary", "marktmeester"), ("glossary", "mandjes"))


@dataclass(frozen=True)
class Measure:
    """A stated figure a project may give (a schema field with ``x-unit``)."""

    field: str
    label: str
    unit: str


@dataclass(frozen=True)
class Total:
    """The sum of one figure over a group, and for how many of its projects it is known."""

    measure: Measure
    count: int
    known: int
    total: int

    @property
    def unknown(self) -> int:
        return self.count - self.known

    def text(self) -> str:
        """``€ 2,55 mln bekend voor 2 van 3 projecten; 1 onbekend`` (never ``€ 0`` for unknown)."""
        if not self.count:
            return "geen projecten"
        if self.count == 1:
            return compact(self.total, self.measure.unit) if self.known else "onbekend"
        if not self.known:
            return "onbekend voor beide projecten" if self.count == 2 else f"onbekend voor alle {self.count} projecten"
        text = f"{compact(self.total, self.measure.unit)} bekend voor {self.known} van {self.count} projecten"
        return text + (f"; {self.unknown} onbekend" if self.unknown else "")


@dataclass(frozen=True)
class Project:
    """One local project as the page lists it: its record and its values in words."""

    record: Record
    places: list[str]
    province: str
    phase: str
    seeks: list[str]
    figures: dict[str, str]  # per measure field, the stated figure written out ("€ 1.250.000")

    def stated(self, measure: Measure) -> int | None:
        value = self.record.fields.get(measure.field)
        return value["value"] if value else None


@dataclass(frozen=True)
class Group:
    """Projects that share a theme or a province."""

    id: str
    label: str
    projects: list[Project]
    totals: list[Total]

    @property
    def count_text(self) -> str:
        return projects_text(len(self.projects))


@dataclass(frozen=True)
class Option:
    """One value of a filter with the number of projects that have it."""

    id: str
    label: str
    count: int


@dataclass(frozen=True)
class ProjectsView:
    projects: list[Project]
    measures: list[Measure]
    totals: list[Total]
    by_theme: list[Group]
    by_province: list[Group]
    phases: list[Option]
    needs: list[Option]

    def groupings(self) -> list[tuple[str, str, list[Group]]]:
        """(grouping id, Dutch heading, groups): how the page and the group CSV are divided."""
        return [("thema", "Per thema", self.by_theme), ("provincie", "Per provincie", self.by_province)]


def projects_text(count: int) -> str:
    return f"{count} project" if count == 1 else f"{count} projecten"


def local_projects(model: Model) -> list[Record]:
    """The cases of kind *lokaal project*, in title order (the model's order)."""
    return [r for r in model.current(CASES) if r.fields.get("kind") == KIND]  # a retired project is not listed


def measures(model: Model) -> list[Measure]:
    """The stated figures of a case, in schema order."""
    return [Measure(f.name, f.title, f.unit) for f in model.schemas.fields(CASES) if f.unit] \
        if CASES in model.collections else []


def totals(projects: list[Project], of: list[Measure]) -> list[Total]:
    out = []
    for measure in of:
        stated = [value for p in projects if (value := p.stated(measure)) is not None]
        out.append(Total(measure, len(projects), len(stated), sum(stated)))
    return out


def group(model: Model, projects: list[Project], vocabulary: str, values: Callable[[Record], Iterable[str]],
          of: list[Measure]) -> list[Group]:
    """One group per vocabulary value that occurs, in the vocabulary's order."""
    out = []
    for value_id, entry in model.vocabularies.get(vocabulary, {}).items():
        members = [p for p in projects if value_id in values(p.record)]
        if members:
            out.append(Group(value_id, entry.label, members, totals(members, of)))
    return out


def options(model: Model, projects: list[Project], vocabulary: str, values: Callable[[Record], Iterable[str]]) -> list[Option]:
    """Every value of the vocabulary with its count (0 included: a filter shows what could be asked)."""
    return [Option(value_id, entry.label, sum(1 for p in projects if value_id in values(p.record)))
            for value_id, entry in model.vocabularies.get(vocabulary, {}).items()]


def _one(name: str) -> Callable[[Record], list[str]]:
    return lambda record: [record.fields[name]] if name in record.fields else []


def _many(name: str) -> Callable[[Record], list[str]]:
    return lambda record: list(record.fields.get(name, []))


def project(model: Model, record: Record, of: list[Measure]) -> Project:
    f = record.fields
    return Project(
        record=record,
        places=[model.vocab_label("places", v) for v in f.get("places", [])],
        province=model.vocab_label(PROVINCES, f["province"]),
        phase=model.vocab_label(PHASES, f["phase"]),
        seeks=[model.vocab_label(NEEDS, v) for v in f.get("seeks", [])],
        figures={m.field: amount(f[m.field]["value"], m.unit) for m in of if m.field in f},
    )


def projects_view(model: Model) -> ProjectsView:
    of = measures(model)
    projects = [project(model, record, of) for record in local_projects(model)]
    return ProjectsView(
        projects=projects,
        measures=of,
        totals=totals(projects, of),
        by_theme=group(model, projects, THEMES, _many("themes"), of),
        by_province=group(model, projects, PROVINCES, _one("province"), of),
        phases=options(model, projects, PHASES, _one("phase")),
        needs=options(model, projects, NEEDS, _many("seeks")),
    )
