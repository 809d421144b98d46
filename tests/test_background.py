"""A call in a forked process beside the build's own work (generator/background.py)."""

from __future__ import annotations

import os
import time

import pytest

from generator.background import Background, can_fork

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
