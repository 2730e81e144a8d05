"""The packaging files agree with the app: one application id everywhere, the version from
pyproject.toml, every icon size, and a spec that bundles the migrations and resources.
(Building and starting a bundle is packaging/check.py's job: it takes minutes.)"""

from __future__ import annotations

import tomllib
import xml.etree.ElementTree as ET
from configparser import ConfigParser
from pathlib import Path

from PIL import Image

from app import APP_ID

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"]


def test_the_desktop_file_is_named_and_points_by_the_app_id():
    desktop = PACKAGING / "linux" / f"{APP_ID}.desktop"
    entry = ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(desktop, encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Icon"] == APP_ID
    assert fields["Exec"] == "hearth" and fields["Type"] == "Application"
    assert fields["Name"] == "Hearth"


def test_the_metainfo_names_the_app_id_desktop_file_and_this_version():
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("description/p") is not None
    assert root.find("screenshots/screenshot/image") is not None
    versions = [release.get("version") for release in root.iter("release")]
    assert VERSION in versions


def test_every_icon_is_there_at_its_size():
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with Image.open(PACKAGING / "icons" / "png" / f"{size}.png") as image:
            assert image.size == (size, size)
    with Image.open(PACKAGING / "icons" / "hearth.ico") as ico:
        assert (256, 256) in ico.info["sizes"]
    with Image.open(PACKAGING / "icons" / "hearth.icns") as icns:
        assert icns.size[0] >= 256


def test_the_spec_bundles_migrations_resources_and_the_runtime_hook():
    spec = (PACKAGING / "hearth.spec").read_text(encoding="utf-8")
    assert '"app" / "persistence" / "migrations"' in spec
    assert '"resources"' in spec
    assert "mplconfigdir.py" in spec and (PACKAGING / "rthooks" / "mplconfigdir.py").exists()
    assert "strip=False" in spec and "QtAgg" in spec
    assert f'APP_ID = "{APP_ID}"' in spec
    # The launcher starts the same main() the `hearth` command does.
    launcher = (PACKAGING / "hearth_launcher.py").read_text(encoding="utf-8")
    assert "from ui.main import main" in launcher


def test_the_windows_installer_and_release_workflow_build_what_build_py_makes():
    nsi = (PACKAGING / "windows" / "hearth.nsi").read_text(encoding="utf-8")
    assert "RequestExecutionLevel user" in nsi and "WriteUninstaller" in nsi
    assert "$SMPROGRAMS" in nsi
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "packaging/build.py" in release and "--smoke" in release
    for system in ("ubuntu", "windows", "macos"):
        assert system in release
