"""Run the benchmarks and print medians against their budgets (see benchmarks/README.md)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# Interaction budgets in milliseconds (medians).
BUDGETS_MS = {
    "calendar_month_switch": 100.0,
    "calendar_week_switch": 100.0,
    "chart_redraw": 50.0,  # the slowest single chart after a range change
    "open_worksheet": 100.0,
    "save_checkin": 100.0,
    "full_export": 1000.0,
    "backup": 1000.0,
}


def _median_ms(action: Callable[[], None], rounds: int, settle: Callable[[], None]) -> float:
    action()  # warm-up
    settle()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        settle()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def calendar_switches(rounds: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.paths import db_path
    from app.persistence.migrate import open_database
    from app.services import Services
    from app.services.demo import DemoService
    from ui.bus import DataBus
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="hearth-bench-") as tmp:
        folder = Path(tmp)
        db = open_database(db_path(folder))
        DemoService(db).generate(years=10, seed=1)
        services = Services.over(db)
        window = MainWindow(services, DataBus(), folder, remember=False)
        window.resize(1280, 820)
        window.show()
        window.show_view("calendar")
        view = window.view("calendar")

        def settle() -> None:
            for _ in range(2):
                app.processEvents()
            window.grab()  # the switch is done when it is painted

        results = {}
        view.set_mode("month")
        results["calendar_month_switch"] = _median_ms(view.go_previous, rounds, settle)
        view.set_mode("week")
        results["calendar_week_switch"] = _median_ms(view.go_previous, rounds, settle)
        results.update(other_interactions(window, services, rounds, settle))
        window.close()
        services.close()
    return results


def other_interactions(window, services, rounds: int, settle) -> dict[str, float]:
    """Each chart's redraw for a new range, opening a worksheet, saving a check-in (and the
    views reloading), a full export and a backup — over the same ten years of data."""
    from datetime import datetime, timedelta

    from app.domain.checkins import CheckinInput

    results: dict[str, float] = {}
    window.show_view("trends")
    trends = window.view("trends")
    first, last = trends.current_range()
    ranges = [(first, last), (last - timedelta(days=365), last)]
    from ui.views.trends_view import chart_style

    style = chart_style(services.home.couple())
    slowest = 0.0
    for card in trends.cards:
        flip = iter(ranges * (rounds + 1))

        def redraw(card=card, flip=flip) -> None:
            lo, hi = next(flip)
            card.show_series(card.spec.load(services, lo, hi), style)
            card.canvas.draw()

        slowest = max(slowest, _median_ms(redraw, rounds, settle))
    results["chart_redraw"] = slowest

    window.show_view("conflicts")
    conflicts = window.view("conflicts")
    sheets = services.worksheets.worksheets()
    if sheets:
        results["open_worksheet"] = _median_ms(lambda: conflicts.open(sheets[0].id), rounds,
                                               settle)
        conflicts.close_sheet()

    window.show_view("home")
    partner = services.couple.require().partners[0]
    moments = iter(datetime.now() - timedelta(minutes=n) for n in range(1, 10_000))

    def save() -> None:
        _sitting, change = services.checkins.save_session(
            [CheckinInput(partner.id, mood=4, connection=7, appreciation="Thank you")],
            at=next(moments))
        window.bus.publish(change)

    results["save_checkin"] = _median_ms(save, rounds, settle)
    quick = max(3, rounds // 5)
    results["full_export"] = _median_ms(services.transfer.export, quick, lambda: None)
    results["backup"] = _median_ms(lambda: services.backups.back_up("manual"), quick,
                                   lambda: None)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="fewer rounds")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--only", choices=("processes", "interactions"),
                        help="run one half only")
    args = parser.parse_args(argv)
    failed = False
    result: dict = {}
    if args.only != "interactions":
        from benchmarks.processes import RATIO_BUDGETS, measure

        measured = measure(rounds=2 if args.quick else 5)
        result["ratios"] = measured["ratios"]
        result["ratio_budgets"] = RATIO_BUDGETS
        result["process_medians"] = measured["medians"]
        print(f"{'ratio':<28} {'value':>10} {'budget':>10}")
        for name, value in measured["ratios"].items():
            ok = value <= RATIO_BUDGETS[name]
            failed |= not ok
            print(f"{name:<28} {value:>10.2f} {RATIO_BUDGETS[name]:>10.1f}  "
                  f"{'ok' if ok else 'OVER'}")
        print()
        for name, value in measured["medians"].items():
            shown = f"{value * 1000:.0f} ms" if name.endswith("_s") else f"{value / 1024:.0f} MB"
            print(f"  {name:<26} {shown:>10}")
        print()
    if args.only != "processes":
        medians = calendar_switches(5 if args.quick else 25)
        result["medians_ms"] = medians
        result["budgets_ms"] = BUDGETS_MS
        print(f"{'measurement':<28} {'median ms':>10} {'budget ms':>10}  ")
        for name, value in medians.items():
            budget = BUDGETS_MS[name]
            ok = value <= budget
            failed |= not ok
            print(f"{name:<28} {value:>10.1f} {budget:>10.0f}  {'ok' if ok else 'OVER'}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
