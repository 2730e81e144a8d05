"""Save as… in the window never lands on Hearth's own data: the place chosen in the file
dialog is refused calmly, in words, and nothing is written; an ordinary place still works and
the file is private."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.domain.checkins import CheckinInput
from app.paths import backups_dir, db_path

REFUSED = "is where Hearth keeps your data; please choose a file outside Hearth's data folder."


def choose(monkeypatch, path) -> None:
    """The file dialog answers with ``path``, as if the couple had picked it."""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def names(folder) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.fixture
def window(qtbot, couple, services, make_window):
    zoe, lukasz = couple.partners
    services.checkins.save_session([CheckinInput(zoe.id, 4, 7), CheckinInput(lukasz.id, 3, 6)])
    return make_window()


def test_export_everything_into_the_data_folder_is_refused(qtbot, window, services,
                                                           hearth_home, monkeypatch):
    window.show_view("settings")
    view = window.view("settings")
    before = names(hearth_home)
    choose(monkeypatch, hearth_home / "ours.json")
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert REFUSED in view.data_status.text() and "Nothing was written." in \
        view.data_status.text()
    assert view.export_button.isEnabled()
    assert names(hearth_home) == before
    assert services.couple.require().names == ("Zoë", "Łukasz")


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_worksheet_pdf_onto_a_link_to_the_database_is_refused(
        qtbot, window, services, hearth_home, tmp_path, monkeypatch):
    sheet, _ = services.worksheets.start("after_fight", "The dishes")
    window.show_view("conflicts")
    view = window.view("conflicts")
    view.open(sheet.id)
    link = tmp_path / "ours.pdf"
    link.symlink_to(db_path(hearth_home))
    before = names(hearth_home)
    choose(monkeypatch, link)
    view.export_pdf()
    assert REFUSED in view.status.text()
    assert link.is_symlink() and link.resolve() == db_path(hearth_home).resolve()
    assert names(hearth_home) == before
    assert services.worksheets.get(sheet.id).title == "The dishes"


def test_a_chart_saved_into_the_backups_folder_is_refused(qtbot, window, hearth_home,
                                                          monkeypatch):
    window.show_view("trends")
    chart = window.view("trends").cards[0]
    backups_dir(hearth_home).mkdir(exist_ok=True)
    before = names(hearth_home)
    choose(monkeypatch, backups_dir(hearth_home) / "chart.png")
    chart.export()
    assert REFUSED in chart.hover_text.text()
    assert names(hearth_home) == before
    assert chart.figure.axes and chart.figure.axes[0].get_legend() is None  # screen as it was


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_chart_saved_elsewhere_is_whole_and_private(qtbot, window, tmp_path, monkeypatch):
    window.show_view("trends")
    chart = window.view("trends").cards[0]
    target = tmp_path / "chart.svg"
    choose(monkeypatch, target)
    previous = os.umask(0)
    try:
        chart.export()
    finally:
        os.umask(previous)
    assert target.read_bytes().startswith(b"<?xml")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".partial"] == []
    assert f"Saved to {target}" in chart.hover_text.text()
