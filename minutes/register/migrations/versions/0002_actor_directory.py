"""The actor directory: units, their aliases, and each resolution's units.

Revision ID: 0002
Revises: 0001

A register made before it opens with every resolution unassigned; the register assigns
them on opening (``Register._assign_missing``), from the actor cells it already holds.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.String(255), nullable=False, unique=True),
    )
    op.create_table(
        "aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(255), nullable=False, unique=True),
        sa.Column("spelling", sa.Text, nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
    )
    op.create_index("ix_aliases_unit_id", "aliases", ["unit_id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("resolution_id", sa.Integer, sa.ForeignKey("resolutions.id"), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.UniqueConstraint("resolution_id", "position"),
    )
    op.create_index("ix_assignments_unit_id", "assignments", ["unit_id"])


def downgrade() -> None:
    for table in ("assignments", "aliases", "units"):
        op.drop_table(table)
