"""Installs in many workspaces: installations in our database, OAuth state signed, not stored.

slack_sdk's SQLAlchemy installation store is synchronous and uses our engine; bolt needs an
async store, so each call runs on the shared CoreRunner's threads. Its tables (slack_installations,
slack_bots) are described in adapters.slack.installations and created by migration.
The OAuth `state` is an HMAC over an expiry and a nonce with SLACK_STATE_SECRET, so no table
is needed for it; bolt also ties it to the browser with a cookie.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from functools import partial

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore

from adapters.chat.core_runner import CoreRunner
from adapters.slack.installations import installation_store

log = logging.getLogger("rasmus.slack.oauth")

BOT_SCOPES = (
    "commands",
    "chat:write",
    "channels:join",
    "channels:history",
    "groups:history",
    "users:read",
    "files:write",
    "im:write",
)


class ThreadedInstallationStore(AsyncInstallationStore):
    def __init__(self, sync_store, core: CoreRunner):
        self._store = sync_store
        self._core = core  # the one pool every platform calls synchronous work through

    @property
    def logger(self) -> logging.Logger:
        return log

    async def _run(self, method, **kwargs):
        return await self._core.run(partial(method, **kwargs))

    async def async_save(self, installation):
        await self._core.run(self._store.save, installation)

    async def async_save_bot(self, bot):
        await self._core.run(self._store.save_bot, bot)

    async def async_find_bot(self, *, enterprise_id, team_id, is_enterprise_install=False):
        return await self._run(
            self._store.find_bot,
            enterprise_id=enterprise_id,
            team_id=team_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_find_installation(
        self, *, enterprise_id, team_id, user_id=None, is_enterprise_install=False
    ):
        return await self._run(
            self._store.find_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
            is_enterprise_install=is_enterprise_install,
        )

    async def async_delete_bot(self, *, enterprise_id, team_id):
        await self._run(self._store.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id, team_id, user_id=None):
        await self._run(
            self._store.delete_installation,
            enterprise_id=enterprise_id,
            team_id=team_id,
            user_id=user_id,
        )


class SignedStateStore(AsyncOAuthStateStore):
    def __init__(self, secret: str, expiration_seconds: int = 600):
        self._secret = secret.encode()
        self.expiration_seconds = expiration_seconds

    @property
    def logger(self) -> logging.Logger:
        return log

    def _sign(self, payload: str) -> str:
        return hmac.new(self._secret, payload.encode(), hashlib.sha256).hexdigest()

    async def async_issue(self, *args, **kwargs) -> str:
        payload = f"{int(time.time()) + self.expiration_seconds}.{secrets.token_urlsafe(16)}"
        return f"{payload}.{self._sign(payload)}"

    async def async_consume(self, state: str) -> bool:
        payload, _, signature = state.rpartition(".")
        if not payload or not hmac.compare_digest(self._sign(payload), signature):
            return False
        expires = payload.split(".", 1)[0]
        return expires.isdigit() and int(expires) >= time.time()


def oauth_settings(settings, engine, core: CoreRunner) -> AsyncOAuthSettings:
    public = settings.public_url.rstrip("/")
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        redirect_uri=f"{public}/slack/oauth_redirect" if public else None,
        install_path="/slack/install",
        redirect_uri_path="/slack/oauth_redirect",
        installation_store=ThreadedInstallationStore(
            installation_store(settings.slack_client_id, engine), core
        ),
        installation_store_bot_only=True,
        state_store=SignedStateStore(settings.slack_state_secret or settings.slack_client_secret),
    )
