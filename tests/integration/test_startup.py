"""Starting Hearth as a person (or the packaging) would: hearth --smoke, --demo, refusals."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.paths import db_path

ROOT = Path(__file__).resolve().parents[2]


def run_hearth(*args: str, home: Path, timeout: int = 120,
               platform: str = "offscreen") -> subprocess.CompletedProcess:
    env = dict(os.environ, HEARTH_HOME=str(home), QT_QPA_PLATFORM=platform)
    for display in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(display, None)  # offscreen needs none; a real platform then has none
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_smoke_on_a_new_data_dir_paints_the_welcome(hearth_home):
    result = run_hearth("--smoke", home=hearth_home)
    assert result.returncode == 0, result.stderr
    assert "welcome" in result.stdout
    assert db_path(hearth_home).exists()


def test_smoke_with_a_couple_paints_home(hearth_home, db_file, services, couple):
    services.close()
    result = run_hearth("--smoke", home=hearth_home)
    assert result.returncode == 0, result.stderr
    assert "home" in result.stdout


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's display")
def test_without_a_display_smoke_says_so_and_exits_1(hearth_home):
    result = run_hearth("--smoke", home=hearth_home, platform="xcb")
    assert result.returncode == 1, result.stderr  # not Qt's abort (134)
    assert "Hearth couldn't open its window: there is no display" in result.stderr
    assert "Traceback" not in result.stderr
    assert not hearth_home.exists()  # nothing was made or changed


def test_demo_uses_a_temporary_dir_never_the_couples_own(hearth_home):
    result = run_hearth("--demo", "--smoke", home=hearth_home)
    assert result.returncode == 0, result.stderr
    assert "home" in result.stdout
    assert not hearth_home.exists()


def test_data_dir_switch_wins_over_hearth_home(hearth_home, tmp_path):
    other = tmp_path / "elsewhere"
    result = run_hearth("--smoke", "--data-dir", str(other), home=hearth_home)
    assert result.returncode == 0, result.stderr
    assert db_path(other).exists()
    assert not hearth_home.exists()


@pytest.mark.parametrize(("content", "said"), [
    (b"just some notes\n", "not a Hearth database"),
    # Noise can't be told from an encrypted database: it needs a passphrase to look inside.
    (os.urandom(8192), "protected by a passphrase"),
])
def test_smoke_refuses_a_file_that_is_not_hearths_and_leaves_it(hearth_home, content, said):
    hearth_home.mkdir(parents=True)
    path = db_path(hearth_home)
    path.write_bytes(content)
    before = digest(path)
    result = run_hearth("--smoke", home=hearth_home)
    assert result.returncode == 1
    assert said in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(path) == before
    assert sorted(p.name for p in hearth_home.iterdir()) == [path.name]


def test_smoke_refuses_a_newer_database_and_leaves_it(hearth_home, db_file):
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = digest(db_file)
    result = run_hearth("--smoke", home=hearth_home)
    assert result.returncode == 1
    assert "newer version of Hearth" in result.stderr
    assert digest(db_file) == before


def test_gui_refusal_shows_a_dialog_and_exits_non_zero(qapp, hearth_home, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui import main as hearth_main

    hearth_home.mkdir(parents=True)
    db_path(hearth_home).write_bytes(b"not a database at all")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    assert hearth_main.main([]) == 1
    assert len(shown) == 1
    assert "not a Hearth database" in shown[0]


def test_screenshots_render_every_view(qapp, tmp_path):
    from ui.screenshots import render_all

    files = render_all(tmp_path / "shots")
    names = {f.name for f in files}
    for view in ("welcome", "home", "settings", "checkins", "checkins-reveal", "trends",
                 "goals", "goals-board", "goals-list", "goals-curtain", "calendar",
                 "calendar-week", "calendar-agenda", "calendar-ideas"):
        for variant in ("light-normal", "dark-normal", "light-large", "dark-large"):
            assert f"{view}-{variant}.png" in names
    assert all(f.stat().st_size > 10_000 for f in files)


def _main_window():
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible())


def test_the_window_is_painted_before_the_data_is_opened(qapp, hearth_home, db_file,
                                                         services, couple, monkeypatch):
    """Nothing heavy before the first paint: Home's greeting is on screen while the data
    is still being opened, then the couple's Home replaces it."""
    from PySide6.QtWidgets import QLabel

    import app.persistence.migrate as migrate
    from ui import main as hearth_main

    services.close()
    seen = {}
    real_open = migrate.open_database

    def watching_open(path, **kwargs):
        window = _main_window()
        seen["visible"] = window.isVisible()
        seen["greeting"] = window.stack.currentWidget().findChildren(QLabel)[0].text()
        seen["sidebar usable"] = window.sidebar.isEnabled()
        return real_open(path, **kwargs)

    monkeypatch.setattr(migrate, "open_database", watching_open)
    assert hearth_main.main(["--smoke"]) == 0
    assert seen["visible"]
    assert seen["greeting"].startswith("Good")  # e.g. "Good evening" — names come later
    assert not seen["sidebar usable"]  # views wait for the data


def test_on_a_first_start_the_welcome_is_there_at_once_and_saves_when_ready(qapp, hearth_home,
                                                                           monkeypatch):
    import app.persistence.migrate as migrate
    from ui import main as hearth_main

    seen = {}
    real_open = migrate.open_database

    def watching_open(path, **kwargs):
        welcome = _main_window().welcome
        seen["welcome"] = welcome is not None and welcome.isVisible()
        seen["can start"] = welcome.start.isEnabled()
        return real_open(path, **kwargs)

    monkeypatch.setattr(migrate, "open_database", watching_open)
    assert hearth_main.main(["--smoke"]) == 0
    assert seen == {"welcome": True, "can start": False}  # typing yes, saving once ready


def test_the_frame_paints_at_the_text_size_the_couple_chose(qapp, hearth_home, db_file,
                                                            services, couple, monkeypatch):
    """The text size lives with the data, which opens after the first paint; the window
    remembers it, so the frame is already large rather than jumping to it."""
    import app.persistence.migrate as migrate
    from app.domain.settings import TextSize
    from ui import main as hearth_main
    from ui import theme

    services.settings.update(text_size=TextSize.LARGE)
    services.close()
    assert hearth_main.main(["--smoke"]) == 0  # the window notes the size it showed
    theme.apply(qapp, text_size=TextSize.NORMAL)
    seen = []
    real_open = migrate.open_database

    def watching_open(path, **kwargs):
        seen.append(theme.current().text_size)
        return real_open(path, **kwargs)

    monkeypatch.setattr(migrate, "open_database", watching_open)
    try:
        assert hearth_main.main(["--smoke"]) == 0
        assert seen == [TextSize.LARGE]
    finally:
        theme.apply(qapp, text_size=TextSize.NORMAL)


def test_modules_imported_while_hearth_runs_are_not_read_for_pysides_feature_switch(
        qapp, hearth_home, db_file, services, couple, monkeypatch, tmp_path):
    """PySide6's ``__feature__`` import hook reads the whole source of every module imported
    after Qt (SQLAlchemy and matplotlib: ~150 ms and ~37 MB). Hearth turns it off while it
    runs and puts it back when main() returns."""
    import builtins
    import linecache

    import app.persistence.migrate as migrate
    from ui import main as hearth_main

    services.close()
    module = tmp_path / "hearth_probe_module.py"
    module.write_text("VALUE = 'imported'  # PySide6 is mentioned here\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    hooked = builtins.__import__
    seen = {}
    real_open = migrate.open_database

    def watching_open(path, **kwargs):
        import hearth_probe_module

        seen["imported"] = hearth_probe_module.VALUE
        seen["source read"] = str(module) in linecache.cache
        return real_open(path, **kwargs)

    monkeypatch.setattr(migrate, "open_database", watching_open)
    try:
        assert hearth_main.main(["--smoke"]) == 0
    finally:
        sys.modules.pop("hearth_probe_module", None)
    assert seen == {"imported": "imported", "source read": False}
    assert builtins.__import__ is hooked  # as PySide left it, once main() has returned
