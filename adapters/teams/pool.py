"""Connector clients kept for the life of the process: one HTTP session per service URL.

The SDK builds a new connector client, user-token client and HTTP session for every turn and
every proactive send, and closes them after it; under load that was a large share of a note's
CPU (a fresh TCP connection and session each time). Here each (service URL, token, kind) gets
one client whose session stays open; the SDK's `close()` after a turn leaves it open, and the
pool closes everything when the server stops.

Two kinds: clients for answers inside a turn retry 429/5xx in place (the retry middleware);
clients for proactive sends do not, so the dispatcher waits out a 429 or backs off from a 5xx
without holding a connection or sending anything twice.
"""

from __future__ import annotations

import asyncio

from aiohttp import ClientSession
from microsoft_agents.hosting.core.connector.client import UserTokenClient
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from adapters.teams.retry import RetryPolicy, retrying_middleware

# MSAL renews the token about hourly: a client of the token before last is no longer in use.
TOKENS_KEPT = 2


class KeptConnectorClient(TeamsConnectorClient):
    async def close(self) -> None:
        """Left open for the next turn; `ConnectorPool.close` ends it."""

    async def close_for_good(self) -> None:
        await super().close()


class KeptUserTokenClient(UserTokenClient):
    async def close(self) -> None:
        """Left open for the next turn; `ConnectorPool.close` ends it."""

    async def close_for_good(self) -> None:
        await super().close()


class ConnectorPool:
    def __init__(self, policy: RetryPolicy):
        self.policy = policy  # also how a proactive send retries what is left in place
        self._connectors: dict[tuple[str, bool], list[tuple[str, KeptConnectorClient]]] = {}
        self._token_clients: dict[tuple[str, str, str], KeptUserTokenClient] = {}
        self.sessions_opened = 0  # for tests and the benchmark: stays flat under load

    def connector(self, service_url: str, token: str, *, retrying: bool) -> KeptConnectorClient:
        endpoint = service_url if service_url.endswith("/") else service_url + "/"
        kept = self._connectors.setdefault((endpoint, retrying), [])
        for known, client in kept:
            if known == token:
                return client
        middlewares = (retrying_middleware(self.policy),) if retrying else ()
        session = ClientSession(base_url=endpoint, middlewares=middlewares)
        self.sessions_opened += 1
        client = KeptConnectorClient(endpoint=endpoint, token=token, session=session)
        kept.append((token, client))
        if len(kept) > TOKENS_KEPT:
            _token, oldest = kept.pop(0)
            self._close_later(oldest)
        return client

    def user_token_client(self, app_id: str, endpoint: str, token: str) -> KeptUserTokenClient:
        key = (app_id, endpoint, token)
        client = self._token_clients.get(key)
        if client is None:
            self.sessions_opened += 1
            client = KeptUserTokenClient(app_id=app_id or None, endpoint=endpoint, token=token)
            self._token_clients[key] = client
        return client

    def _close_later(self, client: KeptConnectorClient) -> None:
        # A send may still be using it for a moment; a minute is far longer than one send.
        loop = asyncio.get_running_loop()
        loop.call_later(60, lambda: loop.create_task(client.close_for_good()))

    async def close(self) -> None:
        for kept in self._connectors.values():
            for _token, client in kept:
                await client.close_for_good()
        for client in self._token_clients.values():
            await client.close_for_good()
        self._connectors.clear()
        self._token_clients.clear()
