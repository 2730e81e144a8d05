"""Whole-process measurements: Hearth against reference processes in the same run, as ratios
(this machine is shared and noisy; absolute times drift, ratios hold). See README.md."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ui.benchmark_hooks import MARK

RATIO_BUDGETS = {
    "first_paint": 1.5,
    "home_ready": 4.5,
    "trends_ready": 1.3,
    "idle_rss": 2.2,
    "scale_home_ready": 1.2,
}


@dataclass(frozen=True)
class Sample:
    seconds: float  # from just before the process was started until the event
    rss_kib: int  # peak resident memory at the event


def spawn(command: list[str], event: str, env: dict[str, str] | None = None,
          timeout: float = 180) -> Sample:
    """Start ``command``, wait for its ``HEARTH_BENCH <event>`` line, return when it came."""
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    import time

    started = time.time()
    done = subprocess.run(command, env=environment, capture_output=True, text=True,
                          timeout=timeout)
    for line in done.stdout.splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[0] == MARK and parts[1] == event:
            return Sample(float(parts[2]) - started, int(parts[3]))
    raise RuntimeError(f"{' '.join(command)} never reported {event} (exit "
                       f"{done.returncode}): {done.stderr.strip()[-500:]}")


def hearth(data_dir: Path, goal: str) -> Sample:
    return spawn([sys.executable, "-m", "ui.main", "--data-dir", str(data_dir)], goal,
                 {"HEARTH_BENCHMARK": goal})


def reference(kind: str, event: str) -> Sample:
    return spawn([sys.executable, "-m", "benchmarks.reference", kind], event)


def demo_data(years: int, scale: int) -> Path:
    """A data folder with demo data, made once and kept in the user's cache between runs."""
    from app.persistence.migrate import head_revision

    folder = Path(tempfile.gettempdir()) / f"hearth-bench-{head_revision()}-{years}y-{scale}x"
    if not (folder / "ready").exists():
        subprocess.run([sys.executable, "-m", "app.cli", "--data-dir", str(folder), "demo",
                        "--years", str(years), "--scale", str(scale), "--force"],
                       check=True, stdout=subprocess.DEVNULL)
        (folder / "ready").write_text("made by benchmarks/processes.py\n")
    return folder


def compile_bytecode() -> None:
    """Compile every module once, as an installed app has it (uv sync doesn't by default,
    and with PYTHONDONTWRITEBYTECODE set nothing would ever be cached): otherwise each start
    pays for compiling some two hundred modules, which no couple's start does."""
    import sysconfig

    root = Path(__file__).resolve().parent.parent
    folders = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"],
               *(str(root / name) for name in ("app", "ui", "resources", "benchmarks"))]
    subprocess.run([sys.executable, "-m", "compileall", "-q", "-j", "0",
                    *dict.fromkeys(folders)], check=False, stdout=subprocess.DEVNULL,
                   env={k: v for k, v in os.environ.items()
                        if k != "PYTHONDONTWRITEBYTECODE"})


def swapped(turn: int, *starts: Callable[[], Sample]) -> list[Sample]:
    """Run ``starts`` in order on even turns and in reverse on odd ones; their samples in
    the order given."""
    order = range(len(starts)) if turn % 2 == 0 else range(len(starts) - 1, -1, -1)
    samples = {index: starts[index]() for index in order}
    return [samples[index] for index in range(len(starts))]


def measure(rounds: int, scale: int = 100, short_repeats: int = 4) -> dict[str, dict[str, float]]:
    """Medians (seconds, KiB) of every measurement and the ratios, each Hearth start
    alternating with what it is compared with, every round after one warm-up round.

    The short starts take a fifth of a second each, where this shared machine's noise is
    largest: they run ``short_repeats`` times a round, so their medians rest on more
    samples. This machine's page cache is small: whichever process starts right after a
    big one (Trends imports matplotlib; Home with 100× the data reads a 90 MB file) finds
    its files gone. So each repeat swaps the order of the processes it compares (bare
    window first, then Hearth first, …), and Home at 100× alternates with Home at 1× in a
    loop of its own."""
    compile_bytecode()
    data = demo_data(10, 1)
    big = demo_data(10, scale)
    runs: dict[str, list[float]] = {}

    def keep(name: str, value: float) -> None:
        runs.setdefault(name, []).append(value)

    for round_ in range(rounds + 1):
        warm_up = round_ == 0  # caches, font cache, page cache
        for repeat in range(1 if warm_up else short_repeats):
            bare, first, home = swapped(repeat, lambda: reference("bare", "first_paint"),
                                        lambda: hearth(data, "first_paint"),
                                        lambda: hearth(data, "home_ready"))
            if not warm_up:
                keep("bare_first_paint_s", bare.seconds)
                keep("bare_rss_kib", bare.rss_kib)
                keep("first_paint_s", first.seconds)
                keep("home_ready_s", home.seconds)
                keep("home_rss_kib", home.rss_kib)
        for repeat in range(1 if warm_up else short_repeats):
            home_small, home_big = swapped(repeat, lambda: hearth(data, "home_ready"),
                                           lambda: hearth(big, "home_ready"))
            if not warm_up:
                keep("home_ready_1x_s", home_small.seconds)
                keep("home_ready_big_s", home_big.seconds)
        trends_ref, trends = swapped(round_, lambda: reference("trends", "trends_ready"),
                                     lambda: hearth(data, "trends_ready"))
        if warm_up:
            continue
        keep("reference_trends_s", trends_ref.seconds)
        keep("trends_ready_s", trends.seconds)
    medians = {name: statistics.median(values) for name, values in runs.items()}
    ratios = {
        "first_paint": medians["first_paint_s"] / medians["bare_first_paint_s"],
        "home_ready": medians["home_ready_s"] / medians["bare_first_paint_s"],
        "trends_ready": medians["trends_ready_s"] / medians["reference_trends_s"],
        "idle_rss": medians["home_rss_kib"] / medians["bare_rss_kib"]
        if medians["bare_rss_kib"] else float("nan"),
        "scale_home_ready": medians["home_ready_big_s"] / medians["home_ready_1x_s"],
    }
    return {"medians": medians, "ratios": ratios}
