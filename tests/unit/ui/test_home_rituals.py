"""Home as the couple's dashboard for their rituals: this week's commitments in each
partner's colour, where the weekly talk stands, and a question for tonight."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui import theme


@pytest.fixture
def home(qtbot, couple, services, bus):
    """Home on its own (the Together view it opens is another screen's business)."""
    from ui.views.home_view import HomeView

    view = HomeView(services, bus)
    qtbot.addWidget(view)
    view.resize(1000, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def _shown(labels):
    return [label for label in labels if not label.isHidden()]


def test_home_shows_both_commitments_each_name_in_its_partners_colour(home, couple, services,
                                                                     bus):
    zoe, lukasz = couple.partners
    talk, _ = services.meetings.start()
    _done, change = services.meetings.finish(
        talk.id, {}, {zoe.id: "Cook on Wednesday", lukasz.id: "Plan a walk on Sunday"})
    bus.publish(change)

    current = theme.current()
    teal, terracotta = current.partner_hex(zoe), current.partner_hex(lukasz)
    assert teal != terracotta
    assert not home.commitments_title.isHidden()
    first, second = _shown(home.commitment_labels)
    assert f'color:{teal}; font-weight:600">Zoë</span> will: Cook on Wednesday — for ' \
           f'<span style="color:{terracotta}' in first.text()
    assert f'color:{terracotta}; font-weight:600">Łukasz</span> will: Plan a walk on Sunday ' \
           f'— for <span style="color:{teal}' in second.text()
    assert first.accessibleName() == "Zoë will: Cook on Wednesday — for Łukasz"
    assert second.accessibleName() == "Łukasz will: Plan a walk on Sunday — for Zoë"
    assert home.talk_status.text() == "Last talk: today."
    assert home.talk_invitation.isHidden()
    assert not home.open_together.isHidden()
    assert home.continue_talk.isHidden() and home.start_talk.isHidden()


def test_a_paused_talk_invites_you_to_continue_it(qtbot, home, services, bus):
    talk, change = services.meetings.start()
    bus.publish(change | services.meetings.save(talk.id, 2, {"one_thing": "The holidays"}))

    assert home.talk_status.text() == ("You paused your talk at step 3 of 5 — pick it up "
                                       "when you're both ready.")
    assert not home.continue_talk.isHidden()
    assert home.continue_talk.accessibleName() == "Continue your talk"
    with qtbot.waitSignal(home.open_view, timeout=1000) as opened:
        qtbot.mouseClick(home.continue_talk, Qt.MouseButton.LeftButton)
    assert opened.args == ["together"]


def test_without_commitments_home_gently_explains_the_weekly_talk(qtbot, home, services, bus):
    assert _shown(home.commitment_labels) == [] and home.commitments_title.isHidden()
    assert home.talk_status.text().startswith("Once a week, sit down together")
    assert home.start_talk.text() == "Start your first weekly talk"
    assert home.talk_invitation.text() == (
        "Your weekly talk is where you choose what each of you will do to help the other "
        "feel loved.")
    assert not home.start_talk.isHidden() and home.open_together.isHidden()

    # A talk finished without commitments: the same words, and when the next could be.
    talk, _ = services.meetings.start()
    _done, change = services.meetings.finish(talk.id, {}, {})
    bus.publish(change)
    assert home.talk_invitation.text().startswith("Your weekly talk is where you choose")
    assert "Your next one could be on" in home.talk_invitation.text()
    assert not home.open_together.isHidden() and home.start_talk.isHidden()
    with qtbot.waitSignal(home.open_view, timeout=1000) as opened:
        qtbot.mouseClick(home.open_together, Qt.MouseButton.LeftButton)
    assert opened.args == ["together"]


def test_another_question_shows_a_different_prompt(qtbot, home, services):
    first = home.prompt_text.text()
    assert first and not home.tonight_card.isHidden()
    assert home.prompt_text.objectName() == "PromptText"
    assert " · " in home.prompt_source.text()  # its deck, and how deep it goes

    qtbot.mouseClick(home.another_question, Qt.MouseButton.LeftButton)
    second = home.prompt_text.text()
    assert second and second != first
    drawn = next(p for p in services.prompts.prompts() if p.text == second)
    assert drawn.depth in ("light", "deeper")
    assert services.prompts.marks()[drawn.key].shown
    assert home.prompt_source.text().endswith(("Light", "Deeper"))

    # It stays when Home reloads (its "shown" mark would otherwise move tonight's on).
    home.reload()
    assert home.prompt_text.text() == second
    with qtbot.waitSignal(home.open_view, timeout=1000) as opened:
        qtbot.mouseClick(home.more_prompts, Qt.MouseButton.LeftButton)
    assert opened.args == ["together"]
