"""SQLModel tables. They stay here and map to core types in `store.py`; the core never sees them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, DateTime, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel


class AwareDateTime(TypeDecorator):
    """Times go in and come out aware in UTC; SQLite alone would hand them back naive."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetimes are refused: pass an aware time")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _aware(**kwargs) -> Column:
    return Column(AwareDateTime(), **kwargs)


def _workshop_fk() -> Column:
    return Column(
        String(32), ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True
    )


class WorkshopRow(SQLModel, table=True):
    __tablename__ = "workshops"
    __table_args__ = (
        # One open workshop per channel; closed ones stay readable beside a new one.
        Index(
            "uq_workshops_open_channel",
            "platform",
            "workspace",
            "channel",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
        Index("ix_workshops_channel", "platform", "workspace", "channel"),
    )

    id: str = Field(primary_key=True, max_length=32)
    platform: str = Field(max_length=32)
    workspace: str = Field(max_length=255)
    channel: str = Field(max_length=255)
    technology: str = Field(max_length=200)
    started_by_id: str = Field(max_length=255)
    started_by_name: str = Field(default="", max_length=255)
    created_at: datetime = Field(sa_column=_aware(nullable=False))
    step: str = Field(max_length=32)
    language: str = Field(max_length=8)
    timezone: str = Field(max_length=64)
    rollout: date | None = None
    closed_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    closed_from: str | None = Field(default=None, max_length=32)  # where `reopen` goes back to
    show_names: bool = True  # `names off`: the wall and the board show no authors
    # Bumped by every change, so a process can trust its cached copy while this matches.
    version: int = 0
    # The channel's first workshop is 1, the next 2: `eksport 1` names a closed one.
    number: int = Field(default=1, sa_column_kwargs={"server_default": "1"})
    step_opened_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    # core.model.FollowUpSettings, one column each; offsets comma-separated ("" plans none).
    followup_offsets: str = Field(
        default="1m,3m", max_length=255, sa_column_kwargs={"server_default": "1m,3m"}
    )
    followup_post_time: str = Field(
        default="09:00", max_length=8, sa_column_kwargs={"server_default": "09:00"}
    )
    followup_window_days: int = Field(default=7, sa_column_kwargs={"server_default": "7"})
    followup_anonymous_threshold: int = Field(default=3, sa_column_kwargs={"server_default": "3"})
    followup_late_limit_days: int = Field(default=7, sa_column_kwargs={"server_default": "7"})
    checkins_after_end: bool = Field(default=True, sa_column_kwargs={"server_default": "1"})
    # When the workshop next has due work (core.followup.next_wakeup); the scheduler looks
    # for rows whose time has come and clears it as it hands the core a Tick.
    wake_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True, index=True))


class FacilitatorRow(SQLModel, table=True):
    __tablename__ = "facilitators"

    workshop_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
        )
    )
    user_id: str = Field(primary_key=True, max_length=255)
    position: int = 0


class NoteRow(SQLModel, table=True):
    __tablename__ = "notes"
    __table_args__ = (UniqueConstraint("workshop_id", "short_id", name="uq_notes_short_id"),)

    id: str = Field(primary_key=True, max_length=32)
    workshop_id: str = Field(sa_column=_workshop_fk())
    short_id: str = Field(max_length=16)
    circle: str = Field(max_length=32)
    colour: str = Field(max_length=16)
    step: str = Field(max_length=32)
    text: str = Field(max_length=2000)
    # Anonymous notes leave both author columns and source_ref empty: no id, no hash.
    author_id: str | None = Field(default=None, max_length=255)
    author_name: str | None = Field(default=None, max_length=255)
    code_hash: str | None = Field(default=None, max_length=64)
    source_ref: str | None = Field(default=None, max_length=255, index=True)
    status: str = Field(max_length=16)
    created_at: datetime = Field(sa_column=_aware(nullable=False))
    updated_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    actionable: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class PrerequisiteRow(SQLModel, table=True):
    __tablename__ = "prerequisites"
    __table_args__ = (UniqueConstraint("workshop_id", "short_id", name="uq_prereqs_short_id"),)

    id: str = Field(primary_key=True, max_length=32)
    workshop_id: str = Field(sa_column=_workshop_fk())
    short_id: str = Field(max_length=16)
    timing: str = Field(max_length=16)  # empty: no timing given
    text: str = Field(max_length=2000)
    circles: str = Field(default="", max_length=255)  # comma-separated circle keys
    note: str | None = Field(default=None, max_length=16)  # the note it answers
    met: bool | None = None  # at a check-in: met, not met, or not yet said
    author_id: str | None = Field(default=None, max_length=255)
    author_name: str | None = Field(default=None, max_length=255)
    code_hash: str | None = Field(default=None, max_length=64)
    status: str = Field(max_length=16)
    created_at: datetime = Field(sa_column=_aware(nullable=False))
    updated_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))


class AgreementRow(SQLModel, table=True):
    __tablename__ = "agreements"
    __table_args__ = (UniqueConstraint("workshop_id", "short_id", name="uq_agreements_short_id"),)

    id: str = Field(primary_key=True, max_length=32)
    workshop_id: str = Field(sa_column=_workshop_fk())
    short_id: str = Field(max_length=16)
    owner: str = Field(max_length=255, index=True)
    due: date
    what: str = Field(max_length=2000)
    author_id: str = Field(max_length=255)
    author_name: str = Field(default="", max_length=255)
    prerequisite: str | None = Field(default=None, max_length=16)  # the one it carries out
    status: str = Field(max_length=16)
    created_at: datetime = Field(sa_column=_aware(nullable=False))
    updated_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    done_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    checkin: int | None = None  # made in follow-up: the check-in it came from


class VoteRow(SQLModel, table=True):
    """A dot on a prerequisite. By a named person: the limit per person needs the id."""

    __tablename__ = "prerequisite_votes"

    workshop_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
        )
    )
    short_id: str = Field(primary_key=True, max_length=16)
    voter_id: str = Field(primary_key=True, max_length=255)


class SeenMessageRow(SQLModel, table=True):
    """Platform message ids already handled, hashed; kept apart from the notes they made."""

    __tablename__ = "seen_messages"

    key: str = Field(primary_key=True, max_length=64)
    seen_at: datetime = Field(sa_column=_aware(nullable=False))


class ExportMarkRow(SQLModel, table=True):
    """When a person last took a workshop's report (hashed per workshop), to pace the next."""

    __tablename__ = "export_marks"

    workshop_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
        )
    )
    who: str = Field(primary_key=True, max_length=64)
    at: datetime = Field(sa_column=_aware(nullable=False))


class PlatformStateRow(SQLModel, table=True):
    """Small facts adapters keep: a circle message's ts, a Teams conversation reference.

    A fact about a channel or one of its workshops says so (`channel_scope`, `workshop_id`),
    so deleting the workshop deletes it in the same transaction (SqlStore)."""

    __tablename__ = "platform_state"

    namespace: str = Field(primary_key=True, max_length=255)
    key: str = Field(primary_key=True, max_length=255)
    value: str
    updated_at: datetime = Field(sa_column=_aware(nullable=False))
    channel_scope: str | None = Field(default=None, max_length=64, index=True)
    workshop_id: str | None = Field(default=None, max_length=32, index=True)


class InboxRow(SQLModel, table=True):
    """Acknowledged work not yet decided: a request, or a timer with its due time.

    Deleted, not marked done, once decided in the same transaction as the decision: an anonymous
    note's request must leave no trace once its note is on the board.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        Index("ix_inbox_channel", "platform", "workspace", "channel", "id"),
        Index("ix_inbox_due", "due_at"),
        # The claim asks whether a channel has a row in hand (migration 0008_queue_heads).
        Index(
            "ix_inbox_held",
            "platform",
            "workspace",
            "channel",
            sqlite_where=text("claimed_until IS NOT NULL AND failed_at IS NULL"),
            postgresql_where=text("claimed_until IS NOT NULL AND failed_at IS NULL"),
        ),
    )

    # Arrival order: one channel's rows are decided by rising id.
    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    workspace: str = Field(max_length=255)
    channel: str = Field(max_length=255)
    payload: str  # the encoded core.service.Incoming
    enqueued_at: datetime = Field(sa_column=_aware(nullable=False))
    due_at: datetime = Field(sa_column=_aware(nullable=False))
    claimed_by: str | None = Field(default=None, max_length=128)
    claimed_until: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=2000)
    failed_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))


class OutboxRow(SQLModel, table=True):
    """A reply to send, written with the decision that made it; sent by the dispatcher."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_conversation", "conversation", "id"),
        # Only what is still to send: sent rows stay (with their sent ids) until purged.
        Index(
            "ix_outbox_unsent",
            "conversation",
            "id",
            sqlite_where=text("sent_at IS NULL AND failed_at IS NULL"),
            postgresql_where=text("sent_at IS NULL AND failed_at IS NULL"),
        ),
        Index("ix_outbox_coalesce", "coalesce_key"),
        # The claim walks unsent rows in due order and probes each one's conversation for a
        # live claim: both only over rows still to send (migration 0008_queue_heads).
        Index(
            "ix_outbox_due",
            "due_at",
            "id",
            sqlite_where=text("sent_at IS NULL AND failed_at IS NULL"),
            postgresql_where=text("sent_at IS NULL AND failed_at IS NULL"),
        ),
        Index(
            "ix_outbox_held",
            "conversation",
            sqlite_where=text(
                "claimed_until IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL"
            ),
            postgresql_where=text(
                "claimed_until IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL"
            ),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=32)
    workspace: str = Field(max_length=255)
    channel: str = Field(max_length=255)
    # What the platform paces by: a Slack channel, a Teams conversation.
    conversation: str = Field(max_length=600)
    recipient: str | None = Field(default=None, max_length=255)  # private replies only
    payload: str  # the encoded core.messages.Reply; emptied once sent
    # Edits of one earlier message (a circle's counts, a card) share a key: the last state wins.
    coalesce_key: str | None = Field(default=None, max_length=600)
    created_at: datetime = Field(sa_column=_aware(nullable=False))
    due_at: datetime = Field(sa_column=_aware(nullable=False))
    claimed_by: str | None = Field(default=None, max_length=128)
    claimed_until: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=2000)
    sent_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    sent_ref: str | None = Field(default=None, max_length=255)  # the platform's message id
    failed_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
