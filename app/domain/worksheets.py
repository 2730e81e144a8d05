"""Conflict worksheets: three guided conversations, one step per page, both partners'
answers side by side, ending in agreements and a follow-up. In Hearth's own words,
following well-known practices (processing a past argument; gentle start-up with
observation → feeling → need → request; speaker and listener taking turns).

A worksheet's shape lives here as data; the answers are stored per step, field and
partner. Hints are gentle suggestions, never blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

KINDS = (("after_fight", "After a fight"), ("gentle_start", "Raise something gently"),
         ("solve_together", "Solve it together"))
KIND_NAMES = dict(KINDS)
STATUSES = ("open", "paused", "resolved")
PAUSE_MINIMUM = timedelta(minutes=20)
PAUSE_LONGEST = timedelta(hours=24)


@dataclass(frozen=True)
class Field:
    key: str
    label: str  # in the first person, as the partner fills it in
    kind: str = "text"  # text | line | feelings | choice | confirm
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    about_other: bool = False  # the label speaks of the other partner ({other})


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    guide: str  # a calm sentence on what this step is for
    fields: tuple[Field, ...]


AFTER_FIGHT = (
    Step("feelings", "What each of us felt",
         "Looking back from a calmer place: name what you felt then, without explaining yet.",
         (Field("feelings", "What I felt", "feelings"),
          Field("words", "In my own words", "text", "A few words are enough."))),
    Step("views", "How each of us saw it",
         "Each of you tells it as you lived it. Then say back what you heard from the other, "
         "and what makes sense to you in it. Both views can be true.",
         (Field("my_view", "How I saw it", "text"),
          Field("heard", "What I heard {other} say", "text", about_other=True),
          Field("makes_sense", "What makes sense to me in {other}'s view", "text",
                about_other=True))),
    Step("triggers", "What set it off for me",
         "What touched a sore spot? Sometimes it echoes something older.",
         (Field("trigger", "What triggered it for me", "text"),
          Field("older", "Older experiences it reminded me of (if any)", "text"))),
    Step("my_part", "My part",
         "Each of you looks at your own part — not the other's.",
         (Field("set_up", "What set me up (stress, tiredness, hunger…)", "text"),
          Field("regret", "What I regret", "text"),
          Field("apology", "My apology", "text"),
          Field("accepted", "Do I accept {other}'s apology?", "choice",
                choices=(("yes", "Yes, I accept it"), ("not_yet", "Not yet — I still need…")),
                about_other=True),
          Field("still_need", "What I still need (if not yet)", "line"))),
    Step("next_time", "Next time",
         "One small, concrete thing each of you will do differently.",
         (Field("next_time", "Next time, I will…", "text"),)),
)

GENTLE_START = (
    Step("observation", "What happened",
         "Describe it the way a camera would see it: what was said or done, when.",
         (Field("observation", "What happened", "text",
                "“When the dishes were left on Sunday…” rather than “you never help”."),)),
    Step("feeling", "What I feel",
         "A feeling, not a thought about the other person.",
         (Field("feelings", "I feel…", "feelings"),
          Field("feeling_words", "In my own words", "line"))),
    Step("need", "What I need",
         "What matters to you underneath — rest, closeness, fairness, being heard…",
         (Field("need", "…because I need…", "text"),)),
    Step("request", "My request",
         "Something the other can say yes or no to: concrete, doable, and a request — not a "
         "demand.",
         (Field("request", "Would you be willing to…", "text"),)),
    Step("opening", "Our gentle opening",
         "Read it aloud to each other. The listener says what they heard.",
         (Field("opening", "My gentle opening", "text"),
          Field("response", "What I heard, and how I feel about {other}'s request", "text",
                about_other=True))),
)

SOLVE_TOGETHER = (
    Step("first_speaker", "The first speaker has the floor",
         "The speaker talks about one thing, in short pieces. The listener only listens, then "
         "says it back. No solutions yet.",
         (Field("speaker_words", "As the speaker, I want you to understand…", "text"),
          Field("paraphrase", "As the listener, what I heard is…", "text"),
          Field("confirmed", "Speaker: “Yes, that's it”", "confirm"))),
    Step("second_speaker", "Swap: the other speaker",
         "Now the other has the floor, in the same way.",
         (Field("speaker_words", "As the speaker, I want you to understand…", "text"),
          Field("paraphrase", "As the listener, what I heard is…", "text"),
          Field("confirmed", "Speaker: “Yes, that's it”", "confirm"))),
    Step("one_part", "Choose one part",
         "Only when you both feel heard: pick one small part of it to work on today.",
         (Field("part", "The part we'll work on", "text"),)),
    Step("brainstorm", "Ideas, without judging",
         "Write down every idea, even silly ones. No judging yet.",
         (Field("ideas", "My ideas (one per line)", "text"),)),
    Step("agree", "Who does what, by when",
         "Choose what you'll try. Write it as agreements below.",
         (Field("choice", "What we'll try", "text"),)),
)

DEFINITIONS: dict[str, tuple[Step, ...]] = {
    "after_fight": AFTER_FIGHT, "gentle_start": GENTLE_START, "solve_together": SOLVE_TOGETHER,
}

SOOTHING = (
    "Breathe slowly: in for four, out for six, ten times.",
    "Walk around the block, or step outside for some air.",
    "Make a cup of tea and drink it while it's warm.",
    "Put on a song you love, or sit somewhere quiet.",
    "Splash cold water on your face; stretch your shoulders.",
    "Read a few pages of something unrelated.",
)

SAFETY_NOTE = (
    "These worksheets are for partners who feel safe with each other. If either of you is "
    "afraid of the other, or has been hurt, please skip them and reach out to a "
    "professional or a local helpline. They are no substitute for that help — and if you "
    "keep getting stuck, a couples counsellor can help you both."
)

_ALWAYS_NEVER = re.compile(r"\byou\s+(always|never)\b", re.IGNORECASE)
_THOUGHT_AS_FEELING = re.compile(
    r"\bi\s+feel\s+(that|like)\s+you\b|\bi\s+feel\s+you\s+(are|were|don'?t|didn'?t|never|"
    r"always)\b|\byou\s+make\s+me\s+feel\b", re.IGNORECASE)
_NAMES = ("idiot", "stupid", "lazy", "selfish", "pathetic", "useless", "crazy", "dumb",
          "liar", "childish", "ridiculous", "hopeless", "loser", "moron", "jerk")
_NAME_CALLING = re.compile(r"\b(" + "|".join(_NAMES) + r")\b", re.IGNORECASE)


def gentle_hints(text: str) -> list[str]:
    """Suggestions for a softer way to say something; empty when it already reads gently."""
    hints = []
    if _ALWAYS_NEVER.search(text):
        hints.append("“You always / you never” can feel like an attack. Could you describe "
                     "one time it happened instead?")
    if _NAME_CALLING.search(text):
        hints.append("A word here may sound like a label for the person. Could you say what "
                     "they did, and how it felt?")
    if _THOUGHT_AS_FEELING.search(text):
        hints.append("“I feel that you…” is often a thought about the other. What do you "
                     "feel — hurt, lonely, worried?")
    return hints


def field_label(field: Field, other: str) -> str:
    return field.label.replace("{other}", other)


def progress_words(step: int, steps: int) -> str:
    return f"Step {min(step, steps) + 1} of {steps + 1}" if step < steps else \
        f"Step {steps + 1} of {steps + 1}: agreements"
