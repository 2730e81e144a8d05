"""One worksheet as a document: for the couple's own records, or to bring to a counsellor.

``build_report`` gathers what was written (both partners' words labelled with their names,
the agreements and the dates) into a plain structure; ``report_pdf`` typesets it as a PDF
(fpdf2, with bundled fonts — DejaVu Sans, and Noto Color Emoji for emoji — so no Qt is
needed: the command line uses it too) and ``report_html`` gives the same content as HTML
for printing through the system dialog.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime

from app import APP_NAME
from app.domain.checkins import feeling_words
from app.domain.couple import Couple
from app.domain.worksheets import DEFINITIONS, KIND_NAMES, field_label
from app.services.worksheets import Worksheet
from resources import resource


@dataclass(frozen=True)
class ReportPartner:
    id: int
    name: str
    colour: str  # hex, readable on white paper


@dataclass(frozen=True)
class ReportAnswer:
    partner_id: int
    label: str
    text: str


@dataclass(frozen=True)
class ReportStep:
    title: str
    note: str  # e.g. who had the floor
    answers: tuple[ReportAnswer, ...]


@dataclass(frozen=True)
class WorksheetReport:
    title: str
    kind: str
    dates: str
    partners: tuple[ReportPartner, ReportPartner]
    steps: tuple[ReportStep, ...]
    agreements: tuple[str, ...]
    follow_up: str
    review: str
    exported: str

    def partner(self, partner_id: int) -> ReportPartner | None:
        return next((p for p in self.partners if p.id == partner_id), None)


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _answer_text(field, value) -> str:
    if field.kind == "feelings":
        return ", ".join(feeling_words(value))
    if field.kind == "choice":
        return dict(field.choices).get(value, "")
    return value.strip() if isinstance(value, str) else ""


def build_report(worksheet: Worksheet, couple: Couple, exported: datetime) -> WorksheetReport:
    partners = tuple(ReportPartner(p.id, p.name, p.palette_colour.light)
                     for p in couple.partners)
    steps = []
    for index, step in enumerate(DEFINITIONS[worksheet.kind]):
        answers = []
        holder = worksheet.floor(index, couple.ids)
        for partner in sorted(couple.partners, key=lambda p: p.id != holder):  # speaker first
            other = couple.name_of(couple.other_id(partner.id))
            for field in step.fields:
                text = _answer_text(field, worksheet.answer(step.key, field.key, partner.id))
                if text:
                    answers.append(ReportAnswer(partner.id, field_label(field, other), text))
        note = f"{couple.name_of(holder)} had the floor." if holder is not None and answers else ""
        steps.append(ReportStep(step.title, note, tuple(answers)))
    agreements = []
    for agreement in worksheet.agreements:
        line = f"{agreement.text} — {couple.name_of(agreement.owner_id) or 'both of us'}"
        if agreement.due:
            line += f", by {_day(agreement.due)}"
        if agreement.kept is not None:
            line += " (kept)" if agreement.kept else " (not kept)"
        agreements.append(line)
    dates = f"{KIND_NAMES[worksheet.kind]} · started {_day(worksheet.opened_at.date())}"
    if worksheet.resolved_at is not None:
        dates += f" · resolved {_day(worksheet.resolved_at.date())}"
    else:
        dates += f" · {worksheet.status}"
    return WorksheetReport(
        title=worksheet.title, kind=KIND_NAMES[worksheet.kind], dates=dates,
        partners=partners, steps=tuple(steps), agreements=tuple(agreements),
        follow_up=f"We'll look at it together again on {_day(worksheet.follow_up)}."
        if worksheet.follow_up else "",
        review=worksheet.review,
        exported=f"{APP_NAME} · exported {_day(exported.date())}")


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _in_order(report: WorksheetReport, step: ReportStep) -> list[ReportPartner]:
    """The partners who wrote something in ``step``, in the order their answers come."""
    seen: list[ReportPartner] = []
    for answer in step.answers:
        partner = report.partner(answer.partner_id)
        if partner is not None and partner not in seen:
            seen.append(partner)
    return seen


_INK = (40, 34, 30)
_MUTED = (110, 100, 94)


def report_pdf(report: WorksheetReport, exported: datetime) -> bytes:
    """The report typeset as an A4 PDF."""
    from fpdf import FPDF  # fpdf2: imported only when a PDF is made

    class _Document(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font("Body", size=9)
            self.set_text_color(*_MUTED)
            self.cell(0, 8, f"{report.exported}   ·   page {self.page_no()} of {{nb}}",
                      align="C")

    pdf = _Document(format="A4")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("Body", "", str(resource("fonts", "DejaVuSans.ttf")))
    pdf.add_font("Body", "B", str(resource("fonts", "DejaVuSans-Bold.ttf")))
    # Emoji the couple wrote ("Walk 🌿 together 💛"), in colour, bold text included:
    # fpdf2 draws Noto Color Emoji's bitmaps as a Type 3 font, and only those used.
    pdf.add_font("Emoji", "", str(resource("fonts", "NotoColorEmoji.ttf")))
    pdf.set_fallback_fonts(["Emoji"], exact_match=False)
    pdf.set_title(report.title)
    pdf.set_author(" and ".join(p.name for p in report.partners))
    pdf.set_creator(APP_NAME)
    pdf.set_producer(APP_NAME)
    pdf.set_creation_date(exported)
    pdf.add_page()

    def paragraph(text: str, size: float = 11, bold: bool = False,
                  colour: tuple[int, int, int] = _INK, after: float = 1.5,
                  indent: float = 0) -> None:
        pdf.set_font("Body", "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(after)

    paragraph(report.title, 20, bold=True, after=1)
    paragraph(report.dates, 10.5, colour=_MUTED, after=1)
    paragraph(" and ".join(p.name for p in report.partners), 10.5, colour=_MUTED, after=5)
    for step in report.steps:
        if not step.answers:
            continue
        paragraph(step.title, 14, bold=True, after=1)
        if step.note:
            paragraph(step.note, 10, colour=_MUTED, after=1)
        for partner in _in_order(report, step):
            own = [a for a in step.answers if a.partner_id == partner.id]
            paragraph(partner.name, 11.5, bold=True, colour=_rgb(partner.colour), after=0.5)
            for answer in own:
                paragraph(answer.label, 9.5, colour=_MUTED, after=0.3, indent=4)
                paragraph(answer.text, 11, after=2, indent=4)
        pdf.ln(2)
    paragraph("What we agree on", 14, bold=True, after=1)
    for line in report.agreements or ("Nothing written down yet.",):
        paragraph(f"•  {line}", 11, after=1, indent=2)
    if report.follow_up:
        pdf.ln(1)
        paragraph(report.follow_up, 11, after=1)
    if report.review:
        pdf.ln(2)
        paragraph("Looking back", 14, bold=True, after=1)
        paragraph(report.review, 11)
    return bytes(pdf.output())


def report_html(report: WorksheetReport) -> str:
    """The same content as HTML, for printing (Qt's rich-text subset)."""
    e = html.escape
    parts = [f"<h1>{e(report.title)}</h1>",
             f"<p style='color:#6e645e'>{e(report.dates)}<br>"
             f"{e(' and '.join(p.name for p in report.partners))}</p>"]
    for step in report.steps:
        if not step.answers:
            continue
        parts.append(f"<h2>{e(step.title)}</h2>")
        if step.note:
            parts.append(f"<p style='color:#6e645e'>{e(step.note)}</p>")
        for partner in _in_order(report, step):
            own = [a for a in step.answers if a.partner_id == partner.id]
            parts.append(f"<h3 style='color:{partner.colour}'>{e(partner.name)}</h3>")
            for answer in own:
                text = e(answer.text).replace("\n", "<br>")
                parts.append(f"<p><span style='color:#6e645e'>{e(answer.label)}</span><br>"
                             f"{text}</p>")
    parts.append("<h2>What we agree on</h2><ul>")
    parts.extend(f"<li>{e(line)}</li>" for line in
                 report.agreements or ("Nothing written down yet.",))
    parts.append("</ul>")
    if report.follow_up:
        parts.append(f"<p>{e(report.follow_up)}</p>")
    if report.review:
        parts.append(f"<h2>Looking back</h2><p>{e(report.review)}</p>")
    parts.append(f"<p style='color:#6e645e'>{e(report.exported)}</p>")
    return "\n".join(parts)
