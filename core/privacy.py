"""Anonymity where people can see who typed: a rule for every platform.

A message typed in a channel, a group chat or a thread stays there under its author's name, so
an anonymous note typed there is not anonymous, and a code typed there is everyone's. Such
commands are refused before anything is stored; the refusal (always private) says where to
write instead: the form or card with its anonymous choice, or a personal chat with RASMUS.
"""

from __future__ import annotations

from core import commands as c
from core.language import parse
from core.messages import Refusal


def refuse_where_shown(command: c.Command) -> Refusal | None:
    """The refusal for `command` typed where others see it, or None when it may stand there."""
    if isinstance(command, c.AddNote | c.AddPrerequisite) and command.anonymous:
        return Refusal("anonymous_shown", hint="hint_anonymous_privately")
    if isinstance(command, c.AnswerCheckIn | c.AddLearning) and command.anonymous:
        return Refusal("anonymous_shown", hint="hint_answer_privately")
    if isinstance(command, c.EditItem | c.WithdrawItem) and command.code:
        return Refusal("code_shown", hint="hint_code_privately")
    return None


def touches_anonymity(said: str | c.Command | Refusal | None) -> bool:
    """Whether a message (typed text or a form's command) is an anonymous act: an anonymous
    note, prerequisite, check-in answer or learning, or a change with a code. Platforms store
    nothing about its author."""
    command = parse(said) if isinstance(said, str) else said
    if isinstance(command, c.AddNote | c.AddPrerequisite | c.AnswerCheckIn | c.AddLearning):
        return command.anonymous
    return isinstance(command, c.EditItem | c.WithdrawItem) and bool(command.code)
