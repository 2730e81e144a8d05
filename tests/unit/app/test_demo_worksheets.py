"""Demo worksheets read like a real couple's: every kind, in different states."""

from __future__ import annotations

from datetime import date

from app.services.demo import DemoService

TODAY = date(2026, 11, 23)


def test_demo_worksheets_cover_every_kind_and_state(db, services):
    DemoService(db).generate(years=1, seed=1, today=TODAY)
    sheets = services.worksheets.worksheets()
    assert {w.kind for w in sheets} == {"after_fight", "gentle_start", "solve_together"}
    assert {w.status for w in sheets} == {"open", "resolved"}
    resolved = next(w for w in sheets if w.status == "resolved")
    assert resolved.agreements and resolved.resolved_at >= resolved.opened_at
    zoe, lukasz = services.couple.require().partners
    assert resolved.answer("feelings", "words", zoe.id)
    assert resolved.answer("feelings", "words", lukasz.id)
    assert [w.title for w in services.worksheets.follow_ups_due(TODAY)] == [
        "Sharing the chores"]
    assert all(w.opened_at.date() <= TODAY for w in sheets)
