"""Reads that may go to a PostgreSQL replica (DATABASE_REPLICA_URL): the impact figures, the heaviest queries of the
site, which tolerate a replica's lag of a few seconds. Everything else, and every write, uses the primary.

    with replica_reads() as alias:   # "replica" when one is configured, else "default"
        ...                          # ORM reads in here go to it (ReplicaRouter); raw SQL uses connections[alias]
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading = ContextVar("replica_reads", default=False)


def configured():
    return REPLICA in settings.DATABASES


def reading_alias():
    """The database reads go to here and now: the replica inside `replica_reads()` when one is configured."""
    return REPLICA if _reading.get() and configured() else "default"


@contextmanager
def replica_reads():
    token = _reading.set(True)
    try:
        yield reading_alias()
    finally:
        _reading.reset(token)


class ReplicaRouter:
    """Sends the ORM's reads inside `replica_reads()` to the replica; never migrates it (it copies the primary)."""

    def db_for_read(self, model, **hints):
        alias = reading_alias()
        return alias if alias == REPLICA else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None
