"""Setting Slack up: which configuration starts it, the manifest, and the OAuth install page."""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp
from aiohttp import web

from adapters.slack.oauth import BOT_SCOPES, SignedStateStore
from bot.runtime import build_runtime
from bot.server import PLATFORMS_KEY, build_web_app, drain
from bot.wiring import build_platforms
from core.messages import Audience, Reply, Said
from core.model import ChannelKey
from tests.e2e.slack.conftest import slack_settings


def mount_slack(app, runtime):
    """Slack as the bootstrap builds it (the first platform in the wiring)."""
    slack = build_platforms(runtime)[0]
    assert slack.name == "Slack"
    return slack.mount(app)

MANIFEST = Path(__file__).resolve().parents[3] / "slack" / "manifest.yaml"


def _status(tmp_path, **overrides):
    runtime = build_runtime(slack_settings(tmp_path, "http://127.0.0.1:9/api/", **overrides))
    try:
        app = web.Application()
        return mount_slack(app, runtime), app
    finally:
        runtime.close()


def test_without_tokens_slack_is_off_and_says_which_variables_are_missing(tmp_path):
    status, app = _status(tmp_path, slack_bot_token="", slack_signing_secret="")
    assert not status.active
    assert "SLACK_SIGNING_SECRET" in status.reason and "SLACK_BOT_TOKEN" in status.reason
    assert not [r for r in app.router.routes() if "slack" in str(r.resource)]


def test_socket_mode_needs_the_bot_token_too(tmp_path):
    status, _ = _status(tmp_path, slack_bot_token="", slack_app_token="xapp-1")
    assert not status.active and "SLACK_BOT_TOKEN" in status.reason


def test_with_an_app_token_slack_connects_over_socket_mode_instead_of_http(tmp_path):
    status, app = _status(tmp_path, slack_app_token="xapp-1", slack_signing_secret="")
    assert status.active and "Socket Mode" in status.reason
    assert not [r for r in app.router.routes() if "/slack/events" in str(r.resource)]
    assert len(app.cleanup_ctx) == 2  # a pooled HTTP session; Socket Mode connects on start


def test_the_manifest_asks_for_every_scope_event_and_url_the_bot_uses():
    manifest = MANIFEST.read_text(encoding="utf-8")
    for scope in BOT_SCOPES:
        assert re.search(rf"^\s+- {re.escape(scope)}\b", manifest, re.M), scope
    for needed in (
        "command: /rasmus",
        "app_home_opened",
        "message.channels",
        "message.groups",
        "home_tab_enabled: true",
        "/slack/events",
        "/slack/oauth_redirect",
        "should_escape: true",
    ):
        assert needed in manifest, needed


async def test_oauth_offers_add_to_slack_at_slack_install(tmp_path):
    runtime = build_runtime(
        slack_settings(
            tmp_path,
            "http://127.0.0.1:9/api/",
            slack_bot_token="",
            slack_client_id="111.222",
            slack_client_secret="client-secret",
            slack_state_secret="state-secret",
            public_url="https://rasmus.example.org",
        )
    )
    app = web.Application()
    status = mount_slack(app, runtime)
    assert status.active and "OAuth" in status.reason
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/slack/install") as response:
                page = await response.text()
                assert response.status == 200
        assert "slack.com/oauth/v2/authorize" in page and "client_id=111.222" in page
        assert "redirect_uri=https://rasmus.example.org/slack/oauth_redirect" in page
    finally:
        await runner.cleanup()
        runtime.close()


async def test_the_oauth_state_is_accepted_once_signed_and_refused_when_tampered():
    store = SignedStateStore("secret", expiration_seconds=60)
    state = await store.async_issue()
    assert await store.async_consume(state)
    assert not await store.async_consume(state[:-1] + ("0" if state[-1] != "0" else "1"))
    assert not await SignedStateStore("other").async_consume(state)


async def test_over_socket_mode_a_slash_command_is_acked_and_answered(tmp_path, fake_slack):
    runtime = build_runtime(
        slack_settings(
            tmp_path, fake_slack.base_url, slack_app_token="xapp-1-test", slack_signing_secret=""
        )
    )
    app, statuses = build_web_app(runtime)  # with the worker that decides what is stored
    assert statuses[0].active
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()  # cleanup_ctx: connects with connect_async()
    try:
        await fake_slack.wait_for(lambda fake: fake.socket is not None, what="a connection")
        command = {
            "token": "x",
            "team_id": "T0FAKE001",
            "channel_id": "C0SOCKET",
            "user_id": "UANNE",
            "user_name": "anne",
            "command": "/rasmus",
            "text": "start Robot",
            "api_app_id": "A0RASMUS01",
            "trigger_id": "1.2.3",
            "response_url": "https://hooks.slack.test/x",
        }
        envelope_id = await fake_slack.send_envelope("slash_commands", command)
        await fake_slack.wait_for(
            lambda fake: any(a.get("envelope_id") == envelope_id for a in fake.socket_acks),
            what="the ack",
        )
        posted = await fake_slack.wait_for_calls("chat.postMessage", 2)
        assert posted[0].params["channel"] == "C0SOCKET"
        assert fake_slack.calls_to("apps.connections.open")[0].token == "xapp-1-test"
    finally:
        await runner.cleanup()  # disconnects
        runtime.close()


async def test_a_workspace_installs_through_oauth_and_its_commands_use_its_own_token(
    tmp_path, fake_slack
):
    from tests.e2e.slack import slack_requests as sr
    from tests.e2e.slack.conftest import SIGNING_SECRET

    runtime = build_runtime(
        slack_settings(
            tmp_path,
            fake_slack.base_url,
            slack_bot_token="",
            slack_client_id="111.222",
            slack_client_secret="client-secret",
            slack_state_secret="state-secret",
        )
    )
    app, _ = build_web_app(runtime)  # with the worker that decides what is stored
    slack = app[PLATFORMS_KEY][0]
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(base + "/slack/install") as response:
                state = re.search(r"state=([^&\"]+)", await response.text())[1]
            headers = {"Cookie": f"slack-app-oauth-state={state}"}
            url = f"{base}/slack/oauth_redirect?code=abc&state={state}"
            async with session.get(url, headers=headers) as response:
                assert response.status == 200, await response.text()
            request = sr.slash_command(
                "start Robot", "UANNE", "C0OTHER", SIGNING_SECRET, team="T0OTHER01"
            )
            async with session.post(
                base + "/slack/events", data=request.body, headers=request.headers
            ) as response:
                assert response.status == 200
        posted = await fake_slack.wait_for_calls("chat.postMessage", 2)
        assert {call.token for call in posted} == {"xoxb-installed-abc"}
        # A later reply, with no request to answer, finds the workspace's installation too.
        await drain(app)
        fake_slack.forget()
        later = Reply(Audience.CHANNEL, Said("language_set"), "en")
        await slack.deliver(ChannelKey("slack", "T0OTHER01", "C0OTHER"), [later])
        assert [c.token for c in fake_slack.calls_to("chat.postMessage")] == [
            "xoxb-installed-abc"
        ]
    finally:
        await runner.cleanup()
        runtime.close()
