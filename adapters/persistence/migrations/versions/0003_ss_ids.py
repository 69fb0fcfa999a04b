"""ss_ids: notes of Sundt & sikkert are SS<n>, the model's own letters, not H<n>

Revision ID: 0003_ss_ids
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_ss_ids"
down_revision = "0002"
branch_labels = None
depends_on = None

_NOTES = sa.table("notes", sa.column("short_id", sa.String), sa.column("circle", sa.String))


def _rename(old: str, new: str) -> None:
    # Only Sundt & sikkert's notes carry the letter; its length tells where the number starts.
    op.execute(
        _NOTES.update()
        .where(_NOTES.c.circle == "healthy")
        .where(_NOTES.c.short_id.like(f"{old}%"))
        .values(short_id=sa.literal(new) + sa.func.substr(_NOTES.c.short_id, len(old) + 1))
    )


def upgrade() -> None:
    _rename("H", "SS")


def downgrade() -> None:
    _rename("SS", "H")
