"""Shared fixtures. Qt runs offscreen; no test ever touches a real data dir.

``QT_QPA_PLATFORM`` is set here, before anything imports Qt. A template database is
migrated once per session and copied for each test that needs one.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["HEARTH_COLOR_SCHEME"] = "light"

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.paths import db_path


@pytest.fixture(autouse=True)
def hearth_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HEARTH_HOME (and the XDG dirs, as a second fence) point into the test's temp dir."""
    home = tmp_path / "hearth-home"
    monkeypatch.setenv("HEARTH_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("HEARTH_DEBUG", raising=False)
    monkeypatch.delenv("HEARTH_PASSPHRASE", raising=False)
    return home


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly migrated, empty Hearth database, made once per test session."""
    from app.persistence.migrate import open_database

    folder = tmp_path_factory.mktemp("template")
    db = open_database(db_path(folder))
    db.close()  # the last connection checkpoints the WAL into the one file
    return db_path(folder)


@pytest.fixture
def db_file(hearth_home: Path, template_db: Path) -> Path:
    """A copy of the template database at the usual place in HEARTH_HOME."""
    hearth_home.mkdir(parents=True, exist_ok=True)
    target = db_path(hearth_home)
    shutil.copyfile(template_db, target)
    return target


@pytest.fixture
def db(db_file: Path) -> Iterator:
    from app.persistence.database import Database

    database = Database(db_file)
    yield database
    database.close()


@pytest.fixture
def services(db):
    from app.services import Services

    return Services.over(db)


@pytest.fixture
def couple(services):
    """Services over a database where Zoë and Łukasz are set up."""
    found, _ = services.couple.setup("Zoë", "Łukasz", colours=("teal", "terracotta"))
    return found
