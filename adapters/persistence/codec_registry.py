"""What the codec may write and read: the registered dataclasses and enums, and their hints."""

from __future__ import annotations

import dataclasses
import types
import typing
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


def hints_of(cls: type) -> dict[str, Any]:
    if cls not in _hints_cache:
        _hints_cache[cls] = typing.get_type_hints(cls)
    return _hints_cache[cls]


def is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, types.UnionType)


def registered(name: str) -> type:
    try:
        return CLASSES[name]
    except KeyError:
        raise CodecError(f"unknown type {name!r}") from None
