"""Weekly talks and prompts travel in an export like everything else: the couple's own
decks, their marks, finished talks with their commitments and a talk left paused — and an
import refuses what Hearth's own rules wouldn't have let in."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from app.domain.errors import ValidationError
from app.paths import db_path
from app.persistence.migrate import open_database
from app.services import Services

WHEN = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)
RITUAL_TABLES = ("prompt_deck", "prompt", "prompt_mark", "meeting", "commitment")


def _empty(folder, name="empty") -> Services:
    return Services.over(open_database(db_path(folder / name)))


@pytest.fixture
def rituals_export(tmp_path) -> bytes:
    services = _empty(tmp_path, "ours")
    try:
        couple, _ = services.couple.setup("Zoë", "Łukasz")
        zoe, lukasz = couple.partners
        deck, _ = services.prompts.add_deck("Our own questions 🌙", "Only ours.")
        own, _ = services.prompts.add_prompt(deck.own_id, "Wo möchtest du alt werden?",
                                             "deeper")
        services.prompts.set_favourite(own.key, True)
        services.prompts.set_favourite("fun-001", True)
        services.prompts.talked_about("know-001")
        services.prompts.next("know")  # a "shown this round" mark too
        talk, _ = services.meetings.start()
        services.meetings.save(talk.id, 2, {"topic": "Weekends feel rushed"})
        services.meetings.finish(
            talk.id,
            {"appreciations": {str(zoe.id): "You made soup", str(lukasz.id): "Sunday's walk"},
             "feel_loved": {str(zoe.id): "Cook together on Thursday",
                            str(lukasz.id): "A walk after work, phones at home"}},
            {lukasz.id: "Cook together on Thursday",
             zoe.id: "A walk after work, phones at home"})
        [first] = services.meetings.history()
        services.meetings.look_back(first.commitments[0].id, "partly")
        paused, _ = services.meetings.start()
        services.meetings.save(paused.id, 1, {"went_well": "Two date nights"})
        return services.transfer.export(WHEN)
    finally:
        services.close()


def test_the_export_holds_every_ritual_table(rituals_export):
    document = json.loads(rituals_export)
    for table in RITUAL_TABLES:
        assert document[table], table
    assert len(document["meeting"]) == 2 and len(document["commitment"]) == 2
    assert {m["prompt_key"] for m in document["prompt_mark"]} >= {"fun-001", "know-001"}
    # a commitment comes after the talk and the partner it belongs to
    order = list(document)
    assert order.index("meeting") < order.index("commitment")
    assert order.index("partner") < order.index("commitment")
    assert order.index("prompt_deck") < order.index("prompt")


def test_export_import_export_with_rituals_is_identical(rituals_export, tmp_path):
    services = _empty(tmp_path)
    try:
        services.transfer.import_(rituals_export)
        assert services.transfer.export(WHEN) == rituals_export
        own = [d for d in services.prompts.decks() if d.own]
        assert [(d.title, [p.text for p in d.prompts]) for d in own] == [
            ("Our own questions 🌙", ["Wo möchtest du alt werden?"])]
        marks = services.prompts.marks()
        assert marks[own[0].prompts[0].key].favourite and marks["fun-001"].favourite
        assert marks["know-001"].talked
        [done] = services.meetings.history()
        names = {p.id: p.name for p in services.couple.require().partners}
        assert sorted((names[c.partner_id], c.text, c.outcome) for c in done.commitments) == [
            ("Zoë", "A walk after work, phones at home", None),
            ("Łukasz", "Cook together on Thursday", "partly")]
        paused = services.meetings.current()
        assert paused is not None and paused.step == 1
        assert paused.answer("went_well") == "Two date nights"
    finally:
        services.close()


def _changed(exported: bytes, change) -> bytes:
    document = json.loads(exported)
    change(document)
    return json.dumps(document, ensure_ascii=False).encode()


BROKEN = {
    "a commitment longer than Hearth keeps": lambda d: d["commitment"][0].update(
        text="so much " * 100),
    "an own prompt longer than Hearth keeps": lambda d: d["prompt"][0].update(text="?" * 400),
    "an own deck with no name": lambda d: d["prompt_deck"][0].update(title="   "),
    "a step the talk doesn't have": lambda d: d["meeting"][1].update(step=7),
    "a depth Hearth doesn't know": lambda d: d["prompt"][0].update(depth="bottomless"),
    "answers of the wrong shape": lambda d: d["meeting"][0].update(
        answers=json.dumps({"topic": 5})),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_rituals_hearth_would_not_keep_are_refused_whole(rituals_export, tmp_path, case):
    services = _empty(tmp_path)
    try:
        before = services.transfer.export(WHEN)
        with pytest.raises(ValidationError) as refused:
            services.transfer.import_(_changed(rituals_export, BROKEN[case]))
        assert "Nothing was imported." in refused.value.message
        assert services.transfer.export(WHEN) == before
        assert services.couple.get() is None and services.meetings.history() == []
    finally:
        services.close()
    assert not list(tmp_path.glob("**/*.importing"))
