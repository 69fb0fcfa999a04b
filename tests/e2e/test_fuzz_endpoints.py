"""Fuzzing both endpoints of the running server: whatever a caller sends to `/slack/events` or
`/api/messages` is answered below 500 and logs no traceback.

The server (Slack against a fake Web API, Teams in local anonymous mode against a fake
connector) runs on port 0 in a thread of its own; hypothesis sends real HTTP requests to it.
Slack bodies are also sent validly signed, so the fuzzing reaches past the signature check.
Derandomized with bounded example counts, so CI sees the same examples every run, quickly.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import http.client
import json
import logging
import threading
import time
from urllib.parse import quote

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.teams.mount import TEAMS_KEY
from bot.runtime import build_runtime
from bot.server import PLATFORMS_KEY, build_web_app
from tests.e2e.slack.conftest import SIGNING_SECRET, slack_settings
from tests.e2e.slack.fake_slack import FakeSlack
from tests.e2e.teams.fake_connector import FakeConnector

FUZZ = settings(
    max_examples=60,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


class Tracebacks(logging.Handler):
    """Collects every log record that carries a traceback."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info or record.stack_info or "Traceback" in record.getMessage():
            self.found.append(f"{record.name}: {record.getMessage()[:200]}")


class ServerThread:
    """The real server and its fakes on an event loop in a thread of their own."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=60)

    async def _start(self):
        self.slack = FakeSlack(users={"UANNE": "Anne"})
        await self.slack.start()
        self.connector = FakeConnector()
        await self.connector.start()
        self.runtime = build_runtime(
            slack_settings(
                self.tmp_path,
                self.slack.base_url,
                teams_allow_anonymous=True,
                teams_client_id="",
                teams_client_secret="",
                teams_tenant_id="",
            )
        )
        self.app, _ = build_web_app(self.runtime)
        self.runner = web.AppRunner(self.app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def _stop(self):
        for platform in self.app[PLATFORMS_KEY]:
            if platform.name == "Slack":
                await platform.drain()  # the acknowledged work itself, never a quiet spell
        await self.app[TEAMS_KEY].drain()
        await self.runner.cleanup()
        await self.connector.stop()
        await self.slack.stop()
        self.runtime.close()

    def __enter__(self):
        self.thread.start()
        self.run(self._start())
        return self

    def __exit__(self, *_):
        self.run(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> int:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            return response.status
        finally:
            connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    handler = Tracebacks()
    logging.getLogger().addHandler(handler)
    try:
        with ServerThread(tmp_path_factory.mktemp("fuzz")) as running:
            running.tracebacks = handler
            yield running
        assert handler.found == [], handler.found  # also what listeners logged after the ack
    finally:
        logging.getLogger().removeHandler(handler)


def answered_without_5xx_or_traceback(server: ServerThread, path: str, body: bytes, headers):
    before = len(server.tracebacks.found)
    status = server.post(path, body, headers)
    assert status < 500, (status, body[:200], headers)
    assert server.tracebacks.found[before:] == [], (body[:200], headers)


# -- strategies -------------------------------------------------------------------------------

header_text = st.text(
    st.characters(codec="latin-1", exclude_categories=["Cc"]), max_size=80
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
content_types = st.sampled_from(
    ["application/json", "application/x-www-form-urlencoded", "text/plain", ""]
)
SLACK_TYPES = ["block_actions", "view_submission", "view_closed", "event_callback",
               "url_verification", "shortcut", "block_suggestion", "app_rate_limited"]
slack_objects = st.fixed_dictionaries(
    {"type": st.sampled_from(SLACK_TYPES)},
    optional={
        field: json_values
        for field in ("user", "actions", "team", "channel", "container", "view", "event",
                      "trigger_id", "enterprise", "authorizations", "challenge", "team_id")
    },
)
slash_fields = st.dictionaries(
    st.sampled_from(["command", "team_id", "channel_id", "user_id", "text", "trigger_id",
                     "payload", "ssl_check", "token"]),
    st.text(max_size=30),
    max_size=9,
)


def slack_body(draw_from) -> st.SearchStrategy[tuple[bytes, str]]:
    return st.one_of(
        st.tuples(st.binary(max_size=300), content_types),
        st.tuples(json_values.map(lambda v: json.dumps(v).encode()), content_types),
        st.tuples(
            draw_from.map(lambda v: b"payload=" + quote(json.dumps(v)).encode()),
            st.just("application/x-www-form-urlencoded"),
        ),
        st.tuples(draw_from.map(lambda v: json.dumps(v).encode()), st.just("application/json")),
        st.tuples(
            slash_fields.map(lambda f: "&".join(f"{k}={quote(v)}" for k, v in f.items()).encode()),
            st.just("application/x-www-form-urlencoded"),
        ),
    )


def sign(body: bytes, timestamp: str) -> str:
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(SIGNING_SECRET.encode(), base, hashlib.sha256).hexdigest()


# -- properties -------------------------------------------------------------------------------


@FUZZ
@given(
    body=st.binary(max_size=400),
    headers=st.dictionaries(
        st.sampled_from(["X-Slack-Request-Timestamp", "X-Slack-Signature", "Content-Type",
                         "X-Slack-Retry-Num"]),
        header_text,
    ),
)
def test_random_slack_requests_get_no_5xx_and_log_no_traceback(server, body, headers):
    answered_without_5xx_or_traceback(server, "/slack/events", body, headers)


@FUZZ
@given(shaped=slack_body(json_values | slack_objects), skew=st.sampled_from([0, -60, 400]))
def test_validly_signed_random_slack_bodies_get_no_5xx_and_log_no_traceback(
    server, shaped, skew
):
    body, content_type = shaped
    timestamp = str(int(time.time()) - skew)
    headers = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": sign(body, timestamp)}
    if content_type:
        headers["Content-Type"] = content_type
    answered_without_5xx_or_traceback(server, "/slack/events", body, headers)


@FUZZ
@given(
    body=st.one_of(st.binary(max_size=400), json_values.map(lambda v: json.dumps(v).encode())),
    content_type=content_types,
    authorization=st.none() | header_text,
)
def test_random_teams_requests_get_no_5xx_and_log_no_traceback(
    server, body, content_type, authorization
):
    headers = {"Content-Type": content_type} if content_type else {}
    if authorization is not None:
        headers["Authorization"] = authorization
    answered_without_5xx_or_traceback(server, "/api/messages", body, headers)


TEAMS_TYPES = ["message", "invoke", "conversationUpdate", "installationUpdate",
               "messageUpdate", "messageDelete", "event", "typing", ""]


@FUZZ
@given(data=st.data())
def test_random_teams_activities_get_no_5xx_and_log_no_traceback(server, data):
    service_url = data.draw(
        st.sampled_from([server.connector.url, "http://10.0.0.1/", "", None])
        | json_values, label="serviceUrl",
    )
    activity = data.draw(
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(TEAMS_TYPES) | json_values,
                "conversation": st.fixed_dictionaries({"id": st.text(max_size=20)})
                | json_values,
            },
            optional={
                field: json_values
                for field in ("name", "value", "from", "recipient", "channelData", "entities",
                              "text", "id", "membersAdded", "action", "replyToId", "locale")
            },
        ),
        label="activity",
    )
    if service_url is not None:
        activity["serviceUrl"] = service_url
    body = json.dumps(activity).encode()
    headers = {"Content-Type": "application/json"}
    answered_without_5xx_or_traceback(server, "/api/messages", body, headers)
