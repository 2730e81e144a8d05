"""hearth-cli conflicts list: what the couple's worksheets look like from the command line."""

from __future__ import annotations

import json

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
