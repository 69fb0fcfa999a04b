"""`POST /api/messages` on the shared server: the Bot Framework token check, then the agent.

The token check guards this route only (as middleware it would block `/healthz` and Slack).
Any failure of the check is a 401: the SDK's validator raises a bare KeyError, not a JWT error,
for a token without a key id, which its own middleware turns into a 500.
"""

from __future__ import annotations

import logging
import warnings

from aiohttp import web
from aiohttp.web_exceptions import NotAppKeyWarning
from microsoft_agents.hosting.core.authorization import ClaimsIdentity, JwtTokenValidator
from pydantic import ValidationError

from adapters.chat.platform import Services
from adapters.chat.status import ChannelStatus
from adapters.teams.ack import close_ack, open_ack
from adapters.teams.agent import RasmusTeamsAgent
from adapters.teams.guard import (
    TeamsMode,
    quiet_sdk_validation_logs,
    refuse,
    screen_activity,
    teams_mode,
    teams_off,
)
from adapters.teams.sdk import TeamsSdk, build_sdk
from adapters.teams.settings import TeamsSettings
from adapters.teams.turns import TeamsTurns

log = logging.getLogger("rasmus.teams")

TEAMS_KEY = web.AppKey("teams_turns", TeamsTurns)

_BAR = "!" * 78
ANONYMOUS_WARNING = f"""
{_BAR}
!! Teams runs WITHOUT credentials (TEAMS_ALLOW_ANONYMOUS): any caller can post to
!! /api/messages; only loopback serviceUrls are answered. For local testing only. Set
!! CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID, ...__CLIENTSECRET and ...__TENANTID.
{_BAR}"""


async def verified_claims(request: web.Request, sdk: TeamsSdk) -> ClaimsIdentity | None:
    """The caller's identity from its Bot Framework token; None when it has no valid one."""
    if sdk.anonymous:
        return ClaimsIdentity({}, authentication_type="anonymous")
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        return None
    try:
        return await JwtTokenValidator(sdk.auth_configuration).validate_token(token)
    except Exception as error:  # noqa: BLE001 - every way a token can be bad means 401
        log.debug("token check failed: %s", type(error).__name__)  # the 401 logs one line
        return None


def messages_handler(sdk: TeamsSdk, agent: RasmusTeamsAgent, mode: TeamsMode):
    async def handle(request: web.Request) -> web.StreamResponse:
        claims = await verified_claims(request, sdk)
        if claims is None:
            return refuse(401, "no valid Bot Framework token")
        refusal = await screen_activity(request, mode, claims)
        if refusal is not None:
            return refusal
        with warnings.catch_warnings():
            # The SDK reads the identity under this plain string key.
            warnings.simplefilter("ignore", NotAppKeyWarning)
            request["claims_identity"] = claims
        ack, token = open_ack()
        try:
            answer = await sdk.adapter.process(request, agent)
        except ValidationError:  # a body that is JSON but no Bot Framework activity
            return refuse(400, "not an activity")
        except Exception as error:  # noqa: BLE001 - the last net: a caller never gets a 500
            return refuse(400, f"unreadable request ({type(error).__name__})")
        finally:
            close_ack(token)
        if not ack.stored:
            # Our storage failed, not the caller: a 5xx, and never an "OK" for something lost.
            return web.json_response(
                {"error": "not stored, try again"}, status=503, headers={"Retry-After": "2"}
            )
        return answer

    return handle


def mount_teams(
    app: web.Application,
    settings: TeamsSettings,
    services: Services,
    *,
    sdk: TeamsSdk | None = None,
) -> tuple[ChannelStatus, TeamsTurns | None]:
    mode = teams_mode(settings)
    if not mode.active:  # refused with a 404 that calls nothing and stores nothing
        app.router.add_post("/api/messages", teams_off)
        return ChannelStatus("Teams", False, mode.reason), None
    quiet_sdk_validation_logs()
    sdk = sdk or build_sdk(settings)
    turns = TeamsTurns(settings, services, sdk)
    agent = RasmusTeamsAgent(turns)
    app[TEAMS_KEY] = turns
    app.router.add_post("/api/messages", messages_handler(sdk, agent, mode))
    app.on_cleanup.append(lambda _app: turns.drain())
    app.on_cleanup.append(lambda _app: sdk.close())
    if sdk.anonymous:
        log.warning(ANONYMOUS_WARNING)
        # Said once above; the SDK would otherwise repeat "App ID is not provided" every turn.
        logging.getLogger(
            "microsoft_agents.hosting.core.connector.client.user_token_client"
        ).setLevel(logging.ERROR)
        return ChannelStatus("Teams", True, mode.reason), turns
    return ChannelStatus("Teams", True, f"POST /api/messages, bot id {sdk.app_id}"), turns
