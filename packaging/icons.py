"""Make every icon the packages need from the SVG master, resources/icons/hearth.svg.

    uv run python packaging/icons.py

Writes packaging/icons/: hicolor PNGs (16–512 px) for Linux, hearth.ico for Windows and
hearth.icns for macOS. The outputs are committed; run this again after changing the master.
Qt renders the SVG (QtSvg ships with PySide6); Pillow (a matplotlib dependency) writes the
.ico and .icns containers.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "resources" / "icons" / "hearth.svg"
OUT = ROOT / "packaging" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    """The master drawn at ``size``×``size`` as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        raise SystemExit(f"{MASTER} isn't a valid SVG.")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    png_dir = OUT / "png"
    png_dir.mkdir(parents=True, exist_ok=True)
    images = {}
    for size in SIZES:
        data = render(size)
        (png_dir / f"{size}.png").write_bytes(data)
        images[size] = Image.open(io.BytesIO(data)).convert("RGBA")
    largest = images[max(SIZES)]
    largest.save(OUT / "hearth.ico", sizes=[(s, s) for s in ICO_SIZES])
    largest.save(OUT / "hearth.icns")
    for file in sorted(OUT.rglob("*.*")):
        print(f"{file.relative_to(ROOT)}  {file.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
