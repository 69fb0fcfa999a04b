"""followup: check-ins, their answers and learnings, agreements followed up, due work

- workshops: when the current step opened, the follow-up settings (offsets, posting time,
  answer window, anonymous threshold, late limit), whether check-ins come after `end`, and
  `wake_at` (indexed): when the workshop next has due work, for the scheduler;
- notes.actionable, prerequisites.met, agreements.done_at / checkin;
- checkins, checkin_answers, learnings (anonymous ones with empty author columns) and
  sent_keys (reminders and nudges that went out).

Revision ID: 0007_followup
Revises: 0006_gone
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0007_followup"
down_revision = "0006_gone"
branch_labels = None
depends_on = None


def _text(length: int | None = None) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=length)


def _time() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _workshop_key() -> list:
    return [
        sa.Column("workshop_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
    ]


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("step_opened_at", _time(), nullable=True))
        batch.add_column(
            sa.Column("followup_offsets", _text(255), nullable=False, server_default="1m,3m")
        )
        batch.add_column(
            sa.Column("followup_post_time", _text(8), nullable=False, server_default="09:00")
        )
        for name, default in (
            ("followup_window_days", "7"),
            ("followup_anonymous_threshold", "3"),
            ("followup_late_limit_days", "7"),
        ):
            batch.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default=default))
        batch.add_column(
            sa.Column("checkins_after_end", sa.Boolean(), nullable=False, server_default="1")
        )
        batch.add_column(sa.Column("wake_at", _time(), nullable=True))
        batch.create_index("ix_workshops_wake_at", ["wake_at"])
    with op.batch_alter_table("notes") as batch:
        batch.add_column(sa.Column("actionable", sa.Boolean(), nullable=False, server_default="0"))
    with op.batch_alter_table("prerequisites") as batch:
        batch.add_column(sa.Column("met", sa.Boolean(), nullable=True))
    with op.batch_alter_table("agreements") as batch:
        batch.add_column(sa.Column("done_at", _time(), nullable=True))
        batch.add_column(sa.Column("checkin", sa.Integer(), nullable=True))
    op.create_table(
        "checkins",
        *_workshop_key(),
        sa.Column("number", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("offset", _text(16), nullable=False),
        sa.Column("due_at", _time(), nullable=False),
        sa.Column("posted_at", _time(), nullable=True),
        sa.Column("closes_at", _time(), nullable=True),
        sa.Column("closed_at", _time(), nullable=True),
        sa.Column("missed", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "number"),
    )
    op.create_table(
        "checkin_answers",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("id", _text(32), nullable=False),
        *_workshop_key(),
        sa.Column("short_id", _text(16), nullable=False),
        sa.Column("checkin", sa.Integer(), nullable=False),
        sa.Column("circle", _text(32), nullable=False),
        sa.Column("rating", _text(16), nullable=False),
        sa.Column("comment", _text(2000), nullable=False),
        sa.Column("author_id", _text(255), nullable=True),
        sa.Column("author_name", _text(255), nullable=True),
        sa.Column("created_at", _time(), nullable=False),
        sa.Column("actionable", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("workshop_id", "short_id", name="uq_answers_short_id"),
    )
    op.create_index("ix_checkin_answers_workshop_id", "checkin_answers", ["workshop_id"])
    op.create_table(
        "learnings",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("id", _text(32), nullable=False),
        *_workshop_key(),
        sa.Column("short_id", _text(16), nullable=False),
        sa.Column("checkin", sa.Integer(), nullable=True),
        sa.Column("circle", _text(32), nullable=True),
        sa.Column("text", _text(2000), nullable=False),
        sa.Column("author_id", _text(255), nullable=True),
        sa.Column("author_name", _text(255), nullable=True),
        sa.Column("created_at", _time(), nullable=False),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("workshop_id", "short_id", name="uq_learnings_short_id"),
    )
    op.create_index("ix_learnings_workshop_id", "learnings", ["workshop_id"])
    op.create_table(
        "sent_keys",
        *_workshop_key(),
        sa.Column("key", _text(255), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("workshop_id", "key"),
    )


def downgrade() -> None:
    op.drop_table("sent_keys")
    op.drop_index("ix_learnings_workshop_id", table_name="learnings")
    op.drop_table("learnings")
    op.drop_index("ix_checkin_answers_workshop_id", table_name="checkin_answers")
    op.drop_table("checkin_answers")
    op.drop_table("checkins")
    with op.batch_alter_table("agreements") as batch:
        batch.drop_column("checkin")
        batch.drop_column("done_at")
    with op.batch_alter_table("prerequisites") as batch:
        batch.drop_column("met")
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("actionable")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_index("ix_workshops_wake_at")
        for name in (
            "wake_at",
            "checkins_after_end",
            "followup_late_limit_days",
            "followup_anonymous_threshold",
            "followup_window_days",
            "followup_post_time",
            "followup_offsets",
            "step_opened_at",
        ):
            batch.drop_column(name)
