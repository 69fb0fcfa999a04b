"""Which chat platforms the server runs: adding one is a folder under adapters/ and a line here.

Each entry names a module with `build(settings: Mapping, services: Services) -> Platform`.
They are imported only when the server starts, so `python -m bot console` never pays for the
chat SDKs.
"""

from __future__ import annotations

import importlib

from adapters.chat.platform import Platform
from bot.runtime import Runtime

PLATFORMS = (
    "adapters.slack.platform",
    "adapters.teams.platform",
)


def build_platforms(runtime: Runtime) -> list[Platform]:
    values = runtime.settings.model_dump()
    return [
        importlib.import_module(module).build(values, runtime.services) for module in PLATFORMS
    ]
