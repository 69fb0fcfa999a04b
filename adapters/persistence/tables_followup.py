"""The follow-up's tables: check-ins, their answers, learnings and the keys of what was sent.

Beside `tables.py` (which holds the workshop's own columns for the follow-up: its settings,
`step_opened_at`, `checkins_after_end` and `wake_at`); the store imports both.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from adapters.persistence.tables import _aware, _workshop_fk


class CheckInRow(SQLModel, table=True):
    """A planned check-in; kept once posted or missed, so the next one compares with it."""

    __tablename__ = "checkins"

    workshop_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
        )
    )
    number: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    offset: str = Field(max_length=16)
    due_at: datetime = Field(sa_column=_aware(nullable=False))
    posted_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    closes_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    closed_at: datetime | None = Field(default=None, sa_column=_aware(nullable=True))
    missed: bool = False


class CheckInAnswerRow(SQLModel, table=True):
    """An answer to a check-in. Anonymous answers leave both author columns empty: no id, no
    hash, nothing that could lead back to the person."""

    __tablename__ = "checkin_answers"
    __table_args__ = (UniqueConstraint("workshop_id", "short_id", name="uq_answers_short_id"),)

    # Insertion order, which is the core's order (a replaced answer goes, the new one comes last).
    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(max_length=32)
    workshop_id: str = Field(sa_column=_workshop_fk())
    short_id: str = Field(max_length=16)
    checkin: int
    circle: str = Field(max_length=32)
    rating: str = Field(max_length=16)
    comment: str = Field(default="", max_length=2000)
    author_id: str | None = Field(default=None, max_length=255)
    author_name: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(sa_column=_aware(nullable=False))
    actionable: bool = False


class LearningRow(SQLModel, table=True):
    """How an improvement succeeded (an L-item). Anonymous ones keep no author, as answers."""

    __tablename__ = "learnings"
    __table_args__ = (UniqueConstraint("workshop_id", "short_id", name="uq_learnings_short_id"),)

    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(max_length=32)
    workshop_id: str = Field(sa_column=_workshop_fk())
    short_id: str = Field(max_length=16)
    checkin: int | None = None
    circle: str | None = Field(default=None, max_length=32)
    text: str = Field(max_length=2000)
    author_id: str | None = Field(default=None, max_length=255)
    author_name: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(sa_column=_aware(nullable=False))


class SentKeyRow(SQLModel, table=True):
    """A reminder or nudge that went out (core.events.Sent): its key keeps it from going twice."""

    __tablename__ = "sent_keys"

    workshop_id: str = Field(
        sa_column=Column(
            String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
        )
    )
    key: str = Field(primary_key=True, max_length=255)
    position: int = 0
