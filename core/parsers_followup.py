"""Readers for the follow-up's commands: the check-in plan and jumping to a step."""

from __future__ import annotations

from core import commands as c
from core.circles import fold
from core.messages import Refusal
from core.model import WALKABLE, Step
from core.schedule import read_offset, read_time
from core.texts import LANGUAGES, t

MAX_CHECKINS = 12
_NONE = {"none", "ingen", "no", "nej"}
_KEEP = {"keep", "behold"}
_AT = {"at", "kl", "kl.", "klokken"}
# Besides each step's name in both languages (core.texts), the short words people use.
_STEP_WORDS = {
    Step.INTRO: ("intro", "introduction", "introduktion", "cirkler", "circles"),
    Step.TODAY: ("today", "idag", "i dag"),
    Step.EXPECTATIONS: ("expectations", "forventninger", "forventning"),
    Step.PREREQUISITES: ("prerequisites", "prereq", "prereqs", "forudsætninger", "forudsætning"),
    Step.AGREEMENTS: ("agreements", "aftaler"),
    Step.FOLLOW_UP: ("follow-up", "followup", "follow up", "opfølgning"),
}


def _step_names() -> dict[str, Step]:
    names = {}
    for step in WALKABLE:
        for name in (*_STEP_WORDS[step], *(t(f"step_{step.value}", lang) for lang in LANGUAGES)):
            names[fold(name)] = step
    return names


_STEPS = _step_names()


def parse_checkins(raw: str) -> c.Command | Refusal:
    """`checkins 2w 1m 3m [at 10:00]`, `tjekplan 2u 1m 3m [kl 10:00]`, `checkins none`, and
    `checkins keep` (the answer to the question `end` asks)."""
    words = raw.split()
    if len(words) == 1 and fold(words[0]) in _NONE:
        return c.PlanCheckIns(())
    if len(words) == 1 and fold(words[0]) in _KEEP:
        return c.KeepCheckIns(True)
    post_time = None
    at = next((i for i, word in enumerate(words) if fold(word) in _AT), None)
    if at is not None:
        post_time = read_time(" ".join(words[at + 1 :]))
        if post_time is None:
            written = " ".join(words[at:])
            return Refusal("bad_post_time", {"word": written}, "hint_checkins")
        words = words[:at]
    if not words:
        return Refusal("missing_offsets", hint="hint_checkins")
    offsets = []
    for word in words:
        offset = read_offset(word)
        if offset is None:
            return Refusal("bad_offset", {"word": word}, "hint_checkins")
        offsets.append(offset)
    if len(offsets) > MAX_CHECKINS:
        return Refusal("too_many_checkins", {"limit": MAX_CHECKINS}, "hint_checkins")
    return c.PlanCheckIns(tuple(offsets), post_time)


def parse_step(raw: str) -> c.Command | Refusal:
    """`step 6`, `trin opfølgning`, `step expectations`: any step a facilitator can walk to."""
    word = fold(" ".join(raw.split())).rstrip(".!")
    if word.isdigit() and 1 <= int(word) <= len(WALKABLE):
        return c.GoToStep(WALKABLE[int(word) - 1])
    if word in _STEPS:
        return c.GoToStep(_STEPS[word])
    if not word:
        return Refusal("missing_step", hint="hint_step")
    return Refusal("unknown_step", {"word": raw.strip()}, "hint_step")
