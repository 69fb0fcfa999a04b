"""The one place that reads the environment (and `.env` when present)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.startup import Language, LogLevel, Port  # checked at start


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    # Storage: SQLite under ./data by default, PostgreSQL in production.
    database_url: str = "sqlite:///./data/rasmus.db"
    export_dir: Path = Path("./data/exports")
    default_language: Language = "da"
    # How long a request may wait for the database before the person is told it failed
    # (inside Slack's 3 s): SQLite's busy timeout; PostgreSQL's lock and statement timeouts.
    sqlite_busy_timeout_seconds: float = Field(default=2.0, gt=0, le=60)
    pg_lock_timeout_seconds: float = Field(default=2.0, gt=0, le=600)
    pg_statement_timeout_seconds: float = Field(default=5.0, gt=0, le=600)
    # How often the worker and the dispatcher look for due work (new work is picked up at
    # once in the same process; across processes this interval, or PostgreSQL's NOTIFY).
    scheduler_interval_seconds: float = Field(default=30.0, gt=0, le=3600)
    # Channels decided at once per worker process. More than the cores only adds contention
    # in one Python process (bench/slack_ack.py, PostgreSQL, 10 channels, 2 cores: ack p99
    # 102 ms with 2, 177-201 ms with 4, 195 ms with 8); SQLite decides one at a time anyway.
    worker_slots: int = Field(default=2, ge=1, le=64)
    log_level: LogLevel = "INFO"

    # The HTTP server (Slack and Teams share it).
    port: Port = 3000
    host: str = "0.0.0.0"
    public_url: str = ""
    # The Teams app's privacy and terms pages; by default the server's own /privacy and /terms.
    privacy_url: str = ""
    terms_url: str = ""

    def page_url(self, name: str) -> str:
        """`privacy` or `terms`: the setting, else PUBLIC_URL's own page, else empty."""
        own = getattr(self, f"{name}_url")
        if own:
            return own
        return f"{self.public_url.rstrip('/')}/{name}" if self.public_url else ""

    # Slack
    slack_bot_token: str = ""
    slack_signing_secret: str = ""
    slack_app_token: str = ""
    slack_api_url: str = "https://slack.com/api/"
    slack_client_id: str = ""
    slack_client_secret: str = ""
    slack_state_secret: str = ""

    # Microsoft Teams, through the Microsoft 365 Agents SDK's own variable names.
    teams_client_id: str = Field(
        default="",
        validation_alias=AliasChoices(
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", "TEAMS_CLIENT_ID"
        ),
    )
    teams_client_secret: str = Field(
        default="",
        validation_alias=AliasChoices(
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET", "TEAMS_CLIENT_SECRET"
        ),
    )
    teams_tenant_id: str = Field(
        default="",
        validation_alias=AliasChoices(
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID", "TEAMS_TENANT_ID"
        ),
    )
    teams_app_id: str = ""  # the Teams app's own id in its manifest; a fresh GUID when empty
    teams_allow_anonymous: bool = False  # local testing only: no credentials, loopback only
    teams_extra_service_hosts: str = ""  # comma-separated hosts beyond Microsoft's own


def load_settings(**overrides) -> Settings:
    return Settings(**overrides)
