"""gone: workshops numbered per channel, export pacing, platform state scoped for deletion

- workshops.number: the channel's first workshop is 1, the next 2 (existing rows numbered by
  their start, per channel), so a closed workshop can be named beside a new one;
- export_marks: when a person (hashed per workshop) last took a report, to pace exports;
- platform_state.channel_scope / workshop_id: what a row is about, so deleting a workshop
  deletes its rows in the same transaction. Rows written before learn it here; a Teams report
  still waiting for consent does not say its workshop, so it is dropped (the person is told
  "no longer available" if they answer; offers last a day anyway).

Revision ID: 0006_gone
Revises: 0004_wall
"""

import hashlib
import json

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006_gone"
down_revision = "0004_wall"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("number", sa.Integer(), server_default="1", nullable=False))
    # Both dialects speak window functions (SQLite since 3.25).
    op.execute(
        "UPDATE workshops SET number = (SELECT n FROM (SELECT id, ROW_NUMBER() OVER ("
        "PARTITION BY platform, workspace, channel ORDER BY created_at) AS n FROM workshops) "
        "AS ranked WHERE ranked.id = workshops.id)"
    )
    op.create_table(
        "export_marks",
        sa.Column("workshop_id", sa.String(length=32), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workshop_id", "who"),
    )
    with op.batch_alter_table("platform_state") as batch:
        batch.add_column(
            sa.Column("channel_scope", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch.add_column(
            sa.Column("workshop_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch.create_index("ix_platform_state_channel_scope", ["channel_scope"])
        batch.create_index("ix_platform_state_workshop_id", ["workshop_id"])
    _tag_existing_rows()


def _scope(platform: str, workspace: str, channel: str) -> str:
    # As adapters.persistence.state.channel_scope (copied: a migration must not change later).
    return hashlib.sha256("\x1f".join((platform, workspace, channel)).encode()).hexdigest()


def _about(namespace: str, key: str, raw: str) -> tuple[str | None, str | None]:
    """(channel_scope, workshop_id) of a row the chat kit, Slack or Teams wrote before 0006."""
    value = json.loads(raw) if raw.startswith("{") else {}
    if namespace == "chat.circle_message":  # platform|workshop|step|circle -> {w, c, id}
        platform, workshop_id, _step, _circle = key.split("|", 3)
        return _scope(platform, value.get("w", ""), value.get("c", "")), workshop_id
    if namespace == "chat.thread":  # platform|workspace|channel|message -> {w: workshop, ...}
        platform, workspace, channel, _message = key.split("|", 3)
        return _scope(platform, workspace, channel), value.get("w")
    if namespace == "slack.pending_colour":
        return _scope("slack", value.get("team", ""), value.get("channel", "")), None
    if namespace == "teams.channel_ref":
        workspace, channel = key.split("|", 1)
        return _scope("msteams", workspace, channel), None
    return None, None  # a person's own reference, member names: about no workshop


def _tag_existing_rows() -> None:
    """Rows written before this revision learn what they are about, so a delete finds them."""
    state = sa.table(
        "platform_state",
        sa.column("namespace"),
        sa.column("key"),
        sa.column("value"),
        sa.column("channel_scope"),
        sa.column("workshop_id"),
    )
    bind = op.get_bind()
    bind.execute(state.delete().where(state.c.namespace == "teams.export"))
    for namespace, key, raw in bind.execute(
        sa.select(state.c.namespace, state.c.key, state.c.value)
    ).all():
        try:
            scope, workshop_id = _about(namespace, key, raw or "")
        except (ValueError, TypeError):  # a key of another shape: leave it untagged
            continue
        if scope is None and workshop_id is None:
            continue
        bind.execute(
            state.update()
            .where(state.c.namespace == namespace, state.c.key == key)
            .values(channel_scope=scope, workshop_id=workshop_id)
        )


def downgrade() -> None:
    with op.batch_alter_table("platform_state") as batch:
        batch.drop_index("ix_platform_state_workshop_id")
        batch.drop_index("ix_platform_state_channel_scope")
        batch.drop_column("workshop_id")
        batch.drop_column("channel_scope")
    op.drop_table("export_marks")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("number")
