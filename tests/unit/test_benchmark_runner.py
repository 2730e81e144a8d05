"""The benchmark runner works: it starts Hearth and a reference process and reads their
timestamps (the benchmarks themselves run with `uv run python -m benchmarks`)."""

from __future__ import annotations

import pytest

from benchmarks.processes import hearth, reference, swapped


def test_the_bare_reference_reports_its_first_paint():
    sample = reference("bare", "first_paint")
    assert 0 < sample.seconds < 60


def test_hearth_reports_its_first_paint_and_quits(tmp_path):
    sample = hearth(tmp_path / "data", "first_paint")  # a fresh folder: the welcome
    assert 0 < sample.seconds < 120


def test_an_unknown_goal_is_refused(tmp_path):
    with pytest.raises(RuntimeError, match="never reported"):
        hearth(tmp_path / "data", "no_such_goal")


def test_compared_starts_take_turns_going_first():
    """Whichever process starts after a big one finds this machine's page cache emptied,
    so the runner swaps the order each turn — and still returns samples in the order
    asked for."""
    ran = []

    def start(name):
        return lambda: ran.append(name) or name

    assert swapped(0, start("bare"), start("hearth")) == ["bare", "hearth"]
    assert swapped(1, start("bare"), start("hearth")) == ["bare", "hearth"]
    assert ran == ["bare", "hearth", "hearth", "bare"]
