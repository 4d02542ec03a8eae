"""The last step of `make mutate`: read mutmut's results and print the score.

Killed and timed-out mutants are detected (a mutant that makes a test hang is caught by the timeout); survivors
listed in tests/mutation/equivalent.txt (with the reason each cannot change behaviour) leave the count. The last
line is `mutation score: K/M killed (P%)`; the exit code is 1 below the target or with an unlisted survivor.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TARGET = 90.0
HERE = Path(__file__).parent


def equivalent() -> dict[str, str]:
    listed = {}
    for line in (HERE / "equivalent.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            listed[name] = reason.strip()
    return listed


def main() -> int:
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    status = dict(line.strip().rsplit(": ", 1) for line in out.splitlines() if ": " in line)
    listed = equivalent()
    counted = {name: s for name, s in status.items() if name not in listed}
    detected = [n for n, s in counted.items() if s in ("killed", "timeout")]
    survivors = sorted(n for n, s in counted.items() if s not in ("killed", "timeout"))
    for name in survivors:
        print(f"  survived ({counted[name]}): {name}  (mutmut show {name})")
    total = len(counted)
    score = 100 * len(detected) / total if total else 0.0
    print(
        f"{len(status)} mutants; {len(listed)} listed as equivalent in tests/mutation/equivalent.txt; {len(survivors)} "
        "not detected"
    )
    print(f"mutation score: {len(detected)}/{total} killed ({score:.1f}%)")
    return 0 if score >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
