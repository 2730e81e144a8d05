"""PySide6-Essentials 6.12.0 on Python 3.11 corrupts None's reference count in
QStandardItemModel.setItem and aborts the interpreter. pyproject.toml excludes it; this
fills a big item model so a regression shows up as a crash here, not in a couple's evening.
"""

from __future__ import annotations

import gc
import sys

import PySide6
from PySide6.QtGui import QStandardItem, QStandardItemModel


def test_excluded_release_is_not_installed_on_python_311():
    if sys.version_info[:2] == (3, 11):
        assert PySide6.__version__ != "6.12.0"


def test_filling_a_20000_row_item_model_keeps_none_alive(qapp):
    gc.collect()
    before = sys.getrefcount(None)
    model = QStandardItemModel()
    model.setColumnCount(2)
    for row in range(20_000):
        model.setItem(row, 0, QStandardItem(f"row {row}"))
        model.setItem(row, 1, QStandardItem(str(row)))
    assert model.rowCount() == 20_000
    assert model.item(19_999, 0).text() == "row 19999"
    del model
    gc.collect()
    # A corrupted count drops by one per call (40,000 here); healthy code leaves it about
    # where it was.
    assert sys.getrefcount(None) > before - 10_000
