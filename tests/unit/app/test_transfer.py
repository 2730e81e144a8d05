"""Export and import of everything: one versioned JSON document, deterministic, validated
before anything is stored, into an empty database only, all or nothing."""

from __future__ import annotations

import contextlib
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import ValidationError
from app.paths import db_path
from app.persistence.migrate import open_database
from app.services import Services
from app.services.demo import DemoService
from tests.helpers import run_cli, sha256

WHEN = datetime(2026, 11, 23, 21, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory) -> bytes:
    folder = tmp_path_factory.mktemp("demo")
    db = open_database(db_path(folder))
    try:
        DemoService(db).generate(years=1, seed=3)
        return Services.over(db).transfer.export(WHEN)
    finally:
        db.close()


def _empty(tmp_path, name="empty") -> Services:
    return Services.over(open_database(db_path(tmp_path / name)))


def test_the_document_has_a_versioned_header_and_every_entity(demo_export):
    document = json.loads(demo_export)
    assert list(document)[:4] == ["format", "version", "exported_at", "schema"]
    assert (document["format"], document["version"]) == ("hearth-export", 1)
    for entity in ("couple", "partner", "couple_settings", "checkin", "goal", "milestone",
                   "value", "value_rating", "event", "reflection", "worksheet",
                   "worksheet_answer", "agreement", "idea"):
        assert document[entity], entity
    assert any(e["rrule"] for e in document["event"])  # repeats travel as their rules
    assert list(document).index("couple") < list(document).index("partner")


def test_export_import_export_is_identical(demo_export, tmp_path):
    services = _empty(tmp_path)
    try:
        services.transfer.import_(demo_export)
        again = services.transfer.export(WHEN)
        assert again == demo_export
        assert services.couple.require().names == ("Zoë", "Łukasz")
        assert services.checkins.history()  # the services work on the imported data
    finally:
        services.close()


def test_the_same_data_exports_to_the_same_text(demo_export, tmp_path):
    services = _empty(tmp_path)
    try:
        services.transfer.import_(demo_export)
        later = services.transfer.export(datetime(2027, 1, 1, tzinfo=UTC))
    finally:
        services.close()
    first, second = json.loads(demo_export), json.loads(later)
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


def _broken(demo_export, change) -> bytes:
    document = json.loads(demo_export)
    change(document)
    return json.dumps(document).encode()


BROKEN = {
    "not json": lambda d: b"{ nope",
    "another format": lambda d: json.dumps({"format": "other"}).encode(),
    "a newer version": lambda d: _broken(d, lambda x: x.update(version=2)),
    "a newer schema": lambda d: _broken(d, lambda x: x.update(schema="9999")),
    "an unknown table": lambda d: _broken(d, lambda x: x.update(secrets=[])),
    "an unknown field": lambda d: _broken(d, lambda x: x["checkin"][0].update(colour="red")),
    "text for a number": lambda d: _broken(d, lambda x: x["checkin"][0].update(mood="four")),
    "a wrong date": lambda d: _broken(d, lambda x: x["goal"][0].update(
        created_at="yesterday")),
    "a missing partner": lambda d: _broken(d, lambda x: x["checkin"][-1].update(
        partner_id=999)),
    "a mood out of range": lambda d: _broken(d, lambda x: x["checkin"][0].update(mood=99)),
    "rows not a list": lambda d: _broken(d, lambda x: x.update(checkin={})),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_document_is_refused_whole(demo_export, tmp_path, case):
    services = _empty(tmp_path)
    path = services.db.path
    try:
        before = services.transfer.export(WHEN)
        with pytest.raises(ValidationError) as refused:
            services.transfer.import_(BROKEN[case](demo_export))
        assert "Nothing was imported." in refused.value.message
        assert services.transfer.export(WHEN) == before
        assert services.couple.get() is None
    finally:
        services.close()
    assert not list(path.parent.glob("*.importing"))


def test_import_goes_into_an_empty_database_only(demo_export, tmp_path):
    services = _empty(tmp_path)
    try:
        services.couple.setup("Ana", "Ben")
        before = services.transfer.export(WHEN)
        with pytest.raises(ValidationError) as refused:
            services.transfer.import_(demo_export)
        assert "already holds data" in refused.value.message
        assert services.transfer.export(WHEN) == before
    finally:
        services.close()


@settings(max_examples=15, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_names_and_words_travel_exactly(tmp_path_factory, name, words):
    folder = tmp_path_factory.mktemp("words")
    services = _empty(folder, "one")
    other = _empty(folder, "two")
    try:
        try:
            couple, _ = services.couple.setup(name or "A", "Ben")
        except ValidationError:
            return  # a name Hearth refuses anyway
        sheet, _ = services.worksheets.start("after_fight", "Words")
        with contextlib.suppress(ValidationError):  # words Hearth refuses anyway
            services.worksheets.answer(sheet.id, "feelings", "words",
                                       couple.partners[0].id, words)
        exported = services.transfer.export(WHEN)
        other.transfer.import_(exported)
        assert other.transfer.export(WHEN) == exported
    finally:
        services.close()
        other.close()


def test_cli_export_and_import(capsys, hearth_home, tmp_path, demo_export):
    source = tmp_path / "ours.json"
    source.write_bytes(demo_export)
    code, out, err = run_cli(capsys, "import", str(source))
    assert code == 0, err
    assert "Zoë and Łukasz" in out
    target = tmp_path / "again.json"
    code, out, err = run_cli(capsys, "export", str(target))
    assert code == 0, err
    first, second = json.loads(demo_export), json.loads(target.read_bytes())
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second
    before = sha256(db_path(hearth_home))
    code, _out, err = run_cli(capsys, "import", str(source))  # not empty any more
    assert code == 1 and "already holds data" in err
    assert sha256(db_path(hearth_home)) == before
    code, _out, err = run_cli(capsys, "import", str(tmp_path / "missing.json"))
    assert code == 1 and "can't be read" in err


def test_an_export_from_an_older_hearth_is_brought_up_to_date(tmp_path):
    import sqlite3

    from app.paths import create_private_file
    from app.persistence.migrate import upgrade
    from app.services.transfer import export_bytes

    older = tmp_path / "older.sqlite3"
    create_private_file(older)
    upgrade(older, "0008")  # before "who has the floor first" existed
    conn = sqlite3.connect(older)
    conn.execute("INSERT INTO couple (id, created_at) VALUES (1, '2025-01-01 18:00:00.000000')")
    conn.executemany("INSERT INTO partner (id, couple_id, position, name, colour) VALUES "
                     "(?, 1, ?, ?, ?)", [(1, 0, "Zoë", "teal"), (2, 1, "Łukasz", "indigo")])
    conn.commit()
    conn.close()
    exported = export_bytes(older, WHEN)
    assert json.loads(exported)["schema"] == "0008"
    services = _empty(tmp_path)
    try:
        services.transfer.import_(exported)
        assert services.couple.require().names == ("Zoë", "Łukasz")
        sheet, _ = services.worksheets.start("solve_together", "Now at the newest revision")
        services.worksheets.set_first_speaker(sheet.id, 2)
        assert json.loads(services.transfer.export(WHEN))["schema"] != "0008"
    finally:
        services.close()
