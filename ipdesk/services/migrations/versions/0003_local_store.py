"""The local-only tables move to the local store, a file of their own.

The service record, report archive and saved searches (db.LOCAL_DB_FILENAME; why: models.LocalBase):
their rows are copied there first (db.move_local_rows, committed before this drop), then the tables
are dropped here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from ipdesk.services.db import move_local_rows

    move_local_rows(op.get_bind(), op.get_context().config.attributes.get("local_store"))
    for table in ("service_record", "saved_search", "report_archive"):
        op.execute(f"DROP TABLE IF EXISTS {table}")


def downgrade() -> None:
    """Empty tables again (the rows stay in the local store)."""
    from ipdesk.services.models import LocalBase

    LocalBase.metadata.create_all(op.get_bind())
