"""hearth-cli prompts list / prompts decks / meetings list: what a person types, what they
see, and that looking never changes the file.

A refusal exits 1 (or 2 for a malformed argument) and says why in plain words on stderr.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.prompts import hearth_decks
from app.paths import create_private_file, db_path, ensure_private_dir
from app.persistence.migrate import upgrade
from tests.helpers import fresh, sha256
from tests.helpers import run_cli as run

PROMPT_KEYS = {"id", "deck", "depth", "text"}
HEARTH_DECKS = [d.key for d in hearth_decks()]
WORDS = "our quiet sentence by the sea"


@pytest.fixture
def home(capsys, db_file: Path) -> Path:
    """A couple set up through the CLI, as a person would."""
    code, _, err = run(capsys, "setup", "--names", "Zoë", "Łukasz")
    assert code == 0, err
    return db_file


@pytest.fixture
def own_deck(home: Path) -> str:
    """A deck of their own with two prompts: its key."""
    with fresh(home) as services:
        deck, _ = services.prompts.add_deck("Our own questions 🌙")
        services.prompts.add_prompt(deck.own_id, "Wo möchtest du alt werden?", "deeper")
        services.prompts.add_prompt(deck.own_id, "What made you laugh today?")
        return deck.key


def listed(capsys, *command: str) -> list[dict]:
    code, out, err = run(capsys, *command, "--json")
    assert code == 0, err
    assert err == ""
    return json.loads(out)


def finish_a_talk(home: Path, paused_at: int | None = None) -> None:
    """One finished talk with a commitment each (Łukasz's looked back on); optionally a
    second talk left paused at a step."""
    with fresh(home) as services:
        zoe, lukasz = services.couple.require().partners
        talk, _ = services.meetings.start()
        done, _ = services.meetings.finish(
            talk.id, {"feel_loved": {str(zoe.id): "Cook dinner together on Thursday",
                                     str(lukasz.id): "A walk after work, phones at home"}},
            {lukasz.id: "Cook dinner together on Thursday",
             zoe.id: "A walk after work, phones at home"})
        kept = next(c for c in done.commitments if c.partner_id == lukasz.id)
        services.meetings.look_back(kept.id, "kept")
        if paused_at is not None:
            paused, _ = services.meetings.start()
            services.meetings.save(paused.id, paused_at, {"topic": "Weekends feel rushed"})


# --- prompts list ---------------------------------------------------------------------------


def test_prompts_list_json_has_every_prompt_with_exactly_four_keys(capsys, home):
    before = sha256(home)
    rows = listed(capsys, "prompts", "list")
    assert len(rows) >= 300
    assert all(set(row) == PROMPT_KEYS for row in rows)
    assert rows[0] == {"id": "know-001", "deck": "know", "depth": "light", "text": rows[0]["text"]}
    assert rows[0]["text"].endswith("?")
    assert {row["depth"] for row in rows} == {"light", "deeper", "vulnerable"}
    assert len({row["id"] for row in rows}) == len(rows)
    decks_in_order = list(dict.fromkeys(row["deck"] for row in rows))
    assert decks_in_order == HEARTH_DECKS  # in deck order, each deck together
    assert sha256(home) == before


def test_prompts_list_filters_by_deck(capsys, home):
    rows = listed(capsys, "prompts", "list", "--deck", "fun")
    assert rows and {row["deck"] for row in rows} == {"fun"}
    assert len(rows) == len(next(d for d in hearth_decks() if d.key == "fun").prompts)
    assert all(row["id"].startswith("fun-") for row in rows)


def test_their_own_deck_is_listed_with_its_own_key(capsys, home, own_deck):
    assert own_deck.startswith("own-")
    rows = listed(capsys, "prompts", "list")
    own = [row for row in rows if row["deck"] == own_deck]
    assert [(row["depth"], row["text"]) for row in own] == [
        ("deeper", "Wo möchtest du alt werden?"), ("light", "What made you laugh today?")]
    assert all(row["id"].startswith("own-p") for row in own)
    assert rows[-2:] == own  # after Hearth's decks
    assert listed(capsys, "prompts", "list", "--deck", own_deck) == own


def test_an_unknown_deck_is_refused_naming_the_decks_there_are(capsys, home, own_deck):
    before = sha256(home)
    for deck in ("nope", "Fun", "own-99", ""):
        code, out, err = run(capsys, "prompts", "list", "--deck", deck, "--json")
        assert (code, out) == (1, ""), deck
        assert f"There is no deck called “{deck}”" in err
        assert "know" in err and "hard" in err and own_deck in err
    assert sha256(home) == before


def test_prompts_list_text_has_a_heading_per_deck_and_a_line_per_prompt(capsys, home,
                                                                        own_deck):
    code, out, err = run(capsys, "prompts", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Getting to know you now (know) — 40 prompts"
    assert lines[1].startswith("  Light ") and lines[1].endswith("?")
    assert lines[-3:] == ["Our own questions 🌙 (" + own_deck + ") — 2 prompts",
                          "  Deeper      Wo möchtest du alt werden?",
                          "  Light       What made you laugh today?"]
    headings = [line for line in lines if line and not line.startswith(" ")]
    assert len(headings) == len(HEARTH_DECKS) + 1
    code, out, _ = run(capsys, "prompts", "list", "--deck", "hard")
    assert out.splitlines()[0] == "Hard but important (hard) — 40 prompts"
    assert any(line.startswith("  Vulnerable  ") for line in out.splitlines())


def test_prompts_decks_lists_key_title_and_count(capsys, home, own_deck):
    rows = listed(capsys, "prompts", "decks")
    assert [row["key"] for row in rows] == [*HEARTH_DECKS, own_deck]
    assert all(set(row) == {"key", "title", "count"} for row in rows)
    assert rows[-1] == {"key": own_deck, "title": "Our own questions 🌙", "count": 2}
    assert sum(row["count"] for row in rows) == len(listed(capsys, "prompts", "list"))
    code, out, _ = run(capsys, "prompts", "decks")
    assert code == 0
    assert out.splitlines()[0].split() == ["know", "40", "Getting", "to", "know", "you", "now"]


def test_prompts_need_no_couple_but_do_need_the_data(capsys, hearth_home, db_file):
    before = sha256(db_file)
    assert len(listed(capsys, "prompts", "list")) >= 300  # Hearth's prompts are there already
    assert sha256(db_file) == before
    db_file.unlink()
    code, out, err = run(capsys, "prompts", "list")
    assert (code, out) == (1, "")
    assert "There is no Hearth data" in err
    assert not db_file.exists()


# --- meetings list --------------------------------------------------------------------------


def test_meetings_list_json_shows_each_talk_with_its_commitments(capsys, home):
    finish_a_talk(home)
    before = sha256(home)
    [talk] = listed(capsys, "meetings", "list")
    assert set(talk) == {"id", "started_at", "finished_at", "week_start", "commitments"}
    started = datetime.fromisoformat(talk["started_at"])
    finished = datetime.fromisoformat(talk["finished_at"])
    assert started.tzinfo is not None and finished.tzinfo is not None
    assert started <= finished
    assert date.fromisoformat(talk["week_start"]) <= finished.date()
    assert sorted(talk["commitments"], key=lambda c: c["partner"]) == [
        {"partner": "Zoë", "text": "A walk after work, phones at home", "outcome": None},
        {"partner": "Łukasz", "text": "Cook dinner together on Thursday", "outcome": "kept"},
    ]
    assert sha256(home) == before


def test_meetings_list_is_newest_first_and_leaves_a_paused_talk_out(capsys, home):
    finish_a_talk(home)
    finish_a_talk(home, paused_at=2)
    rows = listed(capsys, "meetings", "list")
    assert len(rows) == 2
    assert rows[0]["id"] > rows[1]["id"]
    assert rows[0]["finished_at"] >= rows[1]["finished_at"]


def test_meetings_list_with_no_talks_is_an_empty_list(capsys, home):
    assert listed(capsys, "meetings", "list") == []
    code, out, _ = run(capsys, "meetings", "list")
    assert (code, out) == (0, "No weekly talks yet.\n")


def test_meetings_list_before_setup_is_empty_too(capsys, db_file):
    before = sha256(db_file)
    assert listed(capsys, "meetings", "list") == []
    code, out, _ = run(capsys, "meetings", "list")
    assert (code, out) == (0, "No weekly talks yet.\n")
    assert sha256(db_file) == before


def test_meetings_list_text_is_a_block_per_talk(capsys, home):
    finish_a_talk(home, paused_at=2)
    before = sha256(home)
    [talk] = listed(capsys, "meetings", "list")
    finished = datetime.fromisoformat(talk["finished_at"])
    week = date.fromisoformat(talk["week_start"])
    code, out, err = run(capsys, "meetings", "list")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "(one talk paused at step 3 of 5: One thing to talk about)"
    assert lines[1] == ""
    assert lines[2] == (f"{finished:%a %d %b %Y}, the week from {week:%d %b}  "
                        f"(id {talk['id']})")
    assert sorted(lines[3:]) == [
        "  Zoë: A walk after work, phones at home — not looked back on yet",
        "  Łukasz: Cook dinner together on Thursday — it happened",
    ]
    assert sha256(home) == before


def test_a_paused_talk_alone_is_mentioned(capsys, home):
    with fresh(home) as services:
        talk, _ = services.meetings.start()
        services.meetings.save(talk.id, 0, {})
    assert listed(capsys, "meetings", "list") == []
    code, out, _ = run(capsys, "meetings", "list")
    assert code == 0
    assert out.splitlines() == ["(one talk paused at step 1 of 5: Appreciations)",
                                "No finished weekly talks yet."]


# --- every listing --------------------------------------------------------------------------

LISTINGS = [("prompts", "list"), ("prompts", "list", "--json"), ("prompts", "decks"),
            ("meetings", "list"), ("meetings", "list", "--json")]


def test_listing_without_a_database_says_so_and_creates_nothing(capsys, hearth_home):
    for command in LISTINGS:
        code, out, err = run(capsys, *command)
        assert (code, out) == (1, ""), command
        assert "There is no Hearth data" in err and "setup --names" in err
        assert not hearth_home.exists()


def test_listing_leaves_a_database_from_an_older_hearth_as_it_was(capsys, hearth_home):
    path = db_path(ensure_private_dir(hearth_home))
    create_private_file(path)
    upgrade(path, "0011")  # before rituals
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO couple (id, created_at) VALUES (1, '2025-02-14 19:30:00')")
        conn.executemany(
            "INSERT INTO partner (couple_id, position, name, colour) VALUES (1, ?, ?, ?)",
            [(0, "Zoë", "teal"), (1, "Łukasz", "terracotta")])
    conn.close()
    before = sha256(path)
    for command in LISTINGS:
        code, out, err = run(capsys, *command)
        assert (code, out) == (1, ""), command
        assert "older Hearth" in err
    assert sha256(path) == before


def test_listings_read_encrypted_data_with_the_passphrase(capsys, monkeypatch, home,
                                                          own_deck):
    finish_a_talk(home)
    with fresh(home) as services:
        services.privacy.set_passphrase(WORDS, WORDS)
    before = sha256(home)
    code, out, err = run(capsys, "meetings", "list", "--json")
    assert (code, out) == (1, "") and "HEARTH_PASSPHRASE" in err
    monkeypatch.setenv("HEARTH_PASSPHRASE", WORDS)
    [talk] = listed(capsys, "meetings", "list")
    assert {c["partner"] for c in talk["commitments"]} == {"Zoë", "Łukasz"}
    assert any(row["deck"] == own_deck for row in listed(capsys, "prompts", "list"))
    assert listed(capsys, "prompts", "decks")[-1]["key"] == own_deck
    assert sha256(home) == before
