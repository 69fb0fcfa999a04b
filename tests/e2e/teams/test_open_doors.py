"""Teams is off unless configured, and a posted activity can never make the server call an
address of the caller's choosing (server-side request forgery through `serviceUrl`)."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from adapters.teams.mount import TEAMS_KEY
from bot.runtime import build_runtime
from bot.server import BACKGROUND_KEY, build_web_app
from tests.e2e.teams import test_security
from tests.e2e.teams.activities import channel_message
from tests.e2e.teams.conftest import serve, teams_settings
from tests.e2e.teams.fake_connector import FakeConnector
from tests.e2e.teams.test_security import bot_framework_claims, signed

secured = test_security.secured  # the server with credentials, shared as a fixture

CLIENT_ID = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID"
SECRET = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET"
TENANT = "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID"


@pytest.fixture
async def internal_admin():
    """A service on this machine that must never hear from the bot."""
    recorder = FakeConnector()
    await recorder.start()
    yield recorder
    await recorder.stop()


def admin_url(recorder: FakeConnector) -> str:
    return f"http://127.0.0.1:{recorder.port}/internal-admin/"


async def post_to(tmp_path, activity: dict, **settings) -> tuple[int, list, object]:
    runtime = build_runtime(teams_settings(tmp_path, **settings), migrate=True)
    app, statuses = build_web_app(runtime)
    runner, port = await serve(app)
    try:
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/api/messages"
            async with session.post(url, json=activity) as answer:
                status = answer.status
        if TEAMS_KEY in app:
            await app[TEAMS_KEY].drain()
            await app[BACKGROUND_KEY].drain()
    finally:
        await runner.cleanup()
    nothing_stored = (
        runtime.store.workshops_of("msteams", "19:team@thread.tacv2", "29:anne") == []
        and runtime.state.items("teams.channel_ref") == {}
    )
    runtime.close()
    return status, statuses, nothing_stored


def teams_status(statuses):
    return next(s for s in statuses if s.name == "Teams")


async def test_without_credentials_or_the_opt_in_teams_is_off_and_calls_no_service_url(
    tmp_path, internal_admin
):
    activity = channel_message("start Rostering", admin_url(internal_admin))
    status, statuses, nothing_stored = await post_to(
        tmp_path, activity, teams_allow_anonymous=False
    )
    assert status == 404
    assert internal_admin.received == []
    assert nothing_stored
    teams = teams_status(statuses)
    assert not teams.active and "TEAMS_ALLOW_ANONYMOUS" in teams.reason


@pytest.mark.parametrize(
    "given, missing",
    [
        ({"teams_client_id": "id"}, [SECRET, TENANT]),
        ({"teams_client_id": "id", "teams_client_secret": "s"}, [TENANT]),
        ({"teams_tenant_id": "t"}, [CLIENT_ID, SECRET]),
        ({"teams_client_secret": "s", "teams_tenant_id": "t"}, [CLIENT_ID]),
    ],
)
async def test_partial_credentials_keep_teams_off_and_name_exactly_what_is_missing(
    tmp_path, internal_admin, given, missing
):
    activity = channel_message("start Rostering", admin_url(internal_admin))
    # Even with the local opt-in: half a production setup must never fall back to anonymous.
    status, statuses, nothing_stored = await post_to(tmp_path, activity, **given)
    assert status == 404 and internal_admin.received == [] and nothing_stored
    teams = teams_status(statuses)
    assert not teams.active
    named = [name for name in (CLIENT_ID, SECRET, TENANT) if name in teams.reason]
    assert named == missing


async def test_with_credentials_an_internal_service_url_gets_400_and_is_never_called(
    secured, internal_admin
):
    session, base, runtime, _ = secured
    target = admin_url(internal_admin)
    token = signed(bot_framework_claims(serviceurl=target))  # a valid token naming it, even
    activity = channel_message("start Rostering", target)
    async with session.post(
        f"{base}/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
    ) as answer:
        assert answer.status == 400
    assert internal_admin.received == []
    assert runtime.store.workshops_of("msteams", "19:team@thread.tacv2", "29:anne") == []
    assert runtime.state.items("teams.channel_ref") == {}


async def test_with_credentials_a_token_for_another_service_url_gets_401(secured):
    session, base, runtime, _ = secured
    token = signed(bot_framework_claims(serviceurl="https://smba.trafficmanager.net/emea/"))
    activity = channel_message("start Rostering", "https://smba.infra.gcc.teams.microsoft.com/")
    async with session.post(
        f"{base}/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
    ) as answer:
        assert answer.status == 401
    assert runtime.state.items("teams.channel_ref") == {}


NOT_THIS_MACHINE = [
    "https://smba.trafficmanager.net/teams/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://127.0.0.1.nip.io/",
    "http://localhost@10.0.0.1/",
    "not a url",
    "",
    None,
    7,
]


@pytest.mark.parametrize("service_url", NOT_THIS_MACHINE)
async def test_in_anonymous_mode_a_service_url_off_this_machine_gets_400_and_one_log_line(
    tmp_path, caplog, service_url
):
    activity = channel_message("start Rostering", "http://127.0.0.1:9/")
    if service_url is None:
        del activity["serviceUrl"]
    else:
        activity["serviceUrl"] = service_url
    caplog.set_level(logging.INFO)
    status, _, nothing_stored = await post_to(tmp_path, activity)
    assert status == 400 and nothing_stored
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING and "refused" in r.message]
    assert len(loud) == 1
    assert not any(record.exc_info for record in caplog.records)  # no traceback
    assert "Rostering" not in caplog.text  # the payload stays out of the log


BAD_BODIES = {
    "not JSON": b"not json",
    "invalid UTF-8": b'{"type": "message\xff"}',
    "a JSON array": b"[1, 2]",
    "null": b"null",
    "an empty object": b"{}",
    "an empty body": b"",
    "a conversation that is a string": b'{"type": "message", "conversation": "x"}',
    "a sender that is a number": (
        b'{"type": "message", "conversation": {"id": "c"}, "from": 5,'
        b' "serviceUrl": "http://127.0.0.1:9/"}'
    ),
}


@pytest.mark.parametrize("case", list(BAD_BODIES))
async def test_a_body_that_is_no_activity_gets_400_with_one_log_line_and_no_traceback(
    tmp_path, caplog, case
):
    runtime = build_runtime(teams_settings(tmp_path), migrate=True)  # anonymous mode
    app, _ = build_web_app(runtime)
    runner, port = await serve(app)
    caplog.set_level(logging.INFO)
    caplog.clear()  # the start's own warning about anonymous mode is not this request's
    try:
        async with aiohttp.ClientSession() as session:
            async with session.post(
                f"http://127.0.0.1:{port}/api/messages",
                data=BAD_BODIES[case],
                headers={"Content-Type": "application/json"},
            ) as answer:
                assert answer.status == 400
    finally:
        await runner.cleanup()
        runtime.close()
    loud = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in loud] == ["rasmus.teams"] and "refused" in loud[0].getMessage()
    assert not any(record.exc_info for record in caplog.records)
