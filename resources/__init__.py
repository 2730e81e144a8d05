"""Hearth's resources: the icon master, styles and fonts. Located on disk next to this file."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent


def resource(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)
