"""The `Runner` interface: map a function over many items, never stopping on errors.

Stages are pure functions over records, so a runner can run them anywhere: in this
process, in a local process pool, later on Ray. Whatever the runner, every item
comes back paired with its result or the exception it raised, in input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Protocol, TypeVar, runtime_checkable

T = TypeVar("T")
R = TypeVar("R")


@runtime_checkable
class Runner(Protocol):
    def map(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        *,
        desc: str = "",
        total: int | None = None,
    ) -> Iterator[tuple[T, R | Exception]]:
        """Yield `(item, fn(item))`, or `(item, exception)` when fn raised, in input order.

        `items` is consumed lazily; `desc` and `total` label the progress display.
        """
        ...
