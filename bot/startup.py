"""Settings checked at start: a setting that cannot work stops the start with one line naming it.

The rules for single values are pydantic types (used in bot.config); what needs more than one
value or the network (half-set Slack OAuth, the database) is checked here before anything runs.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, ValidationError

LANGUAGES = ("da", "en")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class StartProblem(Exception):
    """Why the bot cannot start, as one line that says what to set."""


def _language(value: object) -> str:
    word = str(value).strip().lower()
    if word not in LANGUAGES:
        raise ValueError("must be da or en")
    return word


def _log_level(value: object) -> str:
    level = str(value).strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError("must be a log level")
    return level


# Stored normalised: `EN` in the environment is the language `en`.
Language = Annotated[str, BeforeValidator(_language)]
LogLevel = Annotated[str, BeforeValidator(_log_level)]
# 0 lets the tests' in-process servers take any free port; `serve` needs a real one (below).
Port = Annotated[int, Field(ge=0, le=65535)]

_WHAT_TO_SET = {
    "default_language": "da or en",
    "port": "a number from 1 to 65535",
    "log_level": ", ".join(LOG_LEVELS),
}


def _one_line(text: object, limit: int = 60) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[:limit] + "…"


def explain(error: ValidationError) -> StartProblem:
    """pydantic's report (many lines, a traceback when raised) as one line per start."""
    parts = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        name = field.upper() or "a setting"
        if field in _WHAT_TO_SET:  # never quote other values back: they may be secrets
            given = _one_line(problem.get("input"))
            parts.append(f"{name}={given!r} does not work; set {name} to {_WHAT_TO_SET[field]}")
        else:
            parts.append(f"{name} does not work ({_one_line(problem['msg'], 120)})")
    return StartProblem("RASMUS cannot start: " + "; ".join(parts) + ".")


def _check_port(settings) -> None:
    if not 1 <= settings.port <= 65535:
        raise StartProblem(
            f"RASMUS cannot start: PORT={settings.port} does not work; "
            "set PORT to a number from 1 to 65535."
        )


def _check_slack_oauth(settings) -> None:
    if not (settings.slack_client_id or settings.slack_client_secret):
        return  # one workspace through a bot token, or no Slack: no OAuth to check
    needed = {
        "SLACK_CLIENT_ID": settings.slack_client_id,
        "SLACK_CLIENT_SECRET": settings.slack_client_secret,
        "SLACK_STATE_SECRET": settings.slack_state_secret,
        "PUBLIC_URL": settings.public_url,
    }
    missing = [name for name, value in needed.items() if not value.strip()]
    if missing:
        raise StartProblem(
            "RASMUS cannot start: Slack OAuth is half set up; set "
            + " and ".join(missing)
            + ", or unset SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for one workspace."
        )


def _check_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    from adapters.persistence.database import create_database_engine, normalise_url

    shown = url
    try:
        url = normalise_url(url)
        shown = make_url(url).render_as_string(hide_password=True)
        if url.startswith("sqlite"):
            engine = create_database_engine(url)
        else:  # a short wait: a database that does not answer in 10 s is not there
            timeout = {"connect_timeout": 10} if url.startswith("postgresql") else {}
            engine = create_engine(url, poolclass=NullPool, connect_args=timeout)
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        finally:
            engine.dispose()
    except Exception as problem:  # any failure here means the same: no database to work with
        reason = _one_line(getattr(problem, "orig", None) or problem, 120)
        raise StartProblem(
            f"RASMUS cannot start: DATABASE_URL ({_one_line(shown, 80)}) cannot be reached "
            f"({reason}); set DATABASE_URL to a running database, or unset it for SQLite."
        ) from None


def checked_settings(command: str):
    """The settings for `command`, or StartProblem saying which setting to fix."""
    from bot.config import load_settings

    try:
        settings = load_settings()
    except ValidationError as error:
        raise explain(error) from None
    if command in ("serve", "web"):
        _check_port(settings)
        _check_slack_oauth(settings)
    if command in ("console", "serve", "web", "worker", "tick", "migrate"):
        _check_database(settings.database_url)
    return settings
