"""Alembic environment: runs on the connection ipdesk hands it (see ipdesk.services.db.migrate)."""

from alembic import context

from ipdesk.services.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - ipdesk always passes its own connection
    raise RuntimeError("run migrations through ipdesk.services.db.migrate()")
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
