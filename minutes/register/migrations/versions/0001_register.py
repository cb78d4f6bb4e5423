"""The register: meetings, resolutions, status changes, imports.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(80), nullable=False, unique=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("date_jalali", sa.String(10)),
        sa.Column("session", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("source_path", sa.Text),
        sa.Column("source_sha256", sa.String(64)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("minutes_json", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_meetings_date_jalali", "meetings", ["date_jalali"])
    op.create_table(
        "resolutions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("rid", sa.String(120), nullable=False, unique=True),
        sa.Column("row", sa.Integer),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("topic", sa.Text),
        sa.Column("actor", sa.Text),
        sa.Column("supervisor", sa.Text),
        sa.Column("deadline_text", sa.Text),
        sa.Column("deadline_kind", sa.String(20), nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("done_on", sa.Date),
        sa.Column("note", sa.Text),
        sa.Column("gone", sa.Boolean, nullable=False),
    )
    op.create_index("ix_resolutions_meeting_id", "resolutions", ["meeting_id"])
    op.create_index("ix_resolutions_fingerprint", "resolutions", ["fingerprint"])
    op.create_index("ix_resolutions_open_due", "resolutions", ["status", "due"])
    op.create_table(
        "status_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("resolution_id", sa.Integer, sa.ForeignKey("resolutions.id"), nullable=False),
        sa.Column("old", sa.String(20), nullable=False),
        sa.Column("new", sa.String(20), nullable=False),
        sa.Column("on", sa.Date),
        sa.Column("note", sa.Text),
        sa.Column("by", sa.String(120), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
    )
    op.create_index("ix_status_changes_resolution_id", "status_changes", ["resolution_id"])
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("path", sa.Text),
        sa.Column("sha256", sa.String(64)),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("report", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_imports_meeting_id", "imports", ["meeting_id"])


def downgrade() -> None:
    for table in ("imports", "status_changes", "resolutions", "meetings"):
        op.drop_table(table)
