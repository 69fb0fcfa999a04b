"""Puts Slack on the shared aiohttp server, or connects it over Socket Mode, and says which.

HTTP: `POST /slack/events` takes Events API, slash commands and interactivity alike;
with OAuth, `GET /slack/install` ("Add to Slack") and `GET /slack/oauth_redirect`.
Socket Mode (SLACK_APP_TOKEN): the connection opens in the app's lifecycle with
`connect_async()` (not `start_async()`, which never returns) and closes at shutdown.
"""

from __future__ import annotations

import logging

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters.chat.platform import Services
from adapters.chat.status import ChannelStatus
from adapters.persistence.seen_once import UNRECORDED
from adapters.slack.app import NOT_STORED_STATUS, build_bolt_app, uses_oauth, web_client
from adapters.slack.bridge import SlackBridge
from adapters.slack.guard import SlackGuard, refuse
from adapters.slack.settings import SlackSettings

log = logging.getLogger("rasmus.slack")

SLACK_APP_KEY = web.AppKey("slack_bolt_app", AsyncApp)
EVENTS_PATH = "/slack/events"


def missing_configuration(settings: SlackSettings) -> str | None:
    """Why Slack cannot start, in words an installer can act on; None when it can."""
    has_token = bool(settings.slack_bot_token) or uses_oauth(settings)
    if settings.slack_app_token:
        if not settings.slack_bot_token:
            return "SLACK_APP_TOKEN is set for Socket Mode but SLACK_BOT_TOKEN is missing"
        return None
    if not settings.slack_signing_secret and not has_token:
        return "SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not set"
    if not settings.slack_signing_secret:
        return "SLACK_SIGNING_SECRET is not set"
    if not has_token:
        return (
            "SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
            "(OAuth) are not set"
        )
    return None


def events_handler(bolt: AsyncApp, guard: SlackGuard):
    async def slack_events(request: web.Request) -> web.Response:
        screened = await guard.screen(request)  # signature, body shape, replays, double clicks
        if isinstance(screened, web.Response):
            return screened
        body, unrecorded = screened
        # The inbox records the replay keys with the request, in the same commit.
        token = UNRECORDED.set(unrecorded)
        try:
            response = await bolt.async_dispatch(bolt_request(request, body))
        except Exception as error:  # noqa: BLE001 - the last net: a caller never gets a 500
            return refuse(400, f"unreadable request ({type(error).__name__})")
        finally:
            UNRECORDED.reset(token)
        not_stored = response.status == NOT_STORED_STATUS
        if not await guard.settle(unrecorded, not_stored=not_stored):
            return web.Response(status=200)  # a repeat: answered the first time
        if not_stored:  # the database did not take it in time
            return web.Response(status=NOT_STORED_STATUS, text="not stored, try again")
        if response.status >= 500:  # bolt's answer to a body it could not handle
            return refuse(400, "bolt could not handle the request")
        return await to_aiohttp_response(response)

    return slack_events


def bolt_request(request: web.Request, body: dict) -> AsyncBoltRequest:
    """The request for bolt with the body the guard already read and checked. Bolt takes a
    parsed body only in its Socket Mode form; that form also skips bolt's own signature check,
    which the guard has done. Reading it again cost the ack time, and bolt's own reading drops
    a slash command whose text holds the word "payload" (its body becomes empty)."""
    return AsyncBoltRequest(
        body=body,
        query=request.query_string,
        headers=request.headers,  # type: ignore[arg-type] - a mapping, as bolt's own adapter
        mode="socket_mode",
    )


def oauth_handlers(bolt: AsyncApp):
    flow = bolt.oauth_flow

    async def install(request: web.Request) -> web.Response:
        bolt_request = await to_bolt_request(request)
        return await to_aiohttp_response(await flow.handle_installation(bolt_request))

    async def redirect(request: web.Request) -> web.Response:
        bolt_request = await to_bolt_request(request)
        return await to_aiohttp_response(await flow.handle_callback(bolt_request))

    return install, redirect


def socket_mode_lifecycle(bolt: AsyncApp, settings):
    async def socket_mode(app: web.Application):
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        handler = AsyncSocketModeHandler(
            bolt, settings.slack_app_token, web_client=web_client(settings)
        )
        await handler.connect_async()
        yield
        await handler.close_async()

    return socket_mode


def _keep_payloads_out_of_logs() -> None:
    # At DEBUG, bolt and slack_sdk log whole request and response bodies: a modal submission
    # holds both the user id and the text of an anonymous note. Never below INFO for them.
    # Set on the loggers themselves, not only when the level is low now: a root level lowered
    # after the mount must not reach them either.
    for name in ("slack_bolt", "slack_sdk"):
        logger = logging.getLogger(name)
        if logger.level < logging.INFO:  # NOTSET (0) follows the root: pin it
            logger.setLevel(logging.INFO)


def shared_http_session(bolt: AsyncApp):
    """One pooled aiohttp session for every Web API call. Without it slack_sdk opens a new
    session and connection per call, which costs the event loop more than the ack itself.
    Bolt hands the app client's session to each request's client."""

    async def http_session(app: web.Application):
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        bolt.client.session = session
        yield
        bolt.client.session = None
        await session.close()

    return http_session


def mount_slack(
    app: web.Application, settings: SlackSettings, services: Services
) -> tuple[ChannelStatus, SlackBridge | None]:
    """Slack's routes and lifecycle on `app`, its status, and the bridge (None when off)."""
    problem = missing_configuration(settings)
    if problem:
        return ChannelStatus("Slack", False, problem), None
    _keep_payloads_out_of_logs()
    socket_mode = bool(settings.slack_app_token)
    bolt, bridge = build_bolt_app(settings, services, socket_mode=socket_mode)
    app[SLACK_APP_KEY] = bolt
    app.on_shutdown.append(lambda _app: bridge.drain())  # before the HTTP session closes
    app.cleanup_ctx.append(shared_http_session(bolt))
    if socket_mode:
        app.cleanup_ctx.append(socket_mode_lifecycle(bolt, settings))
        return ChannelStatus("Slack", True, "Socket Mode (SLACK_APP_TOKEN set)"), bridge
    guard = SlackGuard(settings.slack_signing_secret, services.store.engine)
    app.on_cleanup.append(guard.close)
    app.router.add_post(EVENTS_PATH, events_handler(bolt, guard))
    if bolt.oauth_flow is not None:
        install, redirect = oauth_handlers(bolt)
        app.router.add_get("/slack/install", install)
        app.router.add_get("/slack/oauth_redirect", redirect)
        reason = f"HTTP {EVENTS_PATH}, OAuth install at /slack/install"
        status = ChannelStatus("Slack", True, reason)
        return status, bridge
    status = ChannelStatus("Slack", True, f"HTTP {EVENTS_PATH}, one workspace (SLACK_BOT_TOKEN)")
    return status, bridge
