"""The settings Slack reads, picked from the plain mapping the bootstrap passes in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class SlackSettings:
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = "https://slack.com/api/"
    slack_client_id: str = ""
    slack_client_secret: str = ""
    slack_state_secret: str = ""
    public_url: str = ""
    default_language: str = "da"

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> SlackSettings:
        return cls(**{f.name: values[f.name] for f in fields(cls) if f.name in values})
