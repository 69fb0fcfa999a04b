"""The Microsoft 365 Agents SDK objects: credentials, the cloud adapter, the connector factory.

Everything that knows how the SDK is configured lives here, so a change of SDK version touches
one file. Without credentials the SDK's own `MsalConnectionManager` refuses to start ("No service
connection configuration provided"), so local mode uses an anonymous token provider instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import ClientError
from microsoft_agents.activity import Activity, ActivityEventNames, ActivityTypes, RoleTypes
from microsoft_agents.authentication.msal import MsalConnectionManager
from microsoft_agents.hosting.aiohttp import CloudAdapter
from microsoft_agents.hosting.core import RestChannelServiceClientFactory, TurnContext
from microsoft_agents.hosting.core.authorization import (
    AgentAuthConfiguration,
    AnonymousTokenProvider,
    ClaimsIdentity,
    ConnectionManager,
)
from microsoft_agents.hosting.core.connector import ConnectorClientBase

from adapters.teams.ack import mark_not_stored
from adapters.teams.guard import service_url_policy
from adapters.teams.pool import ConnectorPool
from adapters.teams.retry import RetryPolicy
from adapters.teams.service_urls import ServiceUrlPolicy, ServiceUrlRefused
from adapters.teams.settings import TeamsSettings
from core.texts import t

log = logging.getLogger("rasmus.teams")

CONTINUE_CONVERSATION = ActivityEventNames.continue_conversation


@dataclass
class TeamsSdk:
    adapter: CloudAdapter
    auth_configuration: AgentAuthConfiguration
    anonymous: bool
    app_id: str
    factory: RetryingClientFactory  # the adapter's: makes the connector clients, keeps them

    @property
    def pool(self) -> ConnectorPool:
        """The connector clients kept open; closed at shutdown."""
        return self.factory.pool

    async def close(self) -> None:
        await self.pool.close()

    def claims_for_proactive(self) -> ClaimsIdentity:
        """The identity proactive sends run under; anonymous locally, the bot's app id otherwise."""
        if self.anonymous:
            return ClaimsIdentity({}, authentication_type="anonymous")
        return self.adapter.create_claims_identity(self.app_id)

    async def proactive_context(self, continuation: Activity) -> TurnContext:
        """A turn context for sending without a turn, as `continue_conversation` sets it up
        (the identity, the pooled connector client), without the pipeline it then runs: RASMUS
        adds no middleware, and the dispatcher wants a failed send raised to it, not handed to
        the turn-error handler. The pipeline, its telemetry and its user-token client were a
        third of the CPU of every receipt the dispatcher sent."""
        if not continuation.service_url or continuation.conversation is None:
            raise ValueError("a conversation reference without a serviceUrl or conversation")
        claims = self.claims_for_proactive()
        audience = claims.get_token_audience()
        context = TurnContext(self.adapter, continuation, claims)
        context.turn_state[self.adapter.OAUTH_SCOPE_KEY] = audience
        context.turn_state[self.adapter.AGENT_IDENTITY_KEY] = claims
        connector = await self.factory.create_connector_client(
            context,
            claims,
            continuation.service_url,
            audience,
            use_anonymous=claims.allow_anonymous,
        )
        context.services.set(ConnectorClientBase, connector)
        return context


def is_proactive(context) -> bool:
    """A send without a turn: the SDK runs proactive work under a ContinueConversation event."""
    if context is None:
        return True
    activity = context.activity
    return activity.type == ActivityTypes.event and activity.name == CONTINUE_CONVERSATION


class RetryingClientFactory(RestChannelServiceClientFactory):
    """The SDK's factory with pooled clients (one HTTP session per service URL, kept open);
    answers inside a turn retry 429 and 5xx in place, proactive sends leave that to the
    dispatcher."""

    def __init__(self, connection_manager, policy: RetryPolicy, service_urls: ServiceUrlPolicy):
        super().__init__(connection_manager)
        self._service_urls = service_urls
        self.pool = ConnectorPool(policy)

    async def create_connector_client(
        self, context, claims_identity, service_url, audience, scopes=None, use_anonymous=False
    ):
        if not self._service_urls.allows(service_url):  # every send passes here, proactive too
            raise ServiceUrlRefused("serviceUrl outside the allowed hosts")
        recipient = context.activity.recipient if context is not None else None
        if context is not None and (
            context.activity.is_agentic_request()
            or (recipient is not None and recipient.role == RoleTypes.connector_user)
        ):  # not Teams: the SDK's own clients
            return await super().create_connector_client(
                context, claims_identity, service_url, audience, scopes, use_anonymous
            )
        provider = (
            self._ANONYMOUS_TOKEN_PROVIDER
            if use_anonymous
            else self._connection_manager.get_token_provider(claims_identity, service_url)
        )
        token = await provider.get_access_token(
            audience, scopes or claims_identity.get_token_scope()
        )
        return self.pool.connector(service_url, token, retrying=not is_proactive(context))

    async def create_user_token_client(self, context, claims_identity, use_anonymous=False):
        if not use_anonymous:  # RASMUS signs nobody in; kept as the SDK does it
            return await super().create_user_token_client(context, claims_identity, use_anonymous)
        return self.pool.user_token_client(
            claims_identity.get_app_id(), self._token_service_endpoint, ""
        )


async def log_turn_error(context, error: Exception) -> None:
    # The SDK's default sends "Exception caught : <details>" into the chat; people must not
    # see internals, and the details belong in the log.
    log.error("a Teams turn failed", exc_info=(type(error), error, error.__traceback__))
    if isinstance(error, ClientError):
        return  # the connector itself failed (after its retries): telling would fail the same
    # Failed on our side (the database, a bug) before the request was safely stored: the
    # endpoint answers 503, never "OK", and the person reads below that nothing was stored.
    mark_not_stored()
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
    factory = RetryingClientFactory(connections, policy, service_urls)
    adapter = CloudAdapter(channel_service_client_factory=factory)
    adapter.on_turn_error = log_turn_error
    return TeamsSdk(adapter, configuration, not has_credentials, settings.teams_client_id, factory)
