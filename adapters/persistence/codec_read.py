"""Reading the core's values back from JSON data, driven by their type hints."""

from __future__ import annotations

import dataclasses
import typing
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from adapters.persistence.codec_registry import (
    ENUMS,
    CodecError,
    hints_of,
    is_union,
    registered,
)

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
    if is_union(hint):
        options = typing.get_args(hint)
        return lambda data: _decode_union(data, options)
    if hint is type(None):
        return _decode_null
    origin = typing.get_origin(hint) or hint
    if dataclasses.is_dataclass(origin):
        return _not_null(hint, lambda data: decode_dataclass(data, origin))
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
        cls = registered(data["type"])
        if any(option is cls or option is Any for option in options):
            return decode_dataclass(data, cls)
        raise CodecError(f"{data['type']} is not one of {options}")
    for option in options:
        if option is type(None):
            continue
        try:
            return _decode(data, option)
        except (CodecError, ValueError, TypeError):
            continue
    raise CodecError(f"{data!r} fits none of {options}")


def decode_dataclass(data: dict[str, Any], expected: type) -> Any:
    cls = registered(data.get("type", ""))
    if not issubclass(cls, expected):
        raise CodecError(f"{cls.__name__} where {expected.__name__} was expected")
    readers = _dataclass_readers.get(cls)
    if readers is None:
        hints = hints_of(cls)
        readers = tuple(
            (f.name, _decoder(hints[f.name])) for f in dataclasses.fields(cls) if f.init
        )
        _dataclass_readers[cls] = readers
    return cls(**{name: read(data[name]) for name, read in readers})


def _decode_any(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    if "type" in data:
        return decode_dataclass(data, registered(data["type"]))
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
