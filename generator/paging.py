"""An overview split into pages of a fixed size, and the links between them.

The links follow GOV.UK's pagination pattern: "Vorige", the first and last page, the current page
with its neighbours, an ellipsis for the numbers left out, and "Volgende". Every page can be
reached without JavaScript by following "Volgende" from the first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    """One entry of the page numbers: a page (with its address) or an ellipsis (``number`` 0)."""

    number: int
    href: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """Where one page stands among the pages of an overview, with the links a reader follows."""

    number: int
    count: int
    first: int  # position of this page's first row in the whole list, from 1
    last: int
    total: int
    previous: str  # address of the previous page, "" on the first
    next: str  # address of the next page, "" on the last
    links: list[PageLink]

    @property
    def paged(self) -> bool:
        return self.count > 1


def page_count(total: int, size: int) -> int:
    """How many pages ``total`` rows fill: at least one, so an empty collection has its page."""
    return max(1, -(-total // size))


def page_slice(items: Sequence[T], number: int, size: int) -> Sequence[T]:
    return items[(number - 1) * size:number * size]


def shown_numbers(current: int, count: int) -> list[int]:
    """The page numbers to show, 0 for an ellipsis: 1, …, current − 1, current, current + 1, …, last.

    An ellipsis never stands for a single page: that page's number is shown instead.
    """
    wanted = sorted({1, count, *range(max(1, current - 1), min(count, current + 1) + 1)})
    out: list[int] = []
    for number in wanted:
        if out and number - out[-1] == 2:
            out.append(number - 1)
        elif out and number - out[-1] > 2:
            out.append(0)
        out.append(number)
    return out


def pagination(number: int, total: int, size: int, href: Callable[[int], str]) -> Pagination:
    """Page ``number`` of a list of ``total`` rows; ``href(n)`` is the address of page ``n`` from this page."""
    count = page_count(total, size)
    links = [PageLink(n, href(n) if n else "", n == number) for n in shown_numbers(number, count)]
    return Pagination(
        number=number, count=count,
        first=min(total, (number - 1) * size + 1), last=min(total, number * size), total=total,
        previous=href(number - 1) if number > 1 else "", next=href(number + 1) if number < count else "",
        links=links,
    )
