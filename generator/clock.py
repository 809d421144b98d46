"""Times as people write them: parse the forms sources and links use, format for display."""

from __future__ import annotations

import math
import re

_COLON = re.compile(r"(?:(\d+):)?(\d{1,3}):(\d{2})(?:\.(\d+))?")  # "100:25" too: 2-hour transcripts stamped in minutes
_UNITS = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s)?")


def parse_clock(text: str) -> float | None:
    """Seconds from ``1:02:16``, ``62:16``, ``3736``, ``3736s`` or ``1h 2m 16s``; None if unreadable.

    Minutes or seconds of 60 and more after a colon are impossible and give None,
    as do numbers too long to be a time (Python refuses to convert integers of
    more than 4300 digits) or too large to be finite.
    """
    try:
        seconds = _parse(text.strip())
        return float(seconds) if seconds is not None and math.isfinite(seconds) else None
    except (ValueError, OverflowError):  # past sys.get_int_max_str_digits(), or beyond a float
        return None


def _parse(text: str) -> float | None:
    m = _COLON.fullmatch(text)
    if m:
        h, mnt, s, frac = m.groups()
        if int(s) >= 60 or (h is not None and int(mnt) >= 60):
            return None
        return int(h or 0) * 3600 + int(mnt) * 60 + int(s) + (float("0." + frac) if frac else 0.0)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    m = _UNITS.fullmatch(text)
    if m and any(m.groups()):
        h, mnt, s = m.groups()
        return int(h or 0) * 3600 + int(mnt or 0) * 60 + float(s or 0)
    return None


def format_clock(seconds: float) -> str:
    """``1:02:16`` past an hour, ``2:16`` below it; whole seconds, rounded down."""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def format_hms(seconds: float, hour_digits: int = 1) -> str:
    """``1:36:03`` for messages; ``hour_digits=2`` echoes chapter lists' ``(00:15:13)``. An absurd
    time (a segment at 1e300 s) is said as a number of seconds, not an hour count of 300 digits."""
    if seconds >= 10**7:
        return f"{seconds:.3g} s"
    total = int(seconds)
    return f"{total // 3600:0{hour_digits}d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def format_duration(seconds: float) -> str:
    """``1 h 36 min`` / ``9 min`` for lengths shown beside chapters and episodes: to the nearest
    minute (1:50 is "2 min", not "1 min"), seconds only under a minute."""
    total = int(round(seconds))
    if total < 60:
        return f"{total} s"
    h, m = divmod(int(total / 60 + 0.5), 60)
    if h:
        return f"{h} h {m} min" if m else f"{h} h"
    return f"{m} min"


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration (``PT1H36M3S``) for JSON-LD."""
    total = int(round(seconds))
    h, rest = divmod(total, 3600)
    m, s = divmod(rest, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "") + f"{s}S"


def timecode(seconds: int, frames: int, rate: float, drop: bool = False) -> float:
    """Seconds a SMPTE timecode (``hh:mm:ss`` as ``seconds``, then its frame number) stands for at
    ``rate`` frames a second. A timecode counts frames, ``round(rate)`` of them to its second: at
    29.97 (30000/1001) its clock runs 3.6 s an hour behind real time, which drop-frame timecode
    (``00:01:00;02``) makes up by skipping frame numbers 0 and 1 (0-3 at 59.94) at each minute
    but every tenth. Drop-frame exists at those two rates only: it is played at 30000/1001 where a
    file says 30 (the multiplier left out), and at 25 or 24 a ``;`` is only a separator (skipping
    frames there put an hour 2.16 s early)."""
    nominal = round(rate)
    count = seconds * nominal + frames
    if drop and nominal in (30, 60):
        minutes = seconds // 60
        count -= nominal // 15 * (minutes - minutes // 10)
        rate = nominal * 1000 / 1001
    return count / rate


def beyond_rate(frames: float, rate: float) -> str | None:
    """Why a timecode's frame number cannot be at ``rate`` frames a second (its frames run from 0
    to one below the rate: ``00:00:01:45`` at 30 is no time), or None where it can be."""
    nominal = round(rate)
    return f"frame {frames:g} at {nominal} frames a second (its frames run 00 to {nominal - 1})" if frames >= nominal else None
