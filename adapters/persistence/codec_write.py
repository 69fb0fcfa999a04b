"""Writing the core's values as JSON-ready data, driven by their type hints."""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from adapters.persistence.codec_registry import CLASSES, CodecError, hints_of, is_union

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
    if is_union(hint):
        options = typing.get_args(hint)
        return lambda value: _encode_union(value, options)
    if hint is type(None):
        return _encode_none
    origin = typing.get_origin(hint) or hint
    if dataclasses.is_dataclass(origin):
        return _not_none(hint, encode_dataclass)
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
        hints = hints_of(cls)
        found = tuple((f.name, _encoder(hints[f.name])) for f in dataclasses.fields(cls))
        _dataclass_fields[cls] = found
    return found


def encode_dataclass(value: Any) -> dict[str, Any]:
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
        return encode_dataclass(value)
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
