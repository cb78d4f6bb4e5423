"""The web app's clerk accounts and the uploads waiting for review.

Revision ID: 0004
Revises: 0003

Clerks sign in by name and password (kept as a salted scrypt hash); an upload read but not yet
saved is kept here instead of in the app's memory, so a restart keeps it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "clerks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(120), nullable=False, unique=True),
        sa.Column("password", sa.String(255), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "pending_uploads",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("minutes_json", sa.Text, nullable=False),
        sa.Column("lines_json", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("by", sa.String(120), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_pending_uploads_at", "pending_uploads", ["at"])


def downgrade() -> None:
    op.drop_table("pending_uploads")
    op.drop_table("clerks")
