"""Soak: the window and hearth-cli writing together, many times over (issue 19).

``uv run python -m benchmarks.soak_concurrent_writers [--runs 20] [--seconds 30]
[--kinds plain passphrase] [--writes 10]``

Each run sets up a fresh data folder (encrypted with a passphrase for the ``passphrase``
kind), opens the real window on it for ``--seconds`` of typing a check-in with automatic
backups every half second, and saves ``--writes`` check-ins with ``hearth-cli checkins add``
meanwhile (benchmarks/concurrent_writers.py has the scenario; the test of the same name
runs it briefly). One line per run, a summary, and exit 1 if any run left the data
unhealthy or didn't do its job; the folders of such runs are kept and named.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.concurrent_writers import PASSPHRASE, prepare, run

KINDS = {"plain": None, "passphrase": PASSPHRASE}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.soak_concurrent_writers",
        description="The Hearth window and hearth-cli writing to one data folder at once, "
                    "many times; exit 1 if any run leaves it unhealthy.")
    parser.add_argument("--runs", type=int, default=20, help="runs of each kind (20)")
    parser.add_argument("--seconds", type=float, default=30,
                        help="seconds of typing in the window per run (30)")
    parser.add_argument("--writes", type=int, default=10,
                        help="check-ins saved by hearth-cli per run (10)")
    parser.add_argument("--kinds", nargs="+", choices=sorted(KINDS),
                        default=["plain", "passphrase"],
                        help="plain data, data with a passphrase, or both (the default)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.seconds <= 0 or args.writes < 1:
        parser.error("--runs, --seconds and --writes must be positive")

    failed: list[str] = []
    tally = {kind: [0, 0] for kind in args.kinds}  # kind: [good runs, runs]
    started = time.monotonic()
    for number in range(1, args.runs + 1):
        for kind in args.kinds:
            label = f"run {number}/{args.runs}" + (f" ({kind})" if len(args.kinds) > 1 else "")
            folder = Path(tempfile.mkdtemp(prefix=f"hearth-soak-{kind}-"))
            passphrase = KINDS[kind]
            try:
                prepare(folder / "data", passphrase)
                outcome = run(folder / "data", args.seconds, passphrase, writes=args.writes)
            except Exception as exc:  # a run that couldn't even start is a failed run
                print(f"{label}: couldn't run: {type(exc).__name__}: {exc}", flush=True)
                failed.append(f"{label}: {folder}")
                tally[kind][1] += 1
                continue
            tally[kind][1] += 1
            good = outcome.healthy and not outcome.shortfalls
            print(f"{label}: {outcome.summary()}", flush=True)
            if good:
                tally[kind][0] += 1
                shutil.rmtree(folder, ignore_errors=True)
            else:
                print("\n".join(f"    {line}" for line in outcome.report().splitlines()[1:]),
                      flush=True)
                print(f"    kept for a look: {folder}", flush=True)
                failed.append(f"{label}: {folder}")

    minutes = (time.monotonic() - started) / 60
    print(f"\n{sum(t[1] for t in tally.values())} runs in {minutes:.1f} min: " + "; ".join(
        f"{kind} {good}/{runs} healthy" for kind, (good, runs) in tally.items()))
    if failed:
        print("Not healthy (or didn't do their job):\n  " + "\n  ".join(failed))
        return 1
    print("Every run kept the data whole.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
