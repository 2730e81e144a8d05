"""Trends: the charts draw what the data says, explain empty ranges, hover and export."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from app.domain.calendar import MonthHours
from app.domain.checkins import CheckinInput
from app.domain.weeks import week_start_of, weeks_between
from ui.charts import add_export_legend
from ui.charts.calendar import QualitySeries

ROOT = Path(__file__).resolve().parents[3]


def moment() -> datetime:
    """A minute ago: "today" for a check-in, whatever the time of day the tests run."""
    return datetime.now().astimezone() - timedelta(minutes=1)


def add_sittings(services, couple, days_ago: list[int], both: bool = True) -> None:
    zoe, lukasz = couple.partners
    now = moment()
    for i, ago in enumerate(days_ago):
        answers = [CheckinInput(zoe.id, 4, 6 + i % 4)]
        if both:
            answers.append(CheckinInput(lukasz.id, 3, 5))
        services.checkins.save_session(answers, at=now - timedelta(days=ago))


@pytest.fixture
def trends(qtbot, couple, make_window):
    def open_trends():
        window = make_window()
        window.show_view("trends")
        return window.view("trends")

    return open_trends


def bar_sets(ax) -> dict[str, list[float]]:
    """Each set of bars by its label: the heights as drawn (each bar's top edge)."""
    from matplotlib.collections import PolyCollection

    return {c.get_label(): [float(path.vertices[:, 1].max()) for path in c.get_paths()]
            for c in ax.collections if type(c) is PolyCollection}


def card(view, key):
    return next(c for c in view.cards if c.spec.key == key)


def test_frequency_chart_has_a_bar_per_week_and_partner(trends, services, couple):
    add_sittings(services, couple, [3, 10, 11, 30, 60])
    view = trends()
    first, last = view.current_range()
    weeks = weeks_between(first, last, 0)
    chart = card(view, "checkin_frequency")
    ax = chart.drawn_axes()
    assert chart.stack.currentWidget() is chart.canvas
    per_week = Counter(week_start_of((moment() - timedelta(days=ago)).date(), 0)
                       for ago in [3, 10, 11, 30, 60])
    expected = [per_week.get(week, 0) for week in weeks]
    drawn = bar_sets(ax)
    assert set(drawn) == {"Zoë", "Łukasz"}
    for heights in drawn.values():
        assert heights == expected
    target = [line for line in ax.lines if line.get_label().startswith("Your aim")]
    assert len(target) == 1 and target[0].get_ydata()[0] == 2


def test_connection_chart_has_a_line_per_partner_and_a_shaded_gap(trends, services, couple):
    add_sittings(services, couple, [3, 10, 17, 24, 31])
    view = trends()
    ax = card(view, "connection").drawn_axes()
    labels = sorted(line.get_label() for line in ax.lines)
    assert labels == ["Zoë", "Łukasz"]
    colours = {line.get_label(): line.get_color() for line in ax.lines}
    assert colours == {"Zoë": "#00756c", "Łukasz": "#b4472a"}
    assert any(c.get_label() == "where you differ" for c in ax.collections)


def test_all_time_uses_a_step_line_for_long_ranges(trends, services, couple):
    add_sittings(services, couple, [3, 400, 700])
    view = trends()
    view.range.setCurrentIndex(2)  # all time
    ax = card(view, "checkin_frequency").drawn_axes()
    assert len(ax.patches) == 2  # one step outline per partner instead of 200 bars


def test_empty_range_is_explained_not_blank(trends):
    view = trends()
    for chart in view.cards:
        assert chart.stack.currentWidget() is chart.empty
        expected = {"quality_time": "No quality time", "conflicts": "No worksheets"}
        assert expected.get(chart.spec.key, "No check-ins") in chart.empty.text()
        assert not chart.save_button.isEnabled()


def test_a_single_week_asks_for_patience(trends, services, couple):
    add_sittings(services, couple, [1])
    view = trends()
    assert "Just one week" in card(view, "connection").empty.text()
    assert card(view, "checkin_frequency").stack.currentWidget() is not None


def test_charts_follow_new_check_ins(trends, services, couple, bus):
    view = trends()
    assert card(view, "checkin_frequency").stack.currentWidget() is card(
        view, "checkin_frequency").empty
    add_sittings(services, couple, [2])
    from app.domain.changes import CHECKINS, ChangeSet

    bus.publish(ChangeSet.of(CHECKINS))
    chart = card(view, "checkin_frequency")
    assert chart.stack.currentWidget() is chart.canvas


def test_hover_names_the_week_and_both_values(trends, services, couple):
    add_sittings(services, couple, [3, 10, 17])
    view = trends()
    chart = card(view, "connection")
    ax = chart.drawn_axes()
    line = ax.lines[0]
    x, y = line.get_xydata()[-1]
    from matplotlib.backend_bases import MouseEvent

    px, py = ax.transData.transform((x, y))
    chart._hover(MouseEvent("motion_notify_event", chart.canvas, px, py))
    assert chart.hover_text.text().startswith("Week of")
    assert re.match(r"Week of [1-9]\d? [A-Z][a-z]+ 20\d\d: ", chart.hover_text.text())  # 4 May
    assert "Zoë" in chart.hover_text.text() and "Łukasz" in chart.hover_text.text()


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml"),
                                                (".pdf", b"%PDF")])
def test_export_current_chart(trends, services, couple, tmp_path, monkeypatch, suffix, magic):
    add_sittings(services, couple, [3, 10])
    view = trends()
    target = tmp_path / f"chart{suffix}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    card(view, "checkin_frequency").export()
    assert target.read_bytes().startswith(magic)


def test_the_legend_above_each_chart_names_both_partners_in_their_colours(
        trends, services, couple):
    add_sittings(services, couple, [3, 10, 17, 24, 31])
    view = trends()
    chart = card(view, "connection")
    assert chart.legend.isVisibleTo(chart)
    text = chart.legend.text()
    assert '<span style="color:#00756c">━━</span>&nbsp;Zoë' in text
    assert '<span style="color:#b4472a">━━</span>&nbsp;Łukasz' in text
    assert "■</span>&nbsp;where you differ" in text  # a faint band: a block, blended
    frequency = card(view, "checkin_frequency").legend.text()
    assert "╍╍</span>&nbsp;Your aim: 2 a week" in frequency
    assert chart.figure.axes[0].get_legend() is None  # drawn by Qt, not by matplotlib


def test_a_chart_without_data_shows_no_legend(trends):
    view = trends()
    assert not card(view, "connection").legend.isVisibleTo(card(view, "connection"))


def test_a_saved_chart_carries_its_legend(trends, services, couple, tmp_path, monkeypatch):
    add_sittings(services, couple, [3, 10])
    view = trends()
    chart = card(view, "checkin_frequency")
    seen = []
    original = type(chart.figure).savefig

    def savefig(figure, target, **kwargs):
        seen.extend(t.get_text() for t in figure.axes[0].get_legend().get_texts())
        return original(figure, target, **kwargs)

    monkeypatch.setattr(type(chart.figure), "savefig", savefig)
    target = tmp_path / "chart.png"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    chart.export()
    assert seen == ["Zoë", "Łukasz", "Your aim: 2 a week"]
    assert chart.figure.axes[0].get_legend() is None  # gone again from the screen
    assert target.read_bytes().startswith(b"\x89PNG")


def test_charts_below_the_fold_are_drawn_once_without_scrolling(
        services, couple, make_window, qtbot):
    """Charts draw when painted (once, at the width they settle at); the ones below the
    visible part are drawn straight after, so scrolling down finds them ready."""
    add_sittings(services, couple, [3, 10, 17, 24, 31])
    window = make_window()
    window.resize(1100, 700)
    qtbot.wait(50)
    window.show_view("trends")  # made now; nothing is drawn before the next turn
    view = window.view("trends")
    widths: dict[str, list[int]] = {c.spec.key: [] for c in view.cards}
    for c in view.cards:
        c.canvas.mpl_connect("draw_event", lambda _e, c=c: widths[c.spec.key].append(
            round(c.figure.bbox.width)))
    drawing = [c for c in view.cards if c.stack.currentWidget() is c.canvas]
    assert len(drawing) == 3  # the check-in charts; no quality time or worksheets yet
    qtbot.waitUntil(lambda: all(widths[c.spec.key] for c in drawing))
    qtbot.wait(100)
    assert any(c.visibleRegion().isEmpty() for c in drawing)  # some are below the fold
    for c in drawing:
        assert widths[c.spec.key] == [c.canvas.width()], c.spec.key


def test_a_range_change_draws_each_chart_once(services, couple, make_window, qtbot):
    """A new range draws the chart when it next paints — once, also when something drew
    it directly in between (e.g. a save)."""
    add_sittings(services, couple, [3, 10, 17, 24, 31, 90, 200])
    window = make_window()
    window.show_view("trends")
    view = window.view("trends")
    chart = card(view, "connection")
    qtbot.waitUntil(lambda: not chart.canvas.pending)
    draws = []
    chart.canvas.mpl_connect("draw_event", lambda _e: draws.append(1))
    view.range.setCurrentIndex(view.range.findText("Last 12 months"))
    assert chart.canvas.pending  # to be drawn at the next paint
    chart.canvas.draw()  # drawn now instead
    chart.canvas.repaint()
    qtbot.wait(50)
    assert draws == [1]


def test_text_size_scales_chart_text(trends, services, couple, qapp):
    from app.domain.settings import TextSize

    add_sittings(services, couple, [3, 10])
    view = trends()
    normal = card(view, "connection").drawn_axes().yaxis.label.get_fontsize()
    services.settings.update(text_size=TextSize.EXTRA_LARGE)
    from ui import theme

    theme.apply(qapp, text_size=TextSize.EXTRA_LARGE, dark=False)
    view.restyle()
    assert card(view, "connection").drawn_axes().yaxis.label.get_fontsize() > normal


def fresh_process(body: str, folder: Path) -> list:
    """Run ``body`` in a new offscreen Python with Qt and Hearth's window classes imported
    (``folder`` as ``home``); each line it prints is read as JSON."""
    script = (
        "import sys, json\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from app.persistence.migrate import open_database\n"
        "from app.services import Services\n"
        "from ui.bus import DataBus\n"
        "from ui.main_window import MainWindow\n"
        "home = Path(sys.argv[1])\n"
    ) + body
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script, str(folder)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.strip().splitlines()
            if line.startswith(("[", "{"))]


def test_matplotlib_loads_only_when_trends_opens(tmp_path):
    (seen,) = fresh_process(
        "services = Services.over(open_database(home / 'hearth.sqlite3'))\n"
        "services.couple.setup('A', 'B')\n"
        "window = MainWindow(services, DataBus(), home)\n"
        "window.show(); app.processEvents()\n"
        "before = 'matplotlib' in sys.modules\n"
        "window.show_view('trends'); app.processEvents()\n"
        "print(json.dumps([before, 'matplotlib' in sys.modules]))\n", tmp_path)
    assert seen == [False, True]


def test_trends_opens_and_draws_without_sqlalchemy(services, db_file):
    """Opening Trends imports matplotlib; its series are read in plain SQL, so it doesn't
    wait for SQLAlchemy too (~0.3 s) — every chart drawn, none of SQLAlchemy imported."""
    from app.services.demo import DemoService

    DemoService(services.db).generate(years=1, seed=3)
    services.close()
    drawn, imported = fresh_process(
        "services = Services.over(open_database(home / 'hearth.sqlite3', check=False))\n"
        "window = MainWindow(services, DataBus(), home, remember=False)\n"
        "window.show(); app.processEvents()\n"
        "window.show_view('trends')\n"
        "view = window.view('trends')\n"
        "view.range.setCurrentIndex(view.range.findText('All time'))\n"
        "for card in view.cards:\n"
        "    card.canvas.draw()\n"
        "print(json.dumps([[card.spec.key, card.stack.currentWidget() is card.canvas]\n"
        "                  for card in view.cards]))\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy')))\n",
        db_file.parent)
    assert drawn == [[key, True] for key in ("checkin_frequency", "connection", "mood",
                                            "quality_time", "conflicts")]
    assert imported == []


def test_the_cli_counts_the_same_weeks_the_chart_shows(trends, services, couple, capsys):
    from app.cli import main
    from tests.helpers import as_process

    add_sittings(services, couple, [0, 2, 9, 9, 23, 40, 41, 80])
    add_sittings(services, couple, [5, 16], both=False)
    view = trends()
    first, last = view.current_range()
    ax = card(view, "checkin_frequency").drawn_axes()
    drawn = bar_sets(ax)

    with as_process("hearth-cli"):
        assert main(["checkins", "stats", "--from", first.isoformat(), "--to",
                     last.isoformat(), "--json"]) == 0
    weeks = json.loads(capsys.readouterr().out)
    assert set(drawn) == {"Zoë", "Łukasz"}
    for name, heights in drawn.items():
        assert heights == [week["by_partner"][name] for week in weeks]
    assert sum(sum(h) for h in drawn.values()) == 18


def test_quality_time_chart_shows_done_hours_per_month(trends, services, couple):
    from app.domain.calendar import EventInput

    today = datetime.now()
    start = (today - timedelta(days=40)).replace(hour=19, minute=0, second=0, microsecond=0)
    event, _ = services.calendar.create(EventInput(
        "Date night", "date_night", start, start + timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=4"))
    for week in range(3):  # three done, one still planned or skipped
        services.calendar.set_status(event.id, start + timedelta(weeks=week), "done")
    services.calendar.reflect(event.id, start, couple.partners[0].id, 5, "Lovely")
    services.calendar.reflect(event.id, start, couple.partners[1].id, 3, "")
    view = trends()
    chart = card(view, "quality_time")
    ax = chart.drawn_axes()
    assert chart.stack.currentWidget() is chart.canvas
    assert sum(bar_sets(ax)["hours together"]) == 6  # three done evenings of two hours
    rating_lines = [line for line in ax.figure.axes[-1].lines
                    if line.get_label().startswith("how connected")]
    assert rating_lines and 4.0 in list(rating_lines[0].get_ydata())
    # The legend names what is measured first, then the rating, an aim last.
    labels = [e.label for e in chart.entries]
    assert labels[:2] == ["hours together", "how connected afterwards (1–5)"]
    assert all(label.startswith("Your aim") for label in labels[2:])

    # A range without ratings hides the right-hand scale; the next one with them shows the
    # same scale again, with the new range's line only.
    right = ax.figure.axes[-1]
    chart.show_series(QualitySeries([MonthHours(date.today().replace(day=1), 2.0, None)], 0),
                      chart.style)
    assert not right.get_visible() and not right.lines
    assert [e.label for e in chart.entries] == ["hours together"]
    view.reload()
    assert chart.figure.axes == [ax, right] and right.get_visible()
    assert len([line for line in right.lines
                if line.get_label().startswith("how connected")]) == 1


def test_conflicts_chart_counts_opened_and_resolved(trends, services, couple):
    first, _ = services.worksheets.start("after_fight", "Dishes")
    services.worksheets.start("gentle_start", "Weekends")
    services.worksheets.review(first.id, worked=True)
    view = trends()
    chart = card(view, "conflicts")
    ax = chart.drawn_axes()
    assert chart.stack.currentWidget() is chart.canvas
    drawn = bar_sets(ax)
    assert sum(drawn["opened"]) == 2
    assert sum(drawn["resolved"]) == 1


def assert_every_text_inside(chart) -> None:
    renderer = chart.canvas.get_renderer()
    width, height = chart.figure.bbox.width, chart.figure.bbox.height
    for ax in chart.figure.axes:
        if not ax.get_visible():
            continue  # a second scale not wanted for this range isn't drawn
        (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
        texts = [  # the ticks drawn: those inside the axes' limits
            *(label for label in ax.get_xticklabels() if x0 <= label.get_position()[0] <= x1),
            *(label for label in ax.get_yticklabels() if y0 <= label.get_position()[1] <= y1),
            ax.yaxis.label, ax.xaxis.get_offset_text()]
        legend = ax.get_legend()
        if legend is not None:
            texts += legend.get_texts()
        for text in texts:
            if not text.get_text() or not text.get_visible():
                continue
            box = text.get_window_extent(renderer)
            assert box.x0 >= -1 and box.x1 <= width + 1, (chart.spec.key, text)
            assert box.y0 >= -1 and box.y1 <= height + 1, (chart.spec.key, text)
        if ax.yaxis.label.get_text():  # the axis title stays clear of its numbers
            numbers = [label.get_window_extent(renderer).x0 for label in ax.get_yticklabels()
                       if label.get_text() and y0 <= label.get_position()[1] <= y1]
            assert ax.yaxis.label.get_window_extent(renderer).x1 <= min(numbers) + 1, \
                chart.spec.key


@pytest.mark.parametrize("size", ["normal", "extra_large"])
def test_every_label_fits_inside_its_chart(trends, services, couple, qapp, size):
    """The charts keep fixed room for their labels (sized from the text, not re-measured on
    each draw): at every text size, no axis title, number, date or legend entry is cut off
    at a chart's edge in the usual window."""
    from app.domain.settings import TextSize
    from ui import theme

    add_sittings(services, couple, [3, 10, 11, 30, 60, 200, 400])
    services.settings.update(text_size=TextSize(size))
    try:
        view = trends()
        view.window().apply_settings()
        view.reload()
        for chart in view.cards:
            if chart.stack.currentWidget() is not chart.canvas:
                continue
            chart.canvas.draw()
            assert_every_text_inside(chart)
            # A saved image carries its legend above the plot: that has to fit too.
            legend = add_export_legend(chart.figure, chart.style)
            chart._fit(legend=True)
            chart.canvas.draw()
            assert_every_text_inside(chart)
            assert legend.get_texts()
            legend.remove()
    finally:
        theme.apply(qapp, text_size=TextSize.NORMAL)
