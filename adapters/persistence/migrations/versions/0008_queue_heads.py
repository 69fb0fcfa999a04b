"""queue heads: indexes for inbox and outbox claims that stay flat however many rows wait

The outbox claim walks unsent rows in due order (ix_outbox_due) and keeps each that heads its
conversation, probing for a live claim in the conversation (ix_outbox_held); both are partial
indexes over rows still to send, so sent rows kept until purged cost them nothing. The inbox
claim probes a channel for a row in hand the same way (ix_inbox_held).

Revision ID: 0008_queue_heads
Revises: 0007_followup
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_queue_heads"
down_revision = "0007_followup"
branch_labels = None
depends_on = None

UNSENT = "sent_at IS NULL AND failed_at IS NULL"
HELD = "claimed_until IS NOT NULL AND " + UNSENT
INBOX_HELD = "claimed_until IS NOT NULL AND failed_at IS NULL"


def upgrade() -> None:
    op.create_index(
        "ix_inbox_held",
        "inbox",
        ["platform", "workspace", "channel"],
        sqlite_where=sa.text(INBOX_HELD),
        postgresql_where=sa.text(INBOX_HELD),
    )
    op.create_index(
        "ix_outbox_due",
        "outbox",
        ["due_at", "id"],
        sqlite_where=sa.text(UNSENT),
        postgresql_where=sa.text(UNSENT),
    )
    op.create_index(
        "ix_outbox_held",
        "outbox",
        ["conversation"],
        sqlite_where=sa.text(HELD),
        postgresql_where=sa.text(HELD),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_held", table_name="outbox")
    op.drop_index("ix_outbox_due", table_name="outbox")
    op.drop_index("ix_inbox_held", table_name="inbox")
