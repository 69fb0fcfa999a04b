"""Requests shaped and signed exactly as Slack sends them to a Request URL.

Signing follows Slack's v0 scheme: HMAC-SHA256 with the signing secret over
`v0:{timestamp}:{raw body}`, sent as `X-Slack-Signature: v0=<hex>` with
`X-Slack-Request-Timestamp`. Payload shapes follow Slack's documented examples.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

TEAM_ID = "T0FAKE001"
APP_ID = "A0RASMUS01"
BOT_USER_ID = "UBOT0RASMUS"
_counter = itertools.count(1)


@dataclass(frozen=True)
class SignedRequest:
    body: bytes
    headers: dict[str, str]


def sign(
    body: str, secret: str, timestamp: int | None = None, retry_num: int | None = None
) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{timestamp}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    headers = {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return headers


def form_request(fields: dict[str, str], secret: str, **sign_args) -> SignedRequest:
    body = urlencode(fields)
    headers = sign(body, secret, **sign_args)
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return SignedRequest(body.encode(), headers)


def json_request(payload: dict[str, Any], secret: str, **sign_args) -> SignedRequest:
    body = json.dumps(payload)
    headers = sign(body, secret, **sign_args)
    headers["Content-Type"] = "application/json"
    return SignedRequest(body.encode(), headers)


def _trigger_id() -> str:
    return f"{next(_counter)}.{int(time.time())}.abcdef{next(_counter):06d}"


def slash_command(
    text: str, user: str, channel: str, secret: str, team: str = TEAM_ID, **sign_args
) -> SignedRequest:
    fields = {
        "token": "legacy-verification-token",
        "team_id": team,
        "team_domain": "fake",
        "channel_id": channel,
        "channel_name": "team",
        "user_id": user,
        "user_name": user.lower(),
        "command": "/rasmus",
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": "https://hooks.slack.test/commands/T0/1/x",
        "trigger_id": _trigger_id(),
    }
    return form_request(fields, secret, **sign_args)


def _interaction_base(kind: str, user: str, channel: str | None, team: str) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "type": kind,
        "team": {"id": team, "domain": "fake"},
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": team},
        "api_app_id": APP_ID,
        "token": "legacy-verification-token",
        "trigger_id": _trigger_id(),
        "is_enterprise_install": False,
        "enterprise": None,
    }
    if channel:
        payload["channel"] = {"id": channel, "name": "team"}
    return payload


def block_action(
    action_id: str,
    value: str,
    user: str,
    channel: str,
    secret: str,
    message_ts: str = "1700000000.000001",
    ephemeral: bool = False,
    team: str = TEAM_ID,
    block_id: str = "b",
) -> SignedRequest:
    payload = _interaction_base("block_actions", user, channel, team)
    payload["container"] = {
        "type": "message",
        "message_ts": message_ts,
        "channel_id": channel,
        "is_ephemeral": ephemeral,
    }
    if not ephemeral:
        payload["message"] = {"type": "message", "ts": message_ts, "text": "", "blocks": []}
    payload["response_url"] = "https://hooks.slack.test/actions/T0/1/x"
    payload["actions"] = [
        {
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
            "type": "button",
            "action_ts": f"{time.time():.6f}",
        }
    ]
    return form_request({"payload": json.dumps(payload)}, secret)


def home_action(action_id: str, value: str, user: str, secret: str) -> SignedRequest:
    payload = _interaction_base("block_actions", user, None, TEAM_ID)
    payload["container"] = {"type": "view", "view_id": "VHOME0001"}
    payload["view"] = {"id": "VHOME0001", "type": "home", "private_metadata": ""}
    payload["actions"] = [
        {"action_id": action_id, "block_id": "b", "value": value, "type": "button"}
    ]
    return form_request({"payload": json.dumps(payload)}, secret)


def view_submission(
    callback_id: str,
    private_metadata: str,
    values: dict[str, dict[str, dict[str, Any]]],
    user: str,
    secret: str,
    view_id: str | None = None,
    team: str = TEAM_ID,
) -> SignedRequest:
    """`values` is Slack's view.state.values: {block_id: {action_id: {type, value...}}}."""
    payload = _interaction_base("view_submission", user, None, team)
    payload["view"] = {
        "id": view_id or f"V{next(_counter):08d}",
        "team_id": team,
        "type": "modal",
        "callback_id": callback_id,
        "private_metadata": private_metadata,
        "state": {"values": values},
        "hash": f"{time.time():.6f}.abc",
        "app_id": APP_ID,
        "bot_id": "BRASMUS01",
    }
    payload["response_urls"] = []
    return form_request({"payload": json.dumps(payload)}, secret)


def event_callback(
    event: dict[str, Any],
    secret: str,
    event_id: str | None = None,
    team: str = TEAM_ID,
    **sign_args,
) -> SignedRequest:
    payload = {
        "token": "legacy-verification-token",
        "team_id": team,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_counter):08d}",
        "event_time": int(time.time()),
        "authorizations": [
            {"enterprise_id": None, "team_id": team, "user_id": BOT_USER_ID, "is_bot": True}
        ],
        "is_ext_shared_channel": False,
    }
    return json_request(payload, secret, **sign_args)


def thread_reply(user: str, channel: str, text: str, ts: str, thread_ts: str) -> dict[str, Any]:
    return {
        "type": "message",
        "channel": channel,
        "user": user,
        "text": text,
        "ts": ts,
        "thread_ts": thread_ts,
        "parent_user_id": BOT_USER_ID,
        "channel_type": "channel",
        "event_ts": ts,
        "team": TEAM_ID,
    }


def message_changed(user: str, channel: str, text: str, ts: str, thread_ts: str) -> dict:
    edited_at = f"{time.time():.6f}"
    return {
        "type": "message",
        "subtype": "message_changed",
        "hidden": True,
        "channel": channel,
        "channel_type": "channel",
        "ts": edited_at,
        "event_ts": edited_at,
        "message": {
            "type": "message",
            "user": user,
            "text": text,
            "ts": ts,
            "thread_ts": thread_ts,
            "edited": {"user": user, "ts": edited_at},
        },
        "previous_message": {"type": "message", "user": user, "ts": ts, "thread_ts": thread_ts},
    }


def message_deleted(user: str, channel: str, ts: str, thread_ts: str) -> dict[str, Any]:
    deleted_at = f"{time.time():.6f}"
    return {
        "type": "message",
        "subtype": "message_deleted",
        "hidden": True,
        "channel": channel,
        "channel_type": "channel",
        "ts": deleted_at,
        "event_ts": deleted_at,
        "deleted_ts": ts,
        "previous_message": {"type": "message", "user": user, "ts": ts, "thread_ts": thread_ts},
    }


def app_home_opened(user: str) -> dict[str, Any]:
    return {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0HOME001",
        "tab": "home",
        "event_ts": f"{time.time():.6f}",
    }
