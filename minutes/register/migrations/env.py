"""Alembic environment: the register opens its own connection and hands it over
(``config.attributes['connection']``); migrations are written by hand, one per change of
``minutes.register.schema``."""

from alembic import context

from minutes.register.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
