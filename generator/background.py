"""Work run in a forked process while the caller does other work: a build of one episode
leaves a core idle, and cutting its captions is the longest single stage after the merge.
``Background`` runs one call there; ``Shared`` runs a list of calls there and here, meeting
where the child has got to when the caller is free to help.

Fork, not a process pool: the child starts with everything the parent has imported and
made, so nothing is pickled but the result and no interpreter starts (a pool's start-up,
~0.1 s, would eat the gain). Only on Linux and in a single-threaded process: forking
beside other threads (``serve``'s web server) can copy a lock another thread holds.
Any failure in the child makes the caller run the call itself, which raises what it raises.
"""

from __future__ import annotations

import mmap
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

    @property
    def forked(self) -> bool:
        """Whether a child is making the call (its result not yet taken)."""
        return self._pid > 0

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


class Shared(Generic[T]):
    """``fn(k)`` for every k in ``range(n)``: a forked child takes them from the first on, and
    ``results()`` takes them from the last down until it reaches one the child has taken. Where
    the caller's own work before asking is unknown (it grows with the episode as the calls do),
    neither side waits on a share fixed in advance. Use as a context manager, as ``Background``.

    Each side claims a call in a byte of shared memory before making it. Both may claim the
    one where they meet; it is then made twice, and either value serves (``fn`` is pure). A
    child that fails leaves its calls to the caller, as ``Background`` does.
    """

    def __init__(self, fn: Callable[[int], T], n: int, fork: bool = True) -> None:
        self._fn = fn
        self._n = n
        self._claimed = mmap.mmap(-1, max(n, 1))  # anonymous and shared with the child
        self._child: Background[dict[int, T]] = Background(self._front, fork=fork and n > 1)

    def _front(self) -> dict[int, T]:
        made: dict[int, T] = {}
        for k in range(self._n):
            if self._claimed[k]:
                break
            self._claimed[k] = 1
            made[k] = self._fn(k)
        return made

    def results(self) -> list[T]:
        """Every call's value, in order."""
        mine: dict[int, T] = {}
        if self._child.forked:
            for k in reversed(range(self._n)):
                if self._claimed[k]:
                    break
                self._claimed[k] = 1
                mine[k] = self._fn(k)
        theirs = self._child.result() if len(mine) < self._n else {}
        return [mine[k] if k in mine else theirs[k] if k in theirs else self._fn(k) for k in range(self._n)]

    def close(self) -> None:
        self._child.close()
        self._claimed.close()

    def __enter__(self) -> "Shared[T]":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
