"""inbox and outbox: acknowledged work waiting for a worker, replies waiting for the dispatcher

Revision ID: 0004
Revises: 0003_ss_ids
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003_ss_ids"
branch_labels = None
depends_on = None


def _text(length: int | None = None) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _time() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _shared_columns() -> list[sa.Column]:
    """Where the work belongs, and the claim a worker or dispatcher holds on it."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", _text(32), nullable=False),
        sa.Column("workspace", _text(255), nullable=False),
        sa.Column("channel", _text(255), nullable=False),
        sa.Column("payload", _text(), nullable=False),
        sa.Column("due_at", _time(), nullable=False),
        sa.Column("claimed_by", _text(128), nullable=True),
        sa.Column("claimed_until", _time(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", _text(2000), nullable=True),
        sa.Column("failed_at", _time(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "inbox",
        *_shared_columns(),
        sa.Column("enqueued_at", _time(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_inbox_channel", "inbox", ["platform", "workspace", "channel", "id"])
    op.create_index("ix_inbox_due", "inbox", ["due_at"])
    op.create_table(
        "outbox",
        *_shared_columns(),
        sa.Column("conversation", _text(600), nullable=False),
        sa.Column("recipient", _text(255), nullable=True),
        sa.Column("coalesce_key", _text(600), nullable=True),
        sa.Column("created_at", _time(), nullable=False),
        sa.Column("sent_at", _time(), nullable=True),
        sa.Column("sent_ref", _text(255), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_outbox_conversation", "outbox", ["conversation", "id"])
    unsent = sa.text("sent_at IS NULL AND failed_at IS NULL")
    op.create_index(
        "ix_outbox_unsent",
        "outbox",
        ["conversation", "id"],
        sqlite_where=unsent,
        postgresql_where=unsent,
    )
    op.create_index("ix_outbox_coalesce", "outbox", ["coalesce_key"])


def downgrade() -> None:
    op.drop_table("outbox")
    op.drop_table("inbox")
