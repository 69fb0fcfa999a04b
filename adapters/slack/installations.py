"""Slack installations (OAuth installs in many workspaces): the Slack adapter's own table.

One row per installed workspace (or Enterprise Grid org): the bot token and what it is for.
The table is created by the shared Alembic migrations (0002); `SLACK_METADATA` describes it,
apart from the workshop tables, so that adapters.persistence never imports Slack's SDK.
slack_sdk's own SQLAlchemy store is not used because its module imports SQLAlchemy's asyncio
layer, which needs greenlet, for nothing we use.
"""

from __future__ import annotations

from datetime import UTC, datetime

from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    delete,
    select,
)

SLACK_METADATA = MetaData()

SLACK_BOTS = Table(
    "slack_bots",
    SLACK_METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("client_id", String(32), nullable=False),
    Column("app_id", String(32), nullable=False),
    # Empty string rather than NULL, so the unique constraint holds for non-Grid workspaces.
    Column("enterprise_id", String(32), nullable=False, default=""),
    Column("team_id", String(32), nullable=False, default=""),
    Column("bot_token", String(200), nullable=False),
    Column("bot_id", String(32)),
    Column("bot_user_id", String(32)),
    Column("bot_scopes", String(1000)),
    Column("is_enterprise_install", Boolean, nullable=False, default=False),
    Column("installed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("client_id", "enterprise_id", "team_id", name="uq_slack_bots_workspace"),
)


class SqlBotStore:
    """Bot-only installation store (bolt's `installation_store_bot_only=True`)."""

    def __init__(self, client_id: str, engine: Engine):
        self.client_id = client_id
        self.engine = engine

    def _where(self, enterprise_id: str | None, team_id: str | None, is_enterprise: bool):
        table = SLACK_BOTS
        conditions = [
            table.c.client_id == self.client_id,
            table.c.enterprise_id == (enterprise_id or ""),
        ]
        if not is_enterprise:
            conditions.append(table.c.team_id == (team_id or ""))
        return conditions

    def save(self, installation: Installation) -> None:
        self.save_bot(installation.to_bot())

    def save_bot(self, bot: Bot) -> None:
        row = {
            "client_id": self.client_id,
            "app_id": bot.app_id or "",
            "enterprise_id": bot.enterprise_id or "",
            "team_id": bot.team_id or "",
            "bot_token": bot.bot_token,
            "bot_id": bot.bot_id,
            "bot_user_id": bot.bot_user_id,
            "bot_scopes": ",".join(bot.bot_scopes or []),
            "is_enterprise_install": bool(bot.is_enterprise_install),
            "installed_at": datetime.now(UTC),
        }
        with self.engine.begin() as connection:
            # A reinstall replaces the old token.
            connection.execute(
                delete(SLACK_BOTS).where(*self._where(bot.enterprise_id, bot.team_id, False))
            )
            connection.execute(SLACK_BOTS.insert().values(**row))

    def find_bot(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        is_enterprise_install: bool | None = False,
    ) -> Bot | None:
        query = (
            select(SLACK_BOTS)
            .where(*self._where(enterprise_id, team_id, bool(is_enterprise_install)))
            .order_by(SLACK_BOTS.c.installed_at.desc())
            .limit(1)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).mappings().first()
        if row is None:
            return None
        return Bot(
            app_id=row["app_id"],
            enterprise_id=row["enterprise_id"] or None,
            team_id=row["team_id"] or None,
            bot_token=row["bot_token"],
            bot_id=row["bot_id"],
            bot_user_id=row["bot_user_id"],
            bot_scopes=row["bot_scopes"],
            is_enterprise_install=row["is_enterprise_install"],
            installed_at=row["installed_at"].timestamp(),
        )

    def find_installation(
        self, *, enterprise_id, team_id, user_id=None, is_enterprise_install=False
    ):
        return None  # bot-only: no user tokens are kept

    def delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                delete(SLACK_BOTS).where(*self._where(enterprise_id, team_id, False))
            )

    def delete_installation(self, *, enterprise_id, team_id, user_id=None) -> None:
        self.delete_bot(enterprise_id=enterprise_id, team_id=team_id)


def installation_store(client_id: str, engine: Engine) -> SqlBotStore:
    return SqlBotStore(client_id, engine)
