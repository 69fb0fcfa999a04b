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
#
# Each type hint is turned once into a function that writes values of it (cached by hint), so
# writing a reply walks its values, not its type hints: a circle's counts carry every note of
# the circle, and the hints were read again for each note of each reply (most of a note's CPU).

_encoders: dict[Any, Any] = {}
_dataclass_fields: dict[type, tuple[tuple[str, Any], ...]] = {}


def _encode(value: Any, hint: Any) -> Any:
    return _encoder(hint)(value)


def _encoder(hint: Any):
    try:
        return _encoders[hint]
    except KeyError:
        found = _encoders[hint] = _build_encoder(hint)
        return found
    except TypeError:  # an unhashable hint: built each time
        return _build_encoder(hint)


def _not_none(hint: Any, write):
    def checked(value: Any) -> Any:
        if value is None:
            raise CodecError(f"None where {hint} was expected")
        return write(value)

    return checked


def _build_encoder(hint: Any):
    if hint is Any:
        return _encode_any
    if _is_union(hint):
        options = typing.get_args(hint)
        return lambda value: _encode_union(value, options)
    if hint is type(None):
        return _encode_none
    origin = typing.get_origin(hint) or hint
    if dataclasses.is_dataclass(origin):
        return _not_none(hint, _encode_dataclass)
    if isinstance(origin, type) and issubclass(origin, Enum):
        return _not_none(hint, _enum_value)
    if origin is datetime:
        return _not_none(hint, _aware_iso)
    if origin is date:
        return _not_none(hint, date.isoformat)
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if origin is tuple and args and args[-1] is not Ellipsis:
            writers = [_lazy_encoder(arg) for arg in args]
            return _not_none(
                hint,
                lambda value: [w(item) for item, w in zip(value, writers, strict=True)],
            )
        write = _lazy_encoder(args[0] if args else Any)
        return _not_none(hint, lambda value: [write(item) for item in value])
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint) or (str, Any)
        write = _lazy_encoder(value_hint)
        return _not_none(
            hint,
            lambda value: {_encode_key(k, key_hint): write(v) for k, v in value.items()},
        )
    if origin in (str, int, float, bool):

        def primitive(value: Any) -> Any:
            if not isinstance(value, origin):
                raise CodecError(f"{value!r} is not a {origin.__name__}")
            return value

        return _not_none(hint, primitive)

    def unknown(value: Any) -> Any:
        raise CodecError(f"no JSON form for the type hint {hint!r}")

    return unknown


def _lazy_encoder(hint: Any):
    """The hint's writer, built at its first use (a hint may name a class not yet built)."""
    found = None

    def write(value: Any) -> Any:
        nonlocal found
        if found is None:
            found = _encoder(hint)
        return found(value)

    return write


def _encode_none(value: Any) -> None:
    if value is not None:
        raise CodecError(f"{value!r} where None was expected")
    return None


def _enum_value(value: Enum) -> Any:
    return value.value


def _encode_union(value: Any, options: tuple[Any, ...]) -> Any:
    if value is None and type(None) in options:
        return None
    for option in options:
        origin = typing.get_origin(option) or option
        if option is Any or (isinstance(origin, type) and isinstance(value, origin)):
            return _encode(value, option)
    raise CodecError(f"{value!r} fits none of {options}")


def _fields_of(cls: type) -> tuple[tuple[str, Any], ...]:
    found = _dataclass_fields.get(cls)
    if found is None:
        hints = _hints(cls)
        found = tuple((f.name, _encoder(hints[f.name])) for f in dataclasses.fields(cls))
        _dataclass_fields[cls] = found
    return found


def _encode_dataclass(value: Any) -> dict[str, Any]:
    cls = type(value)
    if CLASSES.get(cls.__name__) is not cls:
        raise CodecError(f"{cls.__name__} is not registered with the codec")
    encoded = {"type": cls.__name__}
    for name, write in _fields_of(cls):
        encoded[name] = write(getattr(value, name))
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


_decoders: dict[Any, Any] = {}
_dataclass_readers: dict[type, tuple[tuple[str, Any], ...]] = {}


def _decode(data: Any, hint: Any) -> Any:
    return _decoder(hint)(data)


def _decoder(hint: Any):
    """As `_encoder`: each hint's reader is built once."""
    try:
        return _decoders[hint]
    except KeyError:
        found = _decoders[hint] = _build_decoder(hint)
        return found
    except TypeError:
        return _build_decoder(hint)


def _not_null(hint: Any, read):
    def checked(data: Any) -> Any:
        if data is None:
            raise CodecError(f"null where {hint} was expected")
        return read(data)

    return checked


def _lazy_decoder(hint: Any):
    found = None

    def read(data: Any) -> Any:
        nonlocal found
        if found is None:
            found = _decoder(hint)
        return found(data)

    return read


def _build_decoder(hint: Any):
    if hint is Any:
        return _decode_any
    if _is_union(hint):
        options = typing.get_args(hint)
        return lambda data: _decode_union(data, options)
    if hint is type(None):
        return _decode_null
    origin = typing.get_origin(hint) or hint
    if dataclasses.is_dataclass(origin):
        return _not_null(hint, lambda data: _decode_dataclass(data, origin))
    if isinstance(origin, type) and issubclass(origin, Enum):
        return _not_null(hint, origin)
    if origin is datetime:
        return _not_null(hint, _parse_datetime)
    if origin is date:
        return _not_null(hint, date.fromisoformat)
    if origin in (tuple, list):
        args = typing.get_args(hint)
        if origin is tuple and args and args[-1] is not Ellipsis:
            readers = [_lazy_decoder(arg) for arg in args]
            return _not_null(
                hint, lambda data: tuple(r(item) for item, r in zip(data, readers, strict=True))
            )
        read = _lazy_decoder(args[0] if args else Any)
        return _not_null(hint, lambda data: origin(read(item) for item in data))
    if origin is dict:
        key_hint, value_hint = typing.get_args(hint) or (str, Any)
        read_key, read_value = _lazy_decoder(key_hint), _lazy_decoder(value_hint)
        return _not_null(hint, lambda data: {read_key(k): read_value(v) for k, v in data.items()})
    if origin in (str, int, float, bool):

        def primitive(data: Any) -> Any:
            if not isinstance(data, origin):
                raise CodecError(f"{data!r} is not a {origin.__name__}")
            return data

        return _not_null(hint, primitive)

    def unknown(data: Any) -> Any:
        raise CodecError(f"cannot read the type hint {hint!r}")

    return unknown


def _decode_null(data: Any) -> None:
    if data is not None:
        raise CodecError(f"cannot read the type hint {type(None)!r}")
    return None


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
    readers = _dataclass_readers.get(cls)
    if readers is None:
        hints = _hints(cls)
        readers = tuple(
            (f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls) if f.init
        )
        _dataclass_readers[cls] = readers
    return cls(**{name: read(data[name]) for name, read in readers})


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


def encode_reply(
    reply: messages.Reply, source_ref: str | None = None, *, current: bool = False
) -> str:
    """`source_ref`: the chat message the reply answers (a colour question needs it to keep
    the note tied to the message it came from); kept beside the reply, dropped once sent.
    `current`: the reply is to be brought up to date when it is sent (see `is_current`)."""
    if source_ref is None and not current:
        return encode(reply)
    data = _encode_dataclass(reply)
    if source_ref is not None:
        data["source_ref"] = source_ref
    if current:
        data["current"] = True
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def is_current(text: str) -> bool:
    """Written with `current=True`: what it shows is read afresh when it is sent."""
    return text.endswith(',"current":true}')


def decode_reply(text: str) -> messages.Reply:
    return decode(text, messages.Reply)


def decode_reply_and_source(text: str) -> tuple[messages.Reply, str | None]:
    reply = decode(text, messages.Reply)
    if '"source_ref"' not in text:  # the common case: no second parse
        return reply, None
    found = json.loads(text).get("source_ref")
    return reply, found if isinstance(found, str) else None
