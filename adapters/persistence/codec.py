"""JSON for the core's frozen dataclasses, driven by their type hints.

Inbox rows hold an `Incoming` and outbox rows a `Reply` until a worker or the dispatcher takes
them, possibly in another process after a restart, so both must survive a trip through text.
Every dataclass is written with a "type" tag naming a registered class; a class the registry
does not know is refused when written, not discovered broken when read back.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from core import commands, dates, messages, model
from core.circles import Circle
from core.service import Incoming


class CodecError(ValueError):
    """A value the codec cannot write or a text it cannot read back."""


def _dataclasses_of(module: types.ModuleType) -> dict[str, type]:
    return {
        name: value
        for name, value in vars(module).items()
        if isinstance(value, type)
        and dataclasses.is_dataclass(value)
        and value.__module__ == module.__name__
    }


def _enums_of(*modules: types.ModuleType) -> dict[str, type[Enum]]:
    found = {}
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, Enum) and value is not Enum:
                found[name] = value
    return found


# Everything an Incoming or a Reply can hold: commands, messages, the model's records.
CLASSES: dict[str, type] = {
    **_dataclasses_of(model),
    **_dataclasses_of(commands),
    **_dataclasses_of(messages),
    **_dataclasses_of(dates),
    "Incoming": Incoming,
}
ENUMS: dict[str, type[Enum]] = {**_enums_of(model, messages), "Circle": Circle}

_hints_cache: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _hints_cache:
        _hints_cache[cls] = typing.get_type_hints(cls)
    return _hints_cache[cls]


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


# --- writing ---------------------------------------------------------------------------------


def _encode(value: Any, hint: Any) -> Any:
    if hint is Any:
        return _encode_any(value)
    if _is_union(hint):
        return _encode_union(value, typing.get_args(hint))
    origin = typing.get_origin(hint) or hint
    if value is None:
        if hint is type(None):
            return None
        raise CodecError(f"None where {hint} was expected")
    if dataclasses.is_dataclass(origin):
        return _encode_dataclass(value)
    if isinstance(origin, type) and issubclass(origin, Enum):
        return value.value
    if origin is datetime:
        return _aware_iso(value)
    if origin is date:
        return value.isoformat()
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if origin is tuple and args and args[-1] is not Ellipsis:
            return [_encode(item, arg) for item, arg in zip(value, args, strict=True)]
        item_hint = args[0] if args else Any
        return [_encode(item, item_hint) for item in value]
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint) or (str, Any)
        return {_encode_key(k, key_hint): _encode(v, value_hint) for k, v in value.items()}
    if origin in (str, int, float, bool):
        if not isinstance(value, origin):
            raise CodecError(f"{value!r} is not a {origin.__name__}")
        return value
    raise CodecError(f"no JSON form for the type hint {hint!r}")


def _encode_union(value: Any, options: tuple[Any, ...]) -> Any:
    if value is None and type(None) in options:
        return None
    for option in options:
        origin = typing.get_origin(option) or option
        if option is Any or (isinstance(origin, type) and isinstance(value, origin)):
            return _encode(value, option)
    raise CodecError(f"{value!r} fits none of {options}")


def _encode_dataclass(value: Any) -> dict[str, Any]:
    cls = type(value)
    if CLASSES.get(cls.__name__) is not cls:
        raise CodecError(f"{cls.__name__} is not registered with the codec")
    hints = _hints(cls)
    encoded = {"type": cls.__name__}
    for f in dataclasses.fields(cls):
        encoded[f.name] = _encode(getattr(value, f.name), hints[f.name])
    return encoded


def _encode_key(key: Any, hint: Any) -> str:
    if isinstance(key, Enum):
        return key.value
    if isinstance(key, str):
        return key
    raise CodecError(f"dictionary key {key!r} is not text")


def _encode_any(value: Any) -> Any:
    """Free-form values (a message's params) carry their own type, so they come back the same."""
    if value is None or isinstance(value, bool | int | float | str) and not isinstance(value, Enum):
        return value
    if dataclasses.is_dataclass(value):
        return _encode_dataclass(value)
    if isinstance(value, Enum):
        return {"enum": type(value).__name__, "value": value.value}
    if isinstance(value, datetime):
        return {"datetime": _aware_iso(value)}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple | list):
        return {type(value).__name__: [_encode_any(item) for item in value]}
    if isinstance(value, dict):
        return {"dict": [[_encode_any(k), _encode_any(v)] for k, v in value.items()]}
    raise CodecError(f"no JSON form for {value!r}")


def _aware_iso(value: datetime) -> str:
    if value.tzinfo is None:
        raise CodecError("naive datetimes are refused: pass an aware time")
    return value.astimezone(UTC).isoformat()


# --- reading ---------------------------------------------------------------------------------


def _decode(data: Any, hint: Any) -> Any:
    if hint is Any:
        return _decode_any(data)
    if _is_union(hint):
        return _decode_union(data, typing.get_args(hint))
    origin = typing.get_origin(hint) or hint
    if data is None:
        if hint is type(None):
            return None
        raise CodecError(f"null where {hint} was expected")
    if dataclasses.is_dataclass(origin):
        return _decode_dataclass(data, origin)
    if isinstance(origin, type) and issubclass(origin, Enum):
        return origin(data)
    if origin is datetime:
        return _parse_datetime(data)
    if origin is date:
        return date.fromisoformat(data)
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if origin is tuple and args and args[-1] is not Ellipsis:
            return tuple(_decode(item, arg) for item, arg in zip(data, args, strict=True))
        item_hint = args[0] if args else Any
        return origin(_decode(item, item_hint) for item in data)
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint) or (str, Any)
        return {_decode(k, key_hint): _decode(v, value_hint) for k, v in data.items()}
    if origin in (str, int, float, bool):
        if not isinstance(data, origin):
            raise CodecError(f"{data!r} is not a {origin.__name__}")
        return data
    raise CodecError(f"cannot read the type hint {hint!r}")


def _decode_union(data: Any, options: tuple[Any, ...]) -> Any:
    if data is None:
        if type(None) in options:
            return None
        raise CodecError(f"null where one of {options} was expected")
    if isinstance(data, dict) and "type" in data:
        cls = _registered(data["type"])
        if any(option is cls or option is Any for option in options):
            return _decode_dataclass(data, cls)
        raise CodecError(f"{data['type']} is not one of {options}")
    for option in options:
        if option is type(None):
            continue
        try:
            return _decode(data, option)
        except (CodecError, ValueError, TypeError):
            continue
    raise CodecError(f"{data!r} fits none of {options}")


def _decode_dataclass(data: dict[str, Any], expected: type) -> Any:
    cls = _registered(data.get("type", ""))
    if not issubclass(cls, expected):
        raise CodecError(f"{cls.__name__} where {expected.__name__} was expected")
    hints = _hints(cls)
    values = {
        f.name: _decode(data[f.name], hints[f.name]) for f in dataclasses.fields(cls) if f.init
    }
    return cls(**values)


def _registered(name: str) -> type:
    try:
        return CLASSES[name]
    except KeyError:
        raise CodecError(f"unknown type {name!r}") from None


def _decode_any(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    if "type" in data:
        return _decode_dataclass(data, _registered(data["type"]))
    (kind, payload), *rest = data.items()
    if kind == "enum":
        return ENUMS[payload](data["value"])
    if rest:
        raise CodecError(f"cannot read {data!r}")
    if kind == "datetime":
        return _parse_datetime(payload)
    if kind == "date":
        return date.fromisoformat(payload)
    if kind in ("tuple", "list"):
        return (tuple if kind == "tuple" else list)(_decode_any(item) for item in payload)
    if kind == "dict":
        return {_decode_any(k): _decode_any(v) for k, v in payload}
    raise CodecError(f"cannot read {data!r}")


def _parse_datetime(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise CodecError(f"naive datetime {text!r} in stored data")
    return value.astimezone(UTC)


# --- the four entry points -------------------------------------------------------------------


def encode(value: Any) -> str:
    """Any registered dataclass as compact JSON text."""
    return json.dumps(_encode_dataclass(value), ensure_ascii=False, separators=(",", ":"))


def decode(text: str, expected: type = object) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CodecError(f"not JSON: {error}") from error
    if not isinstance(data, dict):
        raise CodecError("stored data is not an object")
    try:
        return _decode_dataclass(data, expected)
    except CodecError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        # A missing field, a value no longer allowed: one error type for every bad text.
        raise CodecError(f"cannot read stored data: {error!r}") from error


def encode_incoming(incoming: Incoming) -> str:
    return encode(incoming)


def decode_incoming(text: str) -> Incoming:
    return decode(text, Incoming)


def encode_reply(reply: messages.Reply, source_ref: str | None = None) -> str:
    """`source_ref`: the chat message the reply answers (a colour question needs it to keep
    the note tied to the message it came from); kept beside the reply, dropped once sent."""
    if source_ref is None:
        return encode(reply)
    data = _encode_dataclass(reply)
    data["source_ref"] = source_ref
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode_reply(text: str) -> messages.Reply:
    return decode(text, messages.Reply)


def decode_reply_and_source(text: str) -> tuple[messages.Reply, str | None]:
    reply = decode(text, messages.Reply)
    if '"source_ref"' not in text:  # the common case: no second parse
        return reply, None
    found = json.loads(text).get("source_ref")
    return reply, found if isinstance(found, str) else None
