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

from app.domain.checkins import feeling_words as words_for_feelings

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
    kind: str = "text"  # text | line | feelings | choice
    hint: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    about_other: bool = False  # the label speaks of the other partner ({other})
    role: str = "both"  # both | speaker | listener: whose column shows it on a speaker step


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    guide: str  # a calm sentence on what this step is for
    fields: tuple[Field, ...]
    speaker: int | None = None  # 0: the first speaker has the floor; 1: the other one



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

_FLOOR_FIELDS = (
    Field("speaker_words", "I want you to understand…", "text",
          "Talk about yourself and one thing at a time; stop now and then so {other} can "
          "say it back.", about_other=True, role="speaker"),
    Field("paraphrase", "What I heard {other} say is…", "text",
          "In your own words, without answering or defending yet.", about_other=True,
          role="listener"),
    Field("confirmed", "Did {other} get it?", "choice",
          choices=(("yes", "Yes, that's it"), ("not_quite", "Not quite — let me add…")),
          about_other=True, role="speaker"),
    Field("correction", "What I'd add or put differently", "text", role="speaker"),
)

SOLVE_TOGETHER = (
    Step("first_speaker", "One of you has the floor",
         "The speaker talks; the listener only listens, then says back what they heard. "
         "No solutions yet — just understanding.", _FLOOR_FIELDS, speaker=0),
    Step("second_speaker", "Swap: now the other has the floor",
         "Same again, the other way round.", _FLOOR_FIELDS, speaker=1),
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


def field_hint(field: Field, other: str) -> str:
    return field.hint.replace("{other}", other)


def floor_holder(step: Step, first_speaker_id: int | None,
                 partner_ids: tuple[int, int]) -> int | None:
    """Who has the floor on a speaker step (None elsewhere). The first speaker defaults to
    the partner entered first; the second speaker step passes the floor to the other."""
    if step.speaker is None:
        return None
    first = first_speaker_id if first_speaker_id in partner_ids else partner_ids[0]
    if step.speaker == 0:
        return first
    return partner_ids[1] if first == partner_ids[0] else partner_ids[0]


def shows_field(field: Field, partner_id: int, holder: int | None) -> bool:
    """Whether ``partner_id``'s column asks this question (speaker steps split the roles)."""
    if holder is None or field.role == "both":
        return True
    return (partner_id == holder) == (field.role == "speaker")


def _clause(text: str | None, names: tuple[str, ...] = ()) -> str:
    """A sentence part: no trailing full stop, and a lower-case start, as it now sits
    mid-sentence ("When the dishes…" → "when the dishes…") — except "I", a name of the
    couple's, or a word with more capitals (an acronym, a brand)."""
    text = " ".join((text or "").split()).rstrip(" .!")
    first = re.split(r"[\s'’,:;]", text, maxsplit=1)[0] if text else ""
    keep = (first in ("I", "I'm", "I've", "I'd", "I'll") or first in names
            or (not first[1:].islower() and len(first) > 1))
    if first[:1].isupper() and not keep:
        text = text[:1].lower() + text[1:]
    return text


def _join_words(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def gentle_opening(observation: str | None, feelings: list[str] | tuple[str, ...],
                   feeling_words: str | None, need: str | None, request: str | None,
                   names: tuple[str, ...] = ()) -> str:
    """The gentle opening, assembled from the earlier steps (``feelings`` are the chosen
    feeling keys): "I feel … about …, and I need …. Would you be willing to …?" Parts left
    empty are left out; "" when all are. ``names`` keep their capitals."""
    words = words_for_feelings(feelings)
    felt = _join_words(words) if words else ""
    own = _clause(feeling_words, names)
    felt = f"{felt} ({own})" if felt and own else felt or own
    about, need_text = _clause(observation, names), _clause(need, names)
    if need_text.casefold().startswith("i need "):
        need_text = need_text[7:]
    parts = []
    if felt:
        parts.append(f"I feel {felt}" + (f" about {about}" if about else ""))
    elif about:
        parts.append(f"I'd like to talk about {about}")
    if need_text:
        parts.append(f"I need {need_text}")
    sentence = (", and ".join(parts) + ".") if parts else ""
    ask = _clause(request, names).rstrip("?")
    lead = "would you be willing to "
    if ask.casefold().startswith(lead):
        ask = ask[len(lead):]
    if ask:
        sentence = (sentence + " " if sentence else "") + f"Would you be willing to {ask}?"
    return sentence


def progress_words(step: int, steps: int) -> str:
    return f"Step {min(step, steps) + 1} of {steps + 1}" if step < steps else \
        f"Step {steps + 1} of {steps + 1}: agreements"
