"""The Microsoft 365 Agents SDK objects: credentials, the cloud adapter, the connector factory.

Everything that knows how the SDK is configured lives here, so a change of SDK version touches
one file. Without credentials the SDK's own `MsalConnectionManager` refuses to start ("No service
connection configuration provided"), so local mode uses an anonymous token provider instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import ClientError, ClientSession
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import RestChannelServiceClientFactory
from microsoft_agents.hosting.core.authorization import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ClaimsIdentity,
    ConnectionManager,
)
from microsoft_agents.hosting.core.connector.teams import TeamsConnectorClient

from adapters.teams.guard import service_url_policy
from adapters.teams.retry import RetryPolicy, retrying_middleware
from adapters.teams.service_urls import ServiceUrlPolicy, ServiceUrlRefused
from adapters.teams.settings import TeamsSettings
from core.texts import t

log = logging.getLogger("rasmus.teams")


@dataclass
class TeamsSdk:
    adapter: CloudAdapter
    auth_configuration: AgentAuthConfiguration
    anonymous: bool
    app_id: str

    def claims_for_proactive(self) -> ClaimsIdentity:
        """The identity proactive sends run under; anonymous locally, the bot's app id otherwise."""
        if self.anonymous:
            return ClaimsIdentity({}, authentication_type="anonymous")
        return self.adapter.create_claims_identity(self.app_id)


class RetryingClientFactory(RestChannelServiceClientFactory):
    """The SDK's factory, with each connector client's HTTP session retrying 429 and 5xx."""

    def __init__(self, connection_manager, policy: RetryPolicy, service_urls: ServiceUrlPolicy):
        super().__init__(connection_manager)
        self._policy = policy
        self._service_urls = service_urls

    async def create_connector_client(
        self, context, claims_identity, service_url, audience, scopes=None, use_anonymous=False
    ):
        if not self._service_urls.allows(service_url):  # every send passes here, proactive too
            raise ServiceUrlRefused("serviceUrl outside the allowed hosts")
        plain = await super().create_connector_client(
            context, claims_identity, service_url, audience, scopes, use_anonymous
        )
        if type(plain) is not TeamsConnectorClient:
            return plain
        # The SDK builds its session without middlewares; rebuild it with ours, same token.
        token = plain.client.headers.get("Authorization", "").removeprefix("Bearer ")
        await plain.close()
        endpoint = service_url if service_url.endswith("/") else service_url + "/"
        session = ClientSession(base_url=endpoint, middlewares=(retrying_middleware(self._policy),))
        return TeamsConnectorClient(endpoint=service_url, token=token, session=session)


async def log_turn_error(context, error: Exception) -> None:
    # The SDK's default sends "Exception caught : <details>" into the chat; people must not
    # see internals, and the details belong in the log.
    log.error("a Teams turn failed", exc_info=(type(error), error, error.__traceback__))
    if isinstance(error, ClientError):
        return  # the connector itself failed (after its retries): telling would fail the same
    try:  # the person still learns that nothing was stored and that trying again is fine
        await context.send_activity(
            t("something_wrong", "da") + "\n\n" + t("something_wrong", "en")
        )
    except Exception:  # noqa: BLE001 - the connector itself may be what failed
        log.warning("could not tell the person that the turn failed")


def build_sdk(settings: TeamsSettings, policy: RetryPolicy | None = None) -> TeamsSdk:
    policy = policy or RetryPolicy()
    service_urls = service_url_policy(settings)
    has_credentials = not service_urls.anonymous  # all three credentials
    if has_credentials:
        configuration = AgentAuthConfiguration(
            client_id=settings.teams_client_id,
            client_secret=settings.teams_client_secret,
            tenant_id=settings.teams_tenant_id or None,
        )
        connections = MsalConnectionManager(
            connections_configurations={"SERVICE_CONNECTION": configuration}
        )
    else:
        configuration = AgentAuthConfiguration(anonymous_allowed=True)
        connections = ConnectionManager(
            provider_factory=lambda _config: AnonymousTokenProvider(),
            connections_configurations={"SERVICE_CONNECTION": configuration},
        )
    adapter = CloudAdapter(
        channel_service_client_factory=RetryingClientFactory(connections, policy, service_urls)
    )
    adapter.on_turn_error = log_turn_error
    return TeamsSdk(adapter, configuration, not has_credentials, settings.teams_client_id)
