"""A call in a forked process beside the build's own work (generator/background.py)."""

from __future__ import annotations

import os
import time

import pytest

from generator.background import Background, Shared, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="forks only on Linux, in a single-threaded process")


def _pid_and(value: object) -> tuple[int, object]:
    return os.getpid(), value


def _fail() -> None:
    raise ValueError("bad input")


def _slow() -> int:
    time.sleep(30)
    return 1


def test_the_call_runs_in_another_process_and_its_value_comes_back():
    with Background(_pid_and, {"a": b"x" * 200_000}) as call:  # larger than a pipe's buffer
        pid, value = call.result()
    assert pid != os.getpid() and value == {"a": b"x" * 200_000}


def test_a_call_that_fails_in_the_child_fails_here_with_its_own_error():
    with Background(_fail) as call, pytest.raises(ValueError, match="bad input"):
        call.result()


def test_a_result_never_asked_for_leaves_no_process_behind():
    start = time.perf_counter()
    with Background(_slow) as call:
        pid = call._pid
    assert time.perf_counter() - start < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already


def test_without_fork_the_call_runs_here_when_asked():
    with Background(_pid_and, 1, fork=False) as call:
        assert call.result() == (os.getpid(), 1)


def test_a_fork_that_fails_leaves_the_call_to_run_here(monkeypatch):
    def no_fork() -> int:
        raise BlockingIOError("no process to spare")

    monkeypatch.setattr(os, "fork", no_fork)
    with Background(_pid_and, 2) as call:
        assert call.result() == (os.getpid(), 2)


def _wait_for(path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.001)


def test_shared_calls_are_made_by_the_child_from_the_first_and_here_from_the_last(tmp_path):
    parent, n = os.getpid(), 30
    here, there = tmp_path / "here", tmp_path / "there"

    def made(k: int) -> tuple[int, int]:  # each side's first call waits for the other's
        if os.getpid() == parent and k == n - 1:
            _wait_for(there)
            here.touch()
        elif os.getpid() != parent and k == 0:
            there.touch()
            _wait_for(here)
        return os.getpid(), k

    with Shared(made, n) as shared:
        values = shared.results()
    assert [k for _, k in values] == list(range(n))
    pids = [pid for pid, _ in values]
    assert pids[0] != parent and pids[-1] == parent
    assert pids == [pids[0]] * pids.count(pids[0]) + [parent] * pids.count(parent)  # one run each, meeting once


def test_shared_calls_the_child_failed_are_made_here():
    parent = os.getpid()

    def made(k: int) -> tuple[int, int]:
        if os.getpid() != parent:
            raise MemoryError
        return os.getpid(), k

    with Shared(made, 12) as shared:
        assert shared.results() == [(parent, k) for k in range(12)]


def test_shared_calls_without_fork_are_all_made_here_and_fail_with_their_own_error():
    with Shared(lambda k: (os.getpid(), k), 5, fork=False) as shared:
        assert shared.results() == [(os.getpid(), k) for k in range(5)]

    def bad(k: int) -> int:
        raise ValueError(f"bad call {k}")

    with Shared(bad, 3) as shared, pytest.raises(ValueError, match="bad call"):
        shared.results()
