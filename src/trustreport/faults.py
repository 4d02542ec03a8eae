"""Named points where a test can stop the process as a kill would: TRUSTREPORT_FAULT=<point> (or <point>:<n> for
the n-th time the point is reached). Inert otherwise. The tests use it to prove that an interruption at each point
leaves the previous outputs serving and that the next run repairs everything."""

from __future__ import annotations

import os
import signal

_seen: dict[str, int] = {}


def point(name: str) -> None:
    wanted = os.environ.get("TRUSTREPORT_FAULT")
    if not wanted:
        return
    target, _, nth = wanted.partition(":")
    if target != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
