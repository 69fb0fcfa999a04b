"""Whatever a caller sends to /slack/events gets a 4xx, never a 5xx: malformed signature
headers, and validly signed bodies that are no Slack request. Each refusal stores nothing,
calls nothing, and logs one line without a traceback or the payload."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time

import pytest

from tests.e2e.slack import slack_requests as sr
from tests.e2e.slack.conftest import SIGNING_SECRET


def signed(body: bytes, content_type: str = "application/x-www-form-urlencoded"):
    timestamp = str(int(time.time()))
    digest = hmac.new(
        SIGNING_SECRET.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256
    ).hexdigest()
    headers = {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        "Content-Type": content_type,
    }
    return sr.SignedRequest(body, headers)


def with_headers(**changes):
    request = sr.slash_command("start Rostering", "UANNE", "C0WORKSHOP", SIGNING_SECRET)
    headers = dict(request.headers)
    for name, value in changes.items():
        headers[name.replace("_", "-")] = value
    return sr.SignedRequest(request.body, headers)


UNSIGNED = {
    "timestamp abc": with_headers(X_Slack_Request_Timestamp="abc"),
    "timestamp 1.5": with_headers(X_Slack_Request_Timestamp="1.5"),
    "timestamp negative": with_headers(X_Slack_Request_Timestamp="-5"),
    "timestamp huge": with_headers(X_Slack_Request_Timestamp="9" * 40),
    "timestamp missing": with_headers(X_Slack_Request_Timestamp=""),
    "signature non-ASCII": with_headers(X_Slack_Signature="v0=" + "é" * 64),
    "signature short": with_headers(X_Slack_Signature="v0=abc"),
    "signature missing": with_headers(X_Slack_Signature=""),
}
SIGNED = {
    "bad JSON in payload=": signed(b"payload=%7Bnot+json"),
    "a JSON array in payload=": signed(b"payload=%5B1%2C2%5D"),
    "null in payload=": signed(b"payload=null"),
    "an empty payload=": signed(b"payload="),
    "an empty body": signed(b""),
    "invalid UTF-8": signed(b"payload=\xff\xfe\xfd"),
    "a JSON array body": signed(b"[1, 2]", "application/json"),
    "a JSON null body": signed(b"null", "application/json"),
    "a JSON string body": signed(b'"text"', "application/json"),
    "deeply nested JSON": signed(b"[" * 100000 + b"]" * 100000, "application/json"),
    "an interaction without user": signed(
        b"payload=" + json.dumps({"type": "block_actions", "actions": [{}]}).encode()
    ),
    "an event without event": signed(
        json.dumps({"type": "event_callback", "team_id": "T1"}).encode(), "application/json"
    ),
}


@pytest.mark.parametrize("case", list(UNSIGNED) + list(SIGNED))
async def test_a_request_that_is_no_slack_request_gets_a_4xx_and_one_log_line(
    slack, fake_slack, caplog, case
):
    caplog.set_level(logging.INFO)
    request = UNSIGNED.get(case) or SIGNED[case]
    response = await slack.send(request)
    await slack.server.drain()
    assert 400 <= response.status < 500
    if case in UNSIGNED:
        assert response.status == 401
    assert slack.workshop() is None
    # bolt may look up who it is (auth.test) for a signed object; nothing else is called
    assert [c.method for c in fake_slack.calls if c.method != "auth.test"] == []
    assert not any(record.exc_info for record in caplog.records)  # no traceback
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(loud) == 1 and "refused a Slack request" in loud[0].getMessage()
    assert "Rostering" not in caplog.text
