"""Write one SQL statement per sent message from a thread beside the sender, so that waiting for PostgreSQL
overlaps the next SMTP exchange instead of adding to it.

The thread has its own database connection, whose commits do not wait for the disk (`synchronous_commit =
off`). At most `QUEUED` marks wait in the queue (the sender waits for room), so a worker that dies loses at most
the marks of `IN_FLIGHT` = `QUEUED` + 2 messages (those queued, the one being written, the one the sender
holds), which are then sent again; a crash of PostgreSQL itself can forget its last fraction of a second of
marks. Inside a transaction (a caller's, or a test's) a thread could not see the rows, so statements are written
inline there, as they are on SQLite."""

import queue
import threading

from django.db import connection as db_connection

QUEUED = 2
IN_FLIGHT = QUEUED + 2


class MarkWriter:
    def __init__(self, sql):
        self.sql = sql
        self.inline = db_connection.in_atomic_block or db_connection.vendor != "postgresql"
        self.error = None
        if not self.inline:
            self.queue = queue.Queue(maxsize=QUEUED)
            self.thread = threading.Thread(target=self._write, name="marks", daemon=True)
            self.thread.start()

    def put(self, params):
        if self.inline:
            with db_connection.cursor() as cursor:
                cursor.execute(self.sql, params)
        else:
            self._put(params)

    def _put(self, item):
        while True:
            try:
                self.queue.put(item, timeout=1)
                return
            except queue.Full:
                if not self.thread.is_alive():  # the writer failed: its error is raised by close()
                    return

    def close(self):
        """Wait until every statement is written (safe to call twice); raise the writer's error, if any."""
        if not self.inline and self.thread.is_alive():
            self._put(None)
            self.thread.join()
        if self.error is not None:
            raise self.error

    def _write(self):
        try:
            with db_connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit TO off")
                while (params := self.queue.get()) is not None:
                    cursor.execute(self.sql, params)
        except Exception as error:  # handed to the sender, which raises it in close()
            self.error = error
        finally:
            db_connection.close()
