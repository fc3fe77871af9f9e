"""An array column where PostgreSQL has arrays, plain text elsewhere, so that migrations run on SQLite too."""

import json

from django.contrib.postgres.fields import ArrayField


class PortableArrayField(ArrayField):
    """`ArrayField` on PostgreSQL; JSON in a text column on other databases (the SQLite development default).

    Only the directory's search index uses it, and that index is filled and searched on PostgreSQL only.
    """

    def db_type(self, connection):
        return super().db_type(connection) if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor == "postgresql":
            return super().get_db_prep_value(value, connection, prepared)
        return None if value is None else json.dumps(list(value))

    def from_db_value(self, value, expression, connection):
        return json.loads(value) if isinstance(value, str) else value
