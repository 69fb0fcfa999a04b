"""Which chat platforms the server runs: adding one is a folder under adapters/ and a line here.

Each entry names a module with `build(settings: Mapping, services: Services) -> Platform`.
They are imported only when the server starts, so `python -m bot console` never pays for the
chat SDKs.
"""

from __future__ import annotations

import importlib

from adapters.chat.platform import Platform, PlatformFactory
from bot.runtime import Runtime

PLATFORMS = (
    "adapters.slack.platform",
    "adapters.teams.platform",
)


def build_platforms(runtime: Runtime) -> list[Platform]:
    values = runtime.settings.model_dump()
    factories: list[PlatformFactory] = [
        importlib.import_module(module).build for module in PLATFORMS
    ]
    return [build(values, runtime.services) for build in factories]
