"""hearth-cli conflicts list and export-pdf: the couple's worksheets from the command line."""

from __future__ import annotations

import json
from datetime import date

from app.paths import db_path
from tests.helpers import fresh, run_cli, sha256


def test_conflicts_list_json_and_filters(capsys, hearth_home):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    path = db_path(hearth_home)
    with fresh(path) as services:
        first, _ = services.worksheets.start("after_fight", "Dishes, again")
        services.worksheets.add_agreement(first.id, "A rota on the fridge")
        services.worksheets.review(first.id, worked=True)
        services.worksheets.start("gentle_start", "Weekend plans")
    before = sha256(path)
    code, out, err = run_cli(capsys, "conflicts", "list", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert [(r["title"], r["kind"], r["status"]) for r in rows] == [
        ("Weekend plans", "gentle_start", "open"), ("Dishes, again", "after_fight", "resolved")]
    assert {"id", "title", "kind", "status", "opened", "resolved"} <= set(rows[0])
    assert rows[0]["resolved"] is None and rows[1]["resolved"] is not None
    assert rows[1]["agreements"] == ["A rota on the fridge"]
    code, out, _ = run_cli(capsys, "conflicts", "list", "--status", "resolved", "--json")
    assert [r["title"] for r in json.loads(out)] == ["Dishes, again"]
    code, out, _ = run_cli(capsys, "conflicts", "list")
    assert "[open] Raise something gently: Weekend plans" in out
    assert sha256(path) == before  # listing changes nothing


def test_conflicts_list_refusals(capsys, hearth_home):
    code, out, err = run_cli(capsys, "conflicts", "list", "--json")
    assert (code, out) == (1, "") and "no Hearth data" in err
    code, _out, err = run_cli(capsys, "conflicts", "list", "--status", "angry")
    assert code == 2 and "invalid choice" in err


def _pdf_text(path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_conflicts_export_pdf_holds_both_partners_words(capsys, hearth_home, tmp_path):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    path = db_path(hearth_home)
    with fresh(path) as services:
        zoe, lukasz = services.couple.require().partners
        sheet, _ = services.worksheets.start("after_fight", "Dishes, again")
        services.worksheets.answer(sheet.id, "feelings", "feelings", zoe.id, ["hurt"])
        services.worksheets.answer(sheet.id, "feelings", "words", zoe.id, "Unseen, and tired.")
        services.worksheets.answer(sheet.id, "feelings", "words", lukasz.id,
                                   "Ambushed — then sorry.")
        services.worksheets.add_agreement(sheet.id, "A rota on the fridge", zoe.id,
                                          date(2026, 12, 1))
        services.worksheets.set_follow_up(sheet.id, date(2026, 12, 8))
    before = sha256(path)
    target = tmp_path / "dishes.pdf"
    code, out, err = run_cli(capsys, "conflicts", "export-pdf", str(sheet.id), str(target))
    assert code == 0, err
    assert "Wrote" in out
    text = _pdf_text(target)
    for words in ("Dishes, again", "After a fight", "Zoë", "Łukasz", "hurt",
                  "Unseen, and tired.", "Ambushed — then sorry.",
                  "A rota on the fridge — Zoë, by 1 December 2026",
                  "again on 8 December 2026", "Hearth · exported"):
        assert words in text, words
    # each partner's words sit under that partner's name
    assert text.index("\nZoë\n") < text.index("Unseen") < text.index("\nŁukasz\n") < \
        text.index("Ambushed")
    assert sha256(path) == before  # exporting changes nothing


def test_conflicts_export_pdf_refusals(capsys, hearth_home, tmp_path):
    assert run_cli(capsys, "setup", "--names", "Zoë", "Łukasz")[0] == 0
    target = tmp_path / "none.pdf"
    code, out, err = run_cli(capsys, "conflicts", "export-pdf", "42", str(target))
    assert (code, out) == (1, "") and "no worksheet with id 42" in err
    assert not target.exists()
    code, _out, err = run_cli(capsys, "conflicts", "export-pdf", "one", str(target))
    assert code == 2 and "invalid int value" in err
    code, _out, err = run_cli(capsys, "conflicts", "export-pdf", "1", str(tmp_path))
    assert code == 1 and "is a folder" in err
    existing = tmp_path / "keep.pdf"
    existing.write_bytes(b"precious")
    code, _out, err = run_cli(capsys, "conflicts", "export-pdf", "42", str(existing))
    assert code == 1 and existing.read_bytes() == b"precious"  # never overwritten on failure
