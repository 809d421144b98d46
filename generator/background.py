"""One call run in a forked process while the caller does other work: a build of one episode
leaves a core idle, and cutting its captions is the longest single stage after the merge.

Fork, not a process pool: the child starts with everything the parent has imported and
made, so nothing is pickled but the result and no interpreter starts (a pool's start-up,
~0.1 s, would eat the gain). Only on Linux and in a single-threaded process: forking
beside other threads (``serve``'s web server) can copy a lock another thread holds.
Any failure in the child makes the caller run the call itself, which raises what it raises.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether ``Background`` may fork here (else it runs the call when its result is asked for)."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


class Background(Generic[T]):
    """``fn(*args)`` in a forked child from now on; ``result()`` waits for it. Use as a context
    manager, so that a caller who fails before asking does not leave the child behind."""

    def __init__(self, fn: Callable[..., T], *args: object, fork: bool = True) -> None:
        self._call = lambda: fn(*args)
        self._pid = 0
        self._pipe = -1
        if fork and can_fork():
            read, write = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no memory or no process to spare: the call runs here when asked
                os.close(read)
                os.close(write)
                return
            if pid == 0:  # the child: never returns
                _run_child(self._call, read, write)
            os.close(write)
            self._pid, self._pipe = pid, read

    def result(self) -> T:
        """The call's value: from the child if it delivered one, else made here."""
        if not self._pid:
            return self._call()
        with os.fdopen(self._pipe, "rb") as pipe:
            self._pipe = -1
            data = pipe.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status == 0 and data:
            return pickle.loads(data)
        return self._call()

    def close(self) -> None:
        """Stop the child if its result was never asked for."""
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = 0
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1

    def __enter__(self) -> "Background[T]":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _run_child(call: Callable[[], object], read: int, write: int) -> None:
    code = 1
    try:
        os.close(read)
        data = pickle.dumps(call(), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        code = 0
    except BaseException:  # the parent makes the call again and reports it
        pass
    finally:
        os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
