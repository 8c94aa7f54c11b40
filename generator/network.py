"""The network in pictures: a record's nearest records, and how a theme's records connect.

Both are drawn at build time as inline SVG (no script, no other host). Which collections are drawn,
and with which marker, is ``network_shape`` in each schema's ``x-collection``. Two records are
tied when one names the other in a field (or the glossary relates them), and, on record pages,
when one's text uses the other's term. A reference weighs more than the use of a word.

A record page lays its neighbours out in two columns around it (plain geometry: a star needs no
layout). A network page puts its records in two columns (``network_column``: the partners facing
what they take part in), ordered by networkx's force-directed layout so that tied records stand
close together.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx
from markupsafe import Markup

from .collate import title_key
from .model import Key, Model, Record
from .text import html_escaped

NEAREST = 14  # a record page draws this many neighbours and says "en N meer"
BEST_CONNECTED = 40  # a network page draws this many records
REFERENCE, TERM_USE = 2, 1  # weights of a tie
LINES = {REFERENCE: "noemt het andere record", TERM_USE: "gebruikt het begrip"}  # the legend of the lines
LABEL_CHARS = 28  # a title longer than this is shortened in the drawing (its full title is the tooltip)


def _shape_path(shape: str, x: float, y: float) -> Markup:
    """The SVG path of a marker, centred on (x, y): shape as well as colour tells collections apart."""
    r = 6.0
    return Markup(_outline(shape, x, y, r))


def _outline(shape: str, x: float, y: float, r: float) -> str:
    if shape == "cirkel":
        return f"M{x - r:.1f} {y:.1f}a{r} {r} 0 1 0 {2 * r} 0a{r} {r} 0 1 0 {-2 * r} 0Z"
    if shape == "vierkant":
        return f"M{x - r + 1:.1f} {y - r + 1:.1f}h{2 * r - 2}v{2 * r - 2}h{-(2 * r - 2)}Z"
    if shape == "ruit":
        return f"M{x:.1f} {y - r - 1:.1f}l{r + 1} {r + 1}l{-(r + 1)} {r + 1}l{-(r + 1)} {-(r + 1)}Z"
    if shape == "driehoek":
        return f"M{x:.1f} {y - r - 1:.1f}l{r + 1} {2 * r}h{-2 * (r + 1)}Z"
    if shape == "zeshoek":
        points = [(x + r * math.cos(math.pi / 3 * i), y + r * math.sin(math.pi / 3 * i)) for i in range(6)]
        return "M" + "L".join(f"{px:.1f} {py:.1f}" for px, py in points) + "Z"
    raise ValueError(f"network_shape {shape!r} in a schema's x-collection: use cirkel, vierkant, ruit, driehoek or zeshoek")


def _curve(x1: float, y1: float, bend: float, x2: float, y2: float) -> Markup:
    """A line from (x1, y1) to (x2, y2) that leaves and arrives level, turning at x = ``bend``."""
    return Markup(f"M{x1:g} {y1:.1f}C{bend:.1f} {y1:.1f} {bend:.1f} {y2:.1f} {x2:g} {y2:.1f}")


def _text(text: str) -> Markup:
    """Text for the drawing, escaped once here (a record page draws fourteen of them)."""
    return Markup(html_escaped(text))


def _at(value: float) -> Markup:
    """A coordinate as the drawing writes it."""
    return Markup(f"{value:g}")


def _short(title: str, limit: int = LABEL_CHARS) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _lines(title: str, width: int, most: int) -> list[str]:
    """A title in lines of at most ``width`` characters (for the record in the middle)."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = _short(lines[-1] + " …", width)
    return [_short(line, width) for line in lines]


@dataclass(frozen=True)
class Node:
    """One record in a drawing; every value ready for the SVG (escaped, coordinates written)."""

    record: Record
    path: Markup  # the marker
    title: Markup  # the whole title (the tooltip)
    label: Markup  # the title, shortened to fit
    label_x: Markup
    label_y: Markup
    anchor: str  # "start" or "end": which side of the marker the label stands
    href: Markup

    @classmethod
    def at(cls, record: Record, shape: str, x: float, y: float, limit: int, side: int, href: str) -> Node:
        """A marker at (x, y), its label on the left (``side`` 0) or the right (1)."""
        return cls(record, _shape_path(shape, x, y), _text(record.title), _text(_short(record.title, limit)),
                   _at(x - 12 if side == 0 else x + 12), _at(y + 4), "end" if side == 0 else "start", _text(href))


@dataclass(frozen=True)
class Centre:
    """The record a page is about, in the middle of its drawing: a box with its title in lines."""

    x: Markup
    y: Markup
    width: Markup
    height: Markup
    middle: Markup  # where the lines are centred
    lines: list[tuple[Markup, Markup]]  # (baseline, text)
    more: tuple[Markup, Markup] | None  # (baseline, "en N meer") under the box


@dataclass(frozen=True)
class Drawing:
    """An SVG drawing's ready values: size, nodes, and edges as path data."""

    width: int
    height: int
    nodes: list[Node]
    edges: list[tuple[Markup, int]]  # (path data, weight)
    legend: list[tuple[str, str, Markup]]  # (collection, label, marker path in a 14 × 14 box)
    centre: Centre | None = None

    @property
    def lines(self) -> list[tuple[int, str]]:
        """The kinds of line the drawing has (weight, what it means), for the legend."""
        weights = {min(weight, REFERENCE) for _, weight in self.edges}
        return [(weight, label) for weight, label in LINES.items() if weight in weights] if len(weights) > 1 else []


@dataclass(frozen=True)
class Selection:
    """The best-connected records of a set, each with its ties inside the set."""

    records: list[Record]  # at most BEST_CONNECTED, in title order
    ties: dict[Key, list[Record]]
    connected: int  # how many records of the set are tied to another one of it


class Network:
    """The ties between the records of the drawn collections, computed once for every page."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.shapes = {name: shape for name, c in model.collections.items()
                       if (shape := c.schema.get("x-collection", {}).get("network_shape"))}
        self.order = {name: i for i, name in enumerate(self.shapes)}
        # The column of a collection on a network page (the partners face what they take part in).
        self.columns = {name: c.schema["x-collection"]["network_column"] for name, c in model.collections.items()
                        if name in self.shapes and "network_column" in c.schema["x-collection"]}
        ties: dict[Key, dict[Key, int]] = defaultdict(dict)
        references: set[tuple[Key, Key]] = set()
        uses: set[tuple[Key, Key]] = set()
        for record in model.all_records():
            if not self._drawn(record):
                continue
            derived = model.derived[record.key]
            linked = [o for _, others in derived.outgoing for o in others]
            linked += derived.broader + derived.narrower + derived.related
            references.update((record.key, o.key) for o in linked if self._drawn(o))
            uses.update((record.key, o.key) for o in derived.used_in if self._drawn(o))
        for pairs, weight in ((references, REFERENCE), (uses, TERM_USE)):
            for a, b in {tuple(sorted(pair)) for pair in pairs if pair[0] != pair[1]}:
                ties[a][b] = ties[b][a] = ties[a].get(b, 0) + weight
        self.ties = dict(ties)
        self.rank = {r.key: i for i, r in enumerate(sorted(
            (r for r in model.all_records() if r.key in self.ties), key=lambda r: title_key(r.title)))}

    def _drawn(self, record: Record) -> bool:
        return record.collection in self.shapes and not record.retired

    def _nearness(self, mine: dict[Key, int]) -> Callable[[Key], tuple[int, int, int]]:
        """Nearest first: the strongest tie, then the best connected, then the title."""
        return lambda k: (-mine[k], -len(self.ties[k]), self.rank[k])

    def neighbours(self, record: Record) -> list[Record]:
        """Every record tied to this one, nearest first."""
        mine = self.ties.get(record.key, {})
        return [self.model.get(k) for k in sorted(mine, key=self._nearness(mine))]

    def _legend(self, records: list[Record]) -> list[tuple[str, str, Markup]]:
        present = {r.collection for r in records}
        return [(name, self.model.collections[name].label, _shape_path(shape, 7, 7))
                for name, shape in self.shapes.items() if name in present]

    # -- a record page ------------------------------------------------------------------------------

    def around(self, record: Record, href: Callable[[Record], str]) -> tuple[Drawing, int] | None:
        """The drawing of a record and its nearest neighbours, and how many more there are; None alone.

        ``href`` gives each neighbour's address from the record's page.
        """
        if not self._drawn(record):
            return None
        mine = self.ties.get(record.key)
        if not mine:
            return None
        nearest = heapq.nsmallest(NEAREST, mine, key=self._nearness(mine))
        shown = sorted((self.model.get(k) for k in nearest), key=lambda r: (self.order[r.collection], self.rank[r.key]))
        more = len(mine) - len(shown)
        half = (len(shown) + 1) // 2
        columns = [shown[:half], shown[half:]] if len(shown) > 1 else [[], shown]
        row, top, line = 30, 16, 16
        # Two lines whatever the title, so a page's markup never depends on the length of a title.
        title = _lines(record.title, 22, 2)
        rows = max(len(columns[0]), len(columns[1]), 3 if more else 2)
        height = rows * row + 2 * top
        width, box_left, box_right = 640, 236, 404
        middle = height / 2
        box_height = 2 * line + 14
        box_top = middle - box_height / 2
        baselines = [middle + 4, middle + 4] if len(title) == 1 else [middle - 4, middle + line - 4]
        centre = Centre(_at(box_left), _at(box_top), _at(box_right - box_left), _at(box_height), _at((box_left + box_right) / 2),
                        [(_at(y), _text(text)) for y, text in zip(baselines, [*title, ""][:2], strict=True)],
                        (_at(box_top + box_height + line + 2), _text(f"en {more} meer")) if more else None)
        nodes, edges = [], []
        for side, column in enumerate(columns):
            offset = top + (rows - len(column)) * row / 2 + row / 2
            x = 204 if side == 0 else 436
            start = box_left if side == 0 else box_right
            bend = (start + x) / 2
            for i, other in enumerate(column):
                y = offset + i * row
                edges.append((_curve(start, middle, bend, x, y), self.ties[record.key][other.key]))
                nodes.append(Node.at(other, self.shapes[other.collection], x, y, LABEL_CHARS, side, href(other)))
        return Drawing(width, height, nodes, edges, self._legend(shown), centre), more

    # -- a network page -----------------------------------------------------------------------------

    def best_connected(self, records: list[Record]) -> Selection:
        """Of ``records``, the best connected among themselves (by references), and each one's ties there.

        Only collections with a ``network_column`` take part: the glossary's terms stay on record pages.
        """
        inside = {r.key for r in records if self._drawn(r) and r.collection in self.columns}
        among: dict[Key, list[Key]] = {}
        for key in inside:
            found = [k for k, weight in self.ties.get(key, {}).items() if k in inside and weight >= REFERENCE]
            if found:
                among[key] = sorted(found, key=self.rank.__getitem__)
        chosen = sorted(among, key=lambda k: (-len(among[k]), self.rank[k]))[:BEST_CONNECTED]
        chosen.sort(key=self.rank.__getitem__)
        return Selection([self.model.get(k) for k in chosen], {k: [self.model.get(o) for o in among[k]] for k in chosen}, len(among))

    def picture(self, selection: Selection, href: Callable[[Record], str]) -> Drawing | None:
        """The chosen records in two columns (``network_column``), each in the order a force-directed layout gives.

        networkx's spring layout (seeded, so every build draws the same) pulls tied records together
        and pushes the others apart; its height decides the order within each column, so ties run
        level where they can. Labels stand on the outer side, lines in the middle.
        """
        chosen, ties = selection.records, selection.ties
        if not chosen:
            return None
        keys = {r.key for r in chosen}
        graph: nx.Graph[Key] = nx.Graph()
        ordered = sorted(keys, key=self.rank.__getitem__)
        graph.add_nodes_from(ordered)
        graph.add_edges_from((k, o.key) for k in ordered for o in ties[k] if o.key in keys)
        start = {k: (float(self.columns[k[0]]), self.rank[k] / len(self.rank)) for k in graph}
        height_of = {k: float(y) for k, (_, y) in nx.spring_layout(graph, pos=start, seed=1, iterations=100).items()}
        by_height = sorted(keys, key=lambda k: (height_of[k], self.rank[k]))
        columns = [[k for k in by_height if self.columns[k[0]] == side] for side in (0, 1)]
        if not columns[0] or not columns[1]:  # one kind of record only: halves of it face each other
            one = columns[0] or columns[1]
            columns = [one[: (len(one) + 1) // 2], one[(len(one) + 1) // 2:]]
        row, top, width = 24, 16, 760
        rows = max(len(c) for c in columns)
        height = rows * row + 2 * top
        records = {r.key: r for r in chosen}
        xy: dict[Key, tuple[float, float]] = {}
        nodes = []
        for side, column in enumerate(columns):
            x = 250 if side == 0 else 510
            offset = top + (rows - len(column)) * row / 2 + row / 2
            for i, key in enumerate(column):
                xy[key] = (x, offset + i * row)
                nodes.append(Node.at(records[key], self.shapes[key[0]], x, xy[key][1], LABEL_CHARS + 6, side, href(records[key])))
        edges = []
        for a, b in sorted(graph.edges(), key=lambda e: sorted((self.rank[e[0]], self.rank[e[1]]))):
            (x1, y1), (x2, y2) = sorted((xy[a], xy[b]))
            # Two records in one column: an arc on the inner side, not a line through the column.
            inward = (1 if x1 < width / 2 else -1) * min(20 + abs(y2 - y1) / 5, 110)
            edges.append((_curve(x1, y1, x1 + inward if x1 == x2 else (x1 + x2) / 2, x2, y2), REFERENCE))
        return Drawing(width, height, sorted(nodes, key=lambda n: self.rank[n.record.key]), edges, self._legend(chosen))
