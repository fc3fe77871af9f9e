"""The suite's mail backend: Django's in-memory one, which refuses any message not sent by the outbox's sender.

Every test runs with it (tests/conftest.py), so a feature that talked to the mail backend itself, bypassing the
outbox, fails whichever test reaches it."""

import sys

from django.core.mail.backends.locmem import EmailBackend


class OutboxOnlyBackend(EmailBackend):
    def send_messages(self, messages):
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__") == "mail.sender":
                return super().send_messages(messages)
            frame = frame.f_back
        raise AssertionError("An email was sent outside the outbox (mail.sender): write a mail.Email row instead.")
