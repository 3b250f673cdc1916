"""LocalRunner: same ordered results in process and in a pool; errors stay per item."""

from __future__ import annotations

import itertools
import os

import pytest

from counterpoint.errors import ConfigError
from counterpoint.runners import LocalRunner, Runner, get_runner

_STATE: dict[str, int] = {}


def square(x: int) -> int:
    return x * x


def fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError(f"bad item {x}")
    return x + 100


def init_state(value: int) -> None:
    """Stands for loading a model once per worker."""
    _STATE["loaded"] = value
    _STATE["pid"] = os.getpid()


def read_state(x: int) -> tuple[int, int, int]:
    return x, _STATE.get("loaded", -1), _STATE.get("pid", -1)


def die_on_two(x: int) -> int:
    if x == 2:
        os._exit(1)  # a worker crash (segfault, OOM kill), not an exception
    return x


def test_is_a_runner() -> None:
    assert isinstance(LocalRunner(), Runner)
    assert isinstance(get_runner(), LocalRunner)
    assert get_runner("local", workers=2).workers == 2


def test_unknown_runner_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown runner 'ray'"):
        get_runner("ray")


@pytest.mark.parametrize("workers", [0, -1])
def test_workers_must_be_positive(workers: int) -> None:
    with pytest.raises(ValueError):
        LocalRunner(workers=workers)


@pytest.mark.parametrize("workers", [1, 2])
def test_ordered_results(workers: int) -> None:
    runner = LocalRunner(workers=workers, progress=False, max_pending=3)
    assert list(runner.map(square, range(20))) == [(i, i * i) for i in range(20)]


def test_in_process_and_pool_agree_including_errors() -> None:
    items = list(range(8))
    inline = list(LocalRunner(workers=1, progress=False).map(fail_on_three, items))
    pooled = list(LocalRunner(workers=2, progress=False).map(fail_on_three, items))
    for results in (inline, pooled):
        assert [item for item, _ in results] == items
        assert isinstance(results[3][1], ValueError) and "bad item 3" in str(results[3][1])
        assert [r for i, r in results if i != 3] == [i + 100 for i in items if i != 3]


def test_in_process_calls_fn_directly_without_pickling() -> None:
    seen: list[int] = []
    runner = LocalRunner(workers=1, progress=False)
    results = list(runner.map(lambda x: seen.append(x) or x, [1, 2]))  # a lambda cannot be pickled
    assert results == [(1, 1), (2, 2)] and seen == [1, 2]


def test_pool_refuses_unpicklable_function_up_front() -> None:
    with pytest.raises(TypeError, match="cannot be sent to worker processes"):
        list(LocalRunner(workers=2, progress=False).map(lambda x: x, [1]))


def test_initializer_runs_in_each_worker() -> None:
    results = list(LocalRunner(workers=2, initializer=init_state, initargs=(7,), progress=False).map(read_state, range(6)))
    assert all(loaded == 7 for _, (_, loaded, _) in results)
    assert all(pid != os.getpid() for _, (_, _, pid) in results)


def test_initializer_runs_once_in_process() -> None:
    _STATE.clear()
    calls: list[int] = []
    runner = LocalRunner(workers=1, initializer=lambda: calls.append(1), progress=False)
    list(runner.map(square, [1, 2]))
    list(runner.map(square, [3]))
    assert calls == [1]


def test_long_iterable_is_consumed_lazily() -> None:
    counter = itertools.count()
    runner = LocalRunner(workers=2, progress=False, max_pending=4)
    stream = runner.map(square, counter)  # endless: materializing it would hang
    first = [next(stream) for _ in range(5)]
    stream.close()
    assert first == [(i, i * i) for i in range(5)]
    assert next(counter) <= 5 + 4 + 1  # at most the window was read ahead


def test_worker_crash_does_not_stop_the_batch() -> None:
    results = list(LocalRunner(workers=2, progress=False, max_pending=2).map(die_on_two, range(6)))
    assert [i for i, _ in results] == list(range(6))
    errors = [i for i, r in results if isinstance(r, Exception)]
    assert 2 in errors
    assert [r for i, r in results if i not in errors] == [i for i in range(6) if i not in errors]
    assert len(errors) <= 2  # the crashing item, plus at most the one queued beside it


def test_progress_silent_when_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    list(LocalRunner(progress=True).map(square, [1, 2], desc="squaring"))
    assert capsys.readouterr().err == ""


def test_progress_forced(capsys: pytest.CaptureFixture[str]) -> None:
    list(LocalRunner(progress="always").map(square, [1, 2, 3], desc="squaring"))
    captured = capsys.readouterr()
    assert "squaring" in captured.err and "3/3" in captured.err
    assert captured.out == ""


def test_spawned_workers_give_the_same_results() -> None:
    """The platform default start method varies (fork, forkserver, spawn): results don't."""
    runner = LocalRunner(workers=2, initializer=init_state, initargs=(5,), progress=False, mp_context="spawn")
    results = list(runner.map(read_state, range(4)))
    assert [(i, r[:2]) for i, r in results] == [(i, (i, 5)) for i in range(4)]
