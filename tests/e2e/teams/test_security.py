"""With credentials set, /api/messages accepts only valid Bot Framework tokens: anything else is
a 401 (never a 500) and stores nothing. /healthz stays open."""

from __future__ import annotations

import json
import time

import aiohttp
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.teams.mount import JwtTokenValidator  # the SDK's, as the endpoint uses it
from bot.runtime import build_runtime
from bot.server import build_web_app
from tests.e2e.teams.activities import channel_message
from tests.e2e.teams.conftest import serve, teams_settings

APP_ID = "3f1c2a9e-7b4d-4e8a-9c1f-0a2b3c4d5e6f"
SIGNING_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
async def secured(tmp_path, monkeypatch):
    # Tokens are checked against our own key, as if Microsoft's key set had served it.
    async def local_signing_key(_uri, header):
        _ = header["kid"]  # as the SDK's own lookup does: a KeyError for unsigned tokens
        return jwt.PyJWK.from_dict(
            json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(SIGNING_KEY.public_key()))
        )

    monkeypatch.setattr(JwtTokenValidator._jwk_client_manager, "get_signing_key", local_signing_key)
    runtime = build_runtime(
        teams_settings(
            tmp_path,
            teams_client_id=APP_ID,
            teams_client_secret="secret",
            teams_tenant_id="72f988bf-0000-0000-0000-000000000001",
        ),
        migrate=True,
    )
    app, statuses = build_web_app(runtime)
    runner, port = await serve(app)
    async with aiohttp.ClientSession() as session:
        yield session, f"http://127.0.0.1:{port}", runtime, statuses
    await runner.cleanup()
    runtime.close()


def signed(claims: dict, **header) -> str:
    return jwt.encode(claims, SIGNING_KEY, algorithm="RS256", headers={"kid": "k1", **header})


def bot_framework_claims(**changes) -> dict:
    now = int(time.time())
    claims = {
        "iss": "https://api.botframework.com",
        "aud": APP_ID,
        "iat": now - 60,
        "nbf": now - 60,
        "exp": now + 3600,
        "serviceurl": "http://127.0.0.1:9/",
    }
    claims.update(changes)
    return claims


UNSIGNED = jwt.encode(bot_framework_claims(), key=None, algorithm="none")

BAD_HEADERS = {
    "missing": None,
    "empty": "",
    "not a bearer": "Basic dXNlcjpwYXNz",
    "bearer without a token": "Bearer ",
    "two tokens": "Bearer abc def",
    "garbage token": "Bearer not.a.jwt",
    "unsigned token without a key id": f"Bearer {UNSIGNED}",
    "expired token": "Bearer " + signed(bot_framework_claims(exp=int(time.time()) - 3600)),
    "token for another bot": "Bearer " + signed(bot_framework_claims(aud="someone-else")),
    "token signed by another key": "Bearer "
    + jwt.encode(
        bot_framework_claims(),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        algorithm="RS256",
        headers={"kid": "k1"},
    ),
}


@pytest.mark.parametrize("case", list(BAD_HEADERS))
async def test_a_request_without_a_valid_token_gets_401_and_stores_nothing(secured, case):
    session, base, runtime, _ = secured
    headers = {} if BAD_HEADERS[case] is None else {"Authorization": BAD_HEADERS[case]}
    activity = channel_message("start Rostering", "http://127.0.0.1:9/")
    async with session.post(f"{base}/api/messages", json=activity, headers=headers) as answer:
        assert answer.status == 401
    assert runtime.store.workshops_of("msteams", "19:team@thread.tacv2", "29:anne") == []
    assert runtime.state.items("teams.channel_ref") == {}


async def test_health_checks_need_no_token_and_the_channel_reports_active(secured):
    session, base, _, statuses = secured
    async with session.get(f"{base}/healthz") as answer:
        assert answer.status == 200
    teams = next(s for s in statuses if s.name == "Teams")
    assert teams.active and "ANONYMOUS" not in teams.reason


async def test_without_credentials_the_server_says_loudly_it_runs_anonymously(tmp_path, caplog):
    runtime = build_runtime(teams_settings(tmp_path), migrate=True)
    try:
        _, statuses = build_web_app(runtime)
    finally:
        runtime.close()
    teams = next(s for s in statuses if s.name == "Teams")
    assert "ANONYMOUS" in teams.reason
    assert "WITHOUT credentials" in caplog.text


async def test_a_body_that_is_not_an_activity_is_a_client_error_not_a_server_error(tmp_path):
    runtime = build_runtime(teams_settings(tmp_path), migrate=True)  # anonymous mode
    app, _ = build_web_app(runtime)
    runner, port = await serve(app)
    try:
        async with aiohttp.ClientSession() as session:
            url = f"http://127.0.0.1:{port}/api/messages"
            for body in ("not json", json.dumps({"type": 7, "conversation": "x"}), "{}"):
                async with session.post(
                    url, data=body, headers={"Content-Type": "application/json"}
                ) as answer:
                    assert answer.status == 400
    finally:
        await runner.cleanup()
        runtime.close()
