"""Emoji the couple wrote in a worksheet show in its PDF, in colour, never as empty boxes:
the PDF carries Hearth's own Noto Color Emoji (resources/fonts), whatever the system has."""

from __future__ import annotations

import io
import logging
from datetime import UTC, date, datetime

from PIL import Image

EXPORTED = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)


def _emoji_font(reader):
    """The PDF's Type 3 font of colour glyphs (what fpdf2 makes of Noto Color Emoji)."""
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type3":
                return font
    return None


def _picture(image) -> Image.Image:
    """A glyph's picture (RGB, or a palette of RGB colours as fpdf2 writes small PNGs)."""
    size, space = (image["/Width"], image["/Height"]), image["/ColorSpace"]
    if isinstance(space, list) and space[0] == "/Indexed":
        lookup = space[3].get_object()
        picture = Image.frombytes("P", size, image.get_data())
        picture.putpalette(lookup.get_data() if hasattr(lookup, "get_data") else bytes(lookup))
        return picture.convert("RGB")
    return Image.frombytes("RGB", size, image.get_data())


def _glyph_colours(font) -> set[str]:
    """Which of green and yellow the emoji font's glyph pictures hold."""
    seen = set()
    for image in font["/Resources"]["/XObject"].values():
        for _count, (r, g, b) in _picture(image.get_object()).getcolors(1 << 16):
            if g > 120 and g > r + 40 and g > b + 40:
                seen.add("green")  # the leaf
            if r > 200 and g > 150 and b < 90:
                seen.add("yellow")  # the heart
    return seen


def test_emoji_in_answers_show_in_the_pdf_in_colour(services, couple, caplog):
    from pypdf import PdfReader

    zoe, lukasz = couple.partners
    sheet, _ = services.worksheets.start("gentle_start", "Sundays 🌿")
    services.worksheets.answer(sheet.id, "request", "request", zoe.id, "Walk 🌿 together 💛")
    services.worksheets.answer(sheet.id, "need", "need", lukasz.id, "Time outside ☀️, with you")
    services.worksheets.add_agreement(sheet.id, "A walk every Sunday 🥾", zoe.id,
                                      date(2026, 12, 13))

    with caplog.at_level(logging.WARNING, logger="fpdf"):
        data = services.worksheets.pdf(sheet.id, EXPORTED)

    # fpdf2 says so when a font lacks a character it then draws as an empty box
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fpdf")] == []
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for words in ("Sundays 🌿", "Walk 🌿 together 💛", "Time outside ☀️, with you",
                  "A walk every Sunday 🥾 — Zoë, by 13 December 2026"):
        assert words in text, words
    emoji = _emoji_font(reader)
    assert emoji is not None, "no emoji font in the PDF"
    assert len(emoji["/CharProcs"]) <= 12  # only the glyphs used, not 11 MB of them
    assert _glyph_colours(emoji) == {"green", "yellow"}


def test_a_pdf_without_emoji_uses_no_emoji_font_and_stays_small(services, couple):
    from pypdf import PdfReader

    zoe, _ = couple.partners
    sheet, _ = services.worksheets.start("gentle_start", "Sundays")
    services.worksheets.answer(sheet.id, "request", "request", zoe.id, "Walk together")
    data = services.worksheets.pdf(sheet.id, EXPORTED)

    assert _emoji_font(PdfReader(io.BytesIO(data))) is None
    assert len(data) < 60_000
