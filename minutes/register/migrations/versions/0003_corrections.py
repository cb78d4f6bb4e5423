"""Corrections made in the web app: a resolution's field, from what to what, by whom and when.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rid", sa.String(120), nullable=False),
        sa.Column("field", sa.String(20), nullable=False),
        sa.Column("old", sa.Text),
        sa.Column("new", sa.Text),
        sa.Column("by", sa.String(120), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_corrections_rid", "corrections", ["rid"])


def downgrade() -> None:
    op.drop_table("corrections")
