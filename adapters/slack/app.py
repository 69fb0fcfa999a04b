"""The bolt app: one workspace (bot token) or many (OAuth), listeners registered per kind.

Bolt verifies every request's signature and timestamp (v0 HMAC, five minutes) before any
listener runs, so a forged or replayed request gets 401 and reaches nothing of ours.
The Web API client points at SLACK_API_URL and waits out 429s (Retry-After) and retries
connection and server errors, so a rate limit delays a reply rather than losing it.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from adapters.chat.intake import NotStored
from adapters.chat.platform import Services
from adapters.slack import actions, commands, events, views
from adapters.slack.bridge import SlackBridge
from adapters.slack.settings import SlackSettings

log = logging.getLogger("rasmus.slack")


def retry_handlers() -> list:
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=5),
        AsyncConnectionErrorRetryHandler(max_retry_count=2),
        AsyncServerErrorRetryHandler(max_retry_count=2),
    ]


def web_client(settings, token: str | None = None) -> AsyncWebClient:
    return AsyncWebClient(
        token=token,
        base_url=settings.slack_api_url,
        retry_handlers=retry_handlers(),
    )


def uses_oauth(settings) -> bool:
    return bool(settings.slack_client_id and settings.slack_client_secret)


def build_bolt_app(
    settings: SlackSettings, services: Services, *, socket_mode: bool = False
) -> tuple[AsyncApp, SlackBridge]:
    common = {
        "signing_secret": settings.slack_signing_secret or None,
        # Over Socket Mode nothing arrives over HTTP, so there is no signature to check.
        "request_verification_enabled": not socket_mode,
        # The response waits for the listener: it stores the request and acknowledges only
        # then (events too, which bolt would otherwise acknowledge before the listener ran).
        "process_before_response": True,
    }
    if uses_oauth(settings) and not settings.slack_bot_token:
        from adapters.slack.oauth import oauth_settings

        engine = services.store.engine
        app = AsyncApp(
            client=web_client(settings),
            oauth_settings=oauth_settings(settings, engine, services.core),
            **common,
        )
    else:
        app = AsyncApp(client=web_client(settings, settings.slack_bot_token), **common)
    bridge = SlackBridge(settings, services)
    bridge.bolt = app
    # Bolt tries listeners in this order; the busiest (slash commands, modal submissions)
    # first, so a note is not matched against every button's listener before its own.
    for listeners in (commands, views, actions, events):
        listeners.register(app, bridge)
    app.error(not_stored_is_503)
    return app, bridge


NOT_STORED_STATUS = 503


async def not_stored_is_503(error, response, logger):
    """A request the database did not take is answered 503 (Slack shows the person that it
    failed; for events it sends them again), never 200 for something then lost."""
    if isinstance(error, NotStored) and response is not None:
        response.status = NOT_STORED_STATUS
        response.body = "not stored, try again"
        logger.warning("a Slack request was not stored in time; answered %s", NOT_STORED_STATUS)
        return
    logger.exception("a Slack listener failed", exc_info=error)
