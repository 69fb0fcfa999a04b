"""The settings Teams reads, picked from the plain mapping the bootstrap passes in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class TeamsSettings:
    teams_client_id: str = ""
    teams_client_secret: str = ""
    teams_tenant_id: str = ""
    teams_app_id: str = ""  # the Teams app's own id in its manifest; a fresh GUID when empty
    public_url: str = ""
    teams_allow_anonymous: bool = False  # local testing only, and only for loopback serviceUrls
    teams_extra_service_hosts: str = ""  # comma-separated hosts beyond Microsoft's own
    default_language: str = "da"

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> TeamsSettings:
        return cls(**{f.name: values[f.name] for f in fields(cls) if f.name in values})
