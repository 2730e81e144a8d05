"""One partner's answers, shown for reading: the reveal and the history's detail pane.

The note to self is never part of the reveal; the history shows it only in one partner's
list, under a heading that says who can open it.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.checkins import Checkin, mood_word, stress_word
from app.domain.couple import Partner
from ui import theme


def checkin_html(partner: Partner, checkin: Checkin) -> str:
    """The answers as rich text, with the partner's colour for the name."""
    colour = theme.current().partner_hex(partner)
    muted = theme.current().colour("muted")
    parts = [
        f'<p style="font-size:{theme.current().point_size(1.3)}pt; font-weight:700">'
        f'<span style="color:{colour}">●</span> {html.escape(partner.name)}</p>',
        f"<p><b>Mood:</b> {checkin.mood}/5 — {html.escape(mood_word(checkin.mood))}<br>"
        f"<b>Connected:</b> {checkin.connection}/10",
    ]
    if checkin.stress is not None:
        parts[-1] += f"<br><b>Stress:</b> {checkin.stress}/5 — {stress_word(checkin.stress)}"
    parts[-1] += "</p>"
    if checkin.feelings:
        parts.append(f"<p><b>Feeling:</b> {html.escape(', '.join(checkin.feelings))}</p>")
    for label, text in (("I appreciate", checkin.appreciation), ("I need", checkin.need)):
        if text.strip():
            body = html.escape(text).replace("\n", "<br>")
            parts.append(f'<p><span style="color:{muted}">{label}</span><br>{body}</p>')
    return "".join(parts)


def checkin_detail_html(partner: Partner, checkin: Checkin, when: str,
                        note_heading: str | None = None) -> str:
    """One check-in for reading in the history: who and when, then what they appreciate and
    need (the words that matter most), then the scales and feelings on one line. With
    ``note_heading``, the note to self follows under it."""
    current = theme.current()
    colour = current.partner_hex(partner)
    muted = current.colour("muted")
    parts = [
        f"<p><b>{html.escape(when)}</b> · <span style=\"color:{colour}\">●</span> "
        f"<b>{html.escape(partner.name)}</b></p>"
    ]
    for label, text in (("I appreciate", checkin.appreciation), ("I need", checkin.need)):
        if text.strip():
            body = html.escape(text).replace("\n", "<br>")
            parts.append(f'<p><span style="color:{muted}">{label}</span><br>{body}</p>')
    facts = [f"Mood {checkin.mood}/5 — {html.escape(mood_word(checkin.mood))}",
             f"connected {checkin.connection}/10"]
    if checkin.stress is not None:
        facts.append(f"stress {checkin.stress}/5 — {stress_word(checkin.stress)}")
    if checkin.feelings:
        facts.append(f"feeling {html.escape(', '.join(checkin.feelings))}")
    parts.append(f"<p>{' · '.join(facts)}</p>")
    if note_heading is not None and checkin.private_note.strip():
        body = html.escape(checkin.private_note).replace("\n", "<br>")
        parts.append(f'<p><span style="color:{muted}">{html.escape(note_heading)}</span>'
                     f"<br>{body}</p>")
    return "".join(parts)


class CheckinCardWidget(QFrame):
    def __init__(self, partner: Partner, checkin: Checkin, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PartnerColumn")
        colour = theme.current().partner_hex(partner)
        self.setStyleSheet(f"QFrame#PartnerColumn {{ border-top: 6px solid {colour}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        self.text = QLabel(checkin_html(partner, checkin), self)
        self.text.setWordWrap(True)
        self.text.setAccessibleName(f"{partner.name}'s answers")
        layout.addWidget(self.text)
        layout.addStretch(1)
