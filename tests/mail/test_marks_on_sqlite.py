"""The sender's mark statement is plain SQL that SQLite runs too (`make run` sends through the outbox on SQLite):
no PostgreSQL function such as now() in it."""

import sqlite3
from datetime import UTC, datetime

from mail.sender import _MARK_SQL


def test_the_mark_statement_marks_a_row_sent_on_sqlite():
    database = sqlite3.connect(":memory:")
    database.execute(
        "CREATE TABLE mail_email (id INTEGER PRIMARY KEY, state TEXT, last_error TEXT, due_at TEXT, sent_at TEXT, "
        "lease_until TEXT, subject TEXT, body TEXT, html TEXT, address TEXT, recipient_id INTEGER)"
    )
    database.execute(
        "INSERT INTO mail_email VALUES (7, 'sending', '', '2026-12-07', NULL, '2026-12-08', 'S', 'B', 'H', 'a@b.c', 1)"
    )
    sent_at = datetime(2026, 12, 7, 11, 40, tzinfo=UTC)

    database.execute(_MARK_SQL.replace("%s", "?"), ["sent", "", None, sent_at.isoformat(), True, True, True, True, 7])

    assert database.execute(
        "SELECT state, sent_at, lease_until, subject, body, address FROM mail_email"
    ).fetchall() == [("sent", "2026-12-07T11:40:00+00:00", None, "", "", "")]
