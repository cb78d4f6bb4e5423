"""The register's tables (SQLAlchemy 2 declarative models).

The migrations in ``migrations/versions`` create exactly these tables (a test compares
them); a change here is a new migration there, so an old register opens in a new version.

Dates: ``due`` and ``done_on`` are Gregorian ``Date`` columns (comparable in SQL on every
backend); Jalali forms are computed when shown.
"""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import (Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = ["Base", "MeetingRow", "ResolutionRow", "StatusChange", "ImportRow", "Unit", "Alias",
           "Assignment", "Correction", "Clerk", "PendingUpload", "PROGRESS"]

# What a clerk can say of a resolution; «open» is the start (nothing said yet).
PROGRESS = ("open", "in_progress", "blocked", "done", "cancelled")


class Base(DeclarativeBase):
    pass


class MeetingRow(Base):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
    date_jalali: Mapped[str | None] = mapped_column(String(10), index=True)
    session: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    source_path: Mapped[str | None] = mapped_column(Text)
    source_sha256: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    minutes_json: Mapped[str] = mapped_column(Text)
    added_at: Mapped[_dt.datetime] = mapped_column(DateTime)

    resolutions: Mapped[list["ResolutionRow"]] = relationship(
        back_populates="meeting", order_by="ResolutionRow.position")


class ResolutionRow(Base):
    __tablename__ = "resolutions"
    __table_args__ = (Index("ix_resolutions_open_due", "status", "due"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    rid: Mapped[str] = mapped_column(String(120), unique=True)
    row: Mapped[int | None] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(16), index=True)
    topic: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str | None] = mapped_column(Text)  # the cell as written
    supervisor: Mapped[str | None] = mapped_column(Text)
    deadline_text: Mapped[str | None] = mapped_column(Text)
    deadline_kind: Mapped[str] = mapped_column(String(20), default="none")
    due: Mapped[_dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open")
    done_on: Mapped[_dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    gone: Mapped[bool] = mapped_column(Boolean, default=False)  # dropped by a revised version

    meeting: Mapped[MeetingRow] = relationship(back_populates="resolutions")
    changes: Mapped[list["StatusChange"]] = relationship(back_populates="resolution",
                                                         order_by="StatusChange.id")
    assignments: Mapped[list["Assignment"]] = relationship(
        back_populates="resolution", order_by="Assignment.position", cascade="all, delete-orphan")


class StatusChange(Base):
    """One change of a resolution's status: who, when, from what to what."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id"), index=True)
    old: Mapped[str] = mapped_column(String(20))
    new: Mapped[str] = mapped_column(String(20))
    on: Mapped[_dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(120))
    at: Mapped[_dt.datetime] = mapped_column(DateTime)
    source: Mapped[str] = mapped_column(Text)  # 'cli', or the status file it came from

    resolution: Mapped[ResolutionRow] = relationship(back_populates="changes")


class ImportRow(Base):
    """One ``register add`` of one file, and what it did (a correction when revised)."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    path: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))  # added, unchanged, revised
    report: Mapped[str] = mapped_column(Text, default="{}")  # JSON counts
    at: Mapped[_dt.datetime] = mapped_column(DateTime)


# --- the actor directory (migration 0002) --------------------------------------------------

class Unit(Base):
    """A body that receives resolutions, under one name whatever the spelling."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(255), unique=True)


class Alias(Base):
    """Another spelling of a unit: learnt from a confirmation or read from the user's file."""

    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    spelling: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    origin: Mapped[str] = mapped_column(String(20))  # confirmed, file


class Assignment(Base):
    """A resolution given to a unit; a cell naming several bodies gives several."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("resolution_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    resolution_id: Mapped[int] = mapped_column(ForeignKey("resolutions.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)

    resolution: Mapped[ResolutionRow] = relationship(back_populates="assignments")
    unit: Mapped[Unit] = relationship()


class Correction(Base):
    """A clerk's correction of a resolution's field (``minutes serve``): who, when, from what to what."""
    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    rid: Mapped[str] = mapped_column(String(120), index=True)
    field: Mapped[str] = mapped_column(String(20))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str] = mapped_column(String(120))
    at: Mapped[_dt.datetime] = mapped_column(DateTime)


# --- the web app's clerks and the uploads waiting for review (migration 0004) --------------

class Clerk(Base):
    """A clerk who signs in to ``minutes serve``: the name kept as «who» on each change, and
    the password only as a salted scrypt hash (``minutes.web.accounts``)."""

    __tablename__ = "clerks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    password: Mapped[str] = mapped_column(String(255))  # scrypt$n$r$p$salt$hash (hex)
    added_at: Mapped[_dt.datetime] = mapped_column(DateTime)


class PendingUpload(Base):
    """An upload read and parsed, waiting for a clerk's review before it is saved: kept in the
    register so a restart of the app does not lose it; old or too many are dropped."""

    __tablename__ = "pending_uploads"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # the review page's random id
    name: Mapped[str] = mapped_column(Text)  # the upload's own name (its last part)
    minutes_json: Mapped[str] = mapped_column(Text)
    lines_json: Mapped[str] = mapped_column(Text)  # the document's lines: [[number, as read], …]
    size: Mapped[int] = mapped_column(Integer)  # bytes of the two JSON texts, for the cap
    by: Mapped[str] = mapped_column(String(120))
    at: Mapped[_dt.datetime] = mapped_column(DateTime, index=True)
