"""the wall and the method's freedoms: names on/off, reopening, untimed and tied
prerequisites with dot-votes, agreements tied to prerequisites

Revision ID: 0004_wall
Revises: 0004
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004_wall"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("closed_from", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True)
        )
        batch_op.add_column(
            sa.Column("show_names", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("prerequisites", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("prerequisite", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
    op.create_table(
        "prerequisite_votes",
        sa.Column("workshop_id", sa.String(length=32), nullable=False),
        sa.Column("short_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("voter_id", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("workshop_id", "short_id", "voter_id"),
    )


def downgrade() -> None:
    op.drop_table("prerequisite_votes")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_column("prerequisite")
    with op.batch_alter_table("prerequisites", schema=None) as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_column("show_names")
        batch_op.drop_column("closed_from")
