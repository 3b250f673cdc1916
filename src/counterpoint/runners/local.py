"""`LocalRunner`: map a function over items in this process or a local process pool.

Cascade, by `workers`:
  1. workers == 1: in this process -- `fn` is called directly (no pickling), the
     initializer (if any) runs once, before the first item;
  2. workers > 1: a `ProcessPoolExecutor` whose initializer runs once per worker
     process (so a model loads once per worker, not once per item). Items are
     submitted in a bounded window (`max_pending`), so a long or endless iterable is
     never materialized; results come back in input order.

Errors never stop the batch: an item whose call raised is yielded with the
exception. If a worker process dies (crash, out of memory), the item at the head
of the queue is yielded with the BrokenProcessPool error, a fresh pool is started
and the items still pending are resubmitted.

Progress: a rich progress bar on stderr when `progress` is True and stderr is a
terminal, or always when `progress="always"`; nothing otherwise.
"""

from __future__ import annotations

import multiprocessing
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Advance = Callable[[], None]


class LocalRunner:
    """Run `fn` over items here (workers=1) or in `workers` local processes."""

    def __init__(
        self,
        workers: int = 1,
        initializer: Callable[..., Any] | None = None,
        progress: bool | Literal["always"] = True,
        *,
        initargs: tuple[Any, ...] = (),
        max_pending: int | None = None,
        mp_context: str | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.initializer = initializer
        self.initargs = initargs
        self.progress = progress
        # Enough queued work to keep every worker busy while the head is awaited.
        self.max_pending = max_pending or workers * 4
        self.mp_context = mp_context
        self._initialized = False

    def __repr__(self) -> str:
        return f"LocalRunner(workers={self.workers})"

    def map(
        self,
        fn: Callable[[T], R],
        items: Iterable[T],
        *,
        desc: str = "",
        total: int | None = None,
    ) -> Iterator[tuple[T, R | Exception]]:
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        if self.workers > 1:
            _check_picklable(fn, "the mapped function")
            if self.initializer is not None:
                _check_picklable(self.initializer, "the initializer")
        with self._bar(desc, total) as advance:
            results = self._pooled(fn, items) if self.workers > 1 else self._inline(fn, items)
            for pair in results:
                yield pair
                advance()

    # ---------------------------------------------------------------- in process

    def _inline(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R | Exception]]:
        if self.initializer is not None and not self._initialized:
            self.initializer(*self.initargs)
            self._initialized = True
        for item in items:
            try:
                result: R | Exception = fn(item)
            except Exception as e:  # noqa: BLE001 -- reported with the item, the batch goes on
                result = e
            yield item, result

    # ------------------------------------------------------------- process pool

    def _new_pool(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context(self.mp_context) if self.mp_context else None
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=context,
            initializer=self.initializer,
            initargs=self.initargs,
        )

    @staticmethod
    def _submit(pool: ProcessPoolExecutor, fn: Callable[[T], R], item: T) -> Future[R]:
        try:
            return pool.submit(fn, item)
        except (BrokenProcessPool, RuntimeError) as e:
            # The pool broke before this item could be queued: surface it in order.
            failed: Future[R] = Future()
            failed.set_exception(e)
            return failed

    def _pooled(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[tuple[T, R | Exception]]:
        source = iter(items)
        pending: deque[tuple[T, Future[R]]] = deque()
        pool = self._new_pool()
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < self.max_pending:
                    try:
                        item = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    pending.append((item, self._submit(pool, fn, item)))
                if not pending:
                    return
                item, future = pending.popleft()
                try:
                    result: R | Exception = future.result()
                except BrokenProcessPool as e:
                    result = e
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._new_pool()
                    pending = deque(
                        (i, f if _finished_ok(f) else self._submit(pool, fn, i)) for i, f in pending
                    )
                except Exception as e:  # noqa: BLE001 -- reported with the item
                    result = e
                yield item, result
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    # ----------------------------------------------------------------- progress

    def _show_progress(self) -> bool:
        if self.progress == "always":
            return True
        return bool(self.progress) and sys.stderr.isatty()

    @contextmanager
    def _bar(self, desc: str, total: int | None) -> Iterator[Advance]:
        if not self._show_progress():
            yield lambda: None
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True, force_terminal=True if self.progress == "always" else None)
        columns = [
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        ]
        with Progress(*columns, console=console, transient=False) as bar:
            task = bar.add_task(desc or "working", total=total)
            yield lambda: bar.advance(task)


def _finished_ok(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _check_picklable(obj: Any, what: str) -> None:
    """Fail early and clearly, instead of once per item from inside the pool."""
    try:
        pickle.dumps(obj)
    except Exception as e:  # noqa: BLE001 -- pickling raises many types
        raise TypeError(
            f"{what} ({obj!r}) cannot be sent to worker processes: {e}; "
            "use a module-level function, or workers=1"
        ) from e
