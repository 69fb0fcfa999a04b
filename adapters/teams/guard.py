"""When Teams runs at all, and what a request must look like before the SDK sees it.

Teams is off unless configured: with all three credentials it runs and calls only Microsoft's
service hosts; with none and `TEAMS_ALLOW_ANONYMOUS=true` it runs for local testing and calls
only this machine; otherwise `/api/messages` answers 404. A request the SDK would crash on
(not JSON, not an activity, a malformed invoke) is refused here with a 4xx and one log line:
no traceback, no payload in the log, nothing stored, nothing called.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from microsoft_agents.activity import Activity
from pydantic import ValidationError

from adapters.teams.service_urls import ServiceUrlPolicy, parse_extra_hosts

log = logging.getLogger("rasmus.teams")

CREDENTIALS = (
    ("teams_client_id", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"),
    ("teams_client_secret", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET"),
    ("teams_tenant_id", "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID"),
)
MAX_BODY = 1 << 20  # an activity is a few KB; a card submit with every field well under this


@dataclass(frozen=True)
class TeamsMode:
    active: bool
    anonymous: bool
    reason: str
    service_urls: ServiceUrlPolicy | None = None


def missing_credentials(settings) -> list[str]:
    return [variable for field, variable in CREDENTIALS if not getattr(settings, field)]


def service_url_policy(settings) -> ServiceUrlPolicy:
    """Raises ValueError for an unreadable TEAMS_EXTRA_SERVICE_HOSTS."""
    if missing_credentials(settings):
        return ServiceUrlPolicy(anonymous=True)
    return ServiceUrlPolicy(False, parse_extra_hosts(settings.teams_extra_service_hosts))


def teams_mode(settings) -> TeamsMode:
    missing = missing_credentials(settings)
    if missing and len(missing) < len(CREDENTIALS):
        return TeamsMode(False, False, f"credentials incomplete, not set: {', '.join(missing)}")
    if missing and not settings.teams_allow_anonymous:
        return TeamsMode(
            False,
            False,
            "no credentials (CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID, "
            "...__CLIENTSECRET, ...__TENANTID); TEAMS_ALLOW_ANONYMOUS=true for local testing",
        )
    try:
        policy = service_url_policy(settings)
    except ValueError as error:
        return TeamsMode(False, False, str(error))
    if missing:
        return TeamsMode(
            True, True, "ANONYMOUS local mode (TEAMS_ALLOW_ANONYMOUS): loopback only", policy
        )
    return TeamsMode(True, False, "credentials set", policy)


def refuse(status: int, why: str) -> web.Response:
    log.warning("refused a Teams request (%d): %s", status, why)
    return web.json_response({"error": why}, status=status)


async def teams_off(request: web.Request) -> web.Response:
    return refuse(404, "Teams is not configured on this server")


def _host(url: object) -> str:
    try:
        return (urlsplit(url).hostname or "") if isinstance(url, str) else ""
    except ValueError:
        return ""


def _invoke_error(status: int, code: str, message: str) -> web.Response:
    # An AdaptiveCardInvokeResponse with an error, as Teams expects an invoke to be answered.
    log.warning("answered a Teams invoke (%d): %s", status, code)
    body = {
        "statusCode": status,
        "type": "application/vnd.microsoft.error",
        "value": {"code": code, "message": message},
    }
    return web.json_response(body, status=status)


# The person's answer on an export's file consent card (adapters.teams.export sends the card).
CONSENT_INVOKE = "fileConsent/invoke"


def answer_invoke(activity: dict) -> web.Response | None:
    """RASMUS's cards use Action.Submit (a message); the one invoke that carries work for us is
    the answer on a file consent card (None: the agent takes it). The health check is
    answered; every other invoke gets a proper error instead of the SDK's crash on a malformed
    `adaptiveCard/action` (500 "Exception is not JSON serializable")."""
    name = activity.get("name")
    if name == CONSENT_INVOKE:
        value = activity.get("value")
        if isinstance(value, dict) and value.get("action") in ("accept", "decline"):
            return None
        return _invoke_error(400, "BadRequest", "not a file consent answer")
    if name == "healthCheck":
        return web.json_response({"healthResults": {"success": True}}, status=200)
    if name == "adaptiveCard/action":
        value = activity.get("value")
        action = value.get("action") if isinstance(value, dict) else None
        if not isinstance(action, dict) or action.get("type") != "Action.Execute":
            return _invoke_error(400, "BadRequest", "not an Action.Execute invoke")
        return _invoke_error(501, "NotImplemented", "RASMUS cards use Action.Submit")
    return _invoke_error(501, "NotImplemented", "this invoke is not supported")


async def screen_activity(request: web.Request, mode: TeamsMode, claims) -> web.Response | None:
    """A refusal for a request the bot must not act on; None when the SDK may take it."""
    if request.content_length is not None and request.content_length > MAX_BODY:
        return refuse(413, "body too large")
    raw = await request.read()  # aiohttp keeps it, so the SDK reads the same bytes again
    if len(raw) > MAX_BODY:
        return refuse(413, "body too large")
    try:
        activity = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return refuse(400, "body is not JSON")
    if not isinstance(activity, dict):
        return refuse(400, "body is not an activity object")
    conversation = activity.get("conversation")
    if (
        not isinstance(activity.get("type"), str)
        or not activity["type"]
        or not isinstance(conversation, dict)
        or not isinstance(conversation.get("id"), str)
        or not conversation["id"]
    ):
        return refuse(400, "activity without type or conversation id")
    service_url = activity.get("serviceUrl")
    if not mode.service_urls or not mode.service_urls.allows(service_url):
        return refuse(400, "serviceUrl missing or not allowed")
    claimed = None if mode.anonymous else claims.get_claim_value("serviceurl")
    if claimed and _host(claimed).casefold() != _host(service_url).casefold():
        return refuse(401, "serviceUrl differs from the token's")
    try:
        Activity.model_validate(activity)
    except (ValidationError, ValueError, TypeError):
        return refuse(400, "not a Bot Framework activity")
    if activity["type"] == "invoke":
        return answer_invoke(activity)
    return None


def quiet_sdk_validation_logs() -> None:
    # The SDK logs a traceback for every body it cannot read; a caller's garbage is refused
    # above with one line instead.
    logging.getLogger("microsoft_agents.activity.activity").setLevel(logging.CRITICAL)
