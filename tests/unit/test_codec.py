"""The queue's JSON codec: every command and message the core knows comes back as it went in."""

import dataclasses
import types
import typing
from datetime import UTC, date, datetime, timedelta, timezone
from enum import Enum
from typing import Any

import pytest

from adapters.persistence import codec
from adapters.persistence.codec import (
    CodecError,
    decode_incoming,
    decode_reply,
    encode_incoming,
    encode_reply,
)
from core import commands, messages, model
from core.circles import Circle
from core.messages import Audience, Mentions, Refusal, Reply, Said, TextRef
from core.model import Actor, ChannelKey
from core.service import Incoming

COMMANDS = typing.get_args(commands.Command)
MESSAGES = typing.get_args(messages.Message)
CHANNEL = ChannelKey("slack", "T1", "C1")


def sample(hint: Any, variant: int = 0) -> Any:
    """A value for a type hint; variant 1 picks other options (None, other union members)."""
    if hint is Any:
        return {
            "word": "blå æble",
            "limit": 7,
            "step": TextRef("step_today"),
            "who": Mentions(("U1", "U2")),
            "day": date(2027, 2, 1),
        }
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [o for o in typing.get_args(hint) if o is not type(None)]
        if variant and type(None) in typing.get_args(hint):
            return None
        return sample(options[variant % len(options)], variant)
    if origin is tuple and typing.get_args(hint)[-1] is not Ellipsis:  # (str, datetime)
        return tuple(sample(arg, variant) for arg in typing.get_args(hint))
    if origin is tuple:
        return (sample(typing.get_args(hint)[0], variant), sample(typing.get_args(hint)[0], 1))
    if origin is dict:
        key, value = typing.get_args(hint)
        return {sample(key, 0): sample(value, 0), sample(key, 1): sample(value, 1)}
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return hint(**{f.name: sample(hints[f.name], variant) for f in dataclasses.fields(hint)})
    if isinstance(hint, type) and issubclass(hint, Enum):
        members = list(hint)
        return members[-1 - variant % len(members)]
    if hint is datetime:
        return datetime(2026, 11, 29, 21, 15, 30, 123456, tzinfo=UTC) + timedelta(days=variant)
    if hint is date:
        return date(2027, 3, 1 + variant)
    if hint is bool:
        return not variant
    if hint is int:
        return 3 + variant
    if hint is str:
        return f"tekst {variant} – «ø» \n <b>"
    raise AssertionError(f"the test has no sample for {hint!r}: teach it, and the codec")


@pytest.mark.parametrize("variant", [0, 1])
@pytest.mark.parametrize("command_class", COMMANDS, ids=lambda c: c.__name__)
def test_every_command_survives_the_trip_through_an_inbox_row(command_class, variant):
    incoming = Incoming(
        CHANNEL,
        Actor("U7", "Åse"),
        text=None,
        command=sample(command_class, variant),
        message_id="m-1",
        source_ref="ts-1",
        language_hint="en",
    )
    assert decode_incoming(encode_incoming(incoming)) == incoming


@pytest.mark.parametrize("variant", [0, 1])
@pytest.mark.parametrize("message_class", MESSAGES, ids=lambda c: c.__name__)
def test_every_message_survives_the_trip_through_an_outbox_row(message_class, variant):
    reply = Reply(Audience.PRIVATE, sample(message_class, variant), "en")
    back = decode_reply(encode_reply(reply))
    assert back == reply
    assert type(back.message) is message_class


@pytest.mark.parametrize(
    "message_class",
    [
        messages.CheckInPost,
        messages.AnswerConfirmed,
        messages.StockTaking,
        messages.AgreementReminder,
        messages.FacilitatorNudge,
        messages.KeepCheckInsQuestion,
    ],
    ids=lambda c: c.__name__,
)
def test_a_direct_message_keeps_whom_it_is_for(message_class):
    reply = Reply(Audience.DIRECT, sample(message_class), "da", to=("U1", "U2"))
    back = decode_reply(encode_reply(reply))
    assert back == reply
    assert back.to == ("U1", "U2")


def test_a_tick_from_the_scheduler_survives_the_trip_through_an_inbox_row():
    tick = Incoming(
        CHANNEL,
        Actor("rasmus", "RASMUS"),
        command=commands.Tick(workshop_id="w1"),
        message_id="tick:w1:2027-03-01T08:00:00+00:00",
    )
    assert decode_incoming(encode_incoming(tick)) == tick


def test_every_core_class_is_registered_under_a_name_of_its_own():
    declared = [
        value
        for module in (model, commands, messages)
        for value in vars(module).values()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__
    ]
    assert len({cls.__name__ for cls in declared}) == len(declared)
    for cls in declared:
        assert codec.CLASSES[cls.__name__] is cls
    assert {*COMMANDS, *MESSAGES} <= set(codec.CLASSES.values())


def test_a_typed_text_without_a_command_keeps_its_words():
    incoming = Incoming(CHANNEL, Actor("U7"), text="note sundt Færre løft")
    assert decode_incoming(encode_incoming(incoming)) == incoming


def test_free_form_params_come_back_with_their_types():
    params = {
        "n": 3,
        "ratio": 0.5,
        "flag": True,
        "nothing": None,
        "circle": Circle.HEALTHY,
        "at": datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
        "pair": ("a", 1),
        "items": ["x", TextRef("k")],
        "nested": {"who": Mentions(("U1",))},
    }
    reply = Reply(Audience.CHANNEL, Said("k", params))
    assert decode_reply(encode_reply(reply)).message.params == params


def test_times_are_stored_in_utc_and_come_back_as_the_same_instant():
    copenhagen = timezone(timedelta(hours=1))
    at = datetime(2026, 11, 29, 22, 0, tzinfo=copenhagen)
    reply = Reply(Audience.CHANNEL, Said("k", {"at": at}))
    text = encode_reply(reply)
    assert "21:00:00+00:00" in text
    back = decode_reply(text).message.params["at"]
    assert back == at and back.utcoffset() == timedelta(0)


def test_a_naive_time_is_refused_rather_than_guessed():
    with pytest.raises(CodecError, match="naive"):
        encode_reply(Reply(Audience.CHANNEL, Said("k", {"at": datetime(2026, 1, 1)})))


def test_a_class_the_codec_does_not_know_is_refused_when_written():
    @dataclasses.dataclass(frozen=True)
    class Unknown:
        x: int

    with pytest.raises(CodecError, match="not registered"):
        encode_reply(Reply(Audience.CHANNEL, Said("k", {"x": Unknown(1)})))


def test_a_stored_reply_of_an_unknown_type_is_refused_when_read():
    with pytest.raises(CodecError, match="unknown type"):
        decode_reply(
            '{"type":"Reply","audience":"channel","message":{"type":"Gone"},"language":"da"}'
        )


def test_a_refusal_from_the_parser_survives_with_its_hint():
    reply = Reply(Audience.PRIVATE, Refusal("bad_date", {"word": "32/13"}, "hint_date"))
    assert decode_reply(encode_reply(reply)) == reply


@pytest.mark.parametrize(
    "stored",
    [
        '{"type":"Incoming","from":"a newer version"}',
        '{"type":"Reply","audience":"everyone","message":{"type":"ShowBoard"},"language":"da"}',
        "[1, 2]",
        "not json",
    ],
)
def test_any_unreadable_text_is_one_kind_of_error(stored):
    with pytest.raises(CodecError):
        decode_incoming(stored) if "Incoming" in stored else decode_reply(stored)


def test_a_card_submit_refused_for_a_bad_field_waits_in_the_inbox_as_its_refusal():
    refusal = Refusal("bad_form_field", {"field": "text"}, "hint_note")
    incoming = Incoming(ChannelKey("msteams", "T", "C"), Actor("29:anne"), command=refusal)
    assert decode_incoming(encode_incoming(incoming)) == incoming
