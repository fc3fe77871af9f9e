"""One SMTP policy for every email: what a mail server's answer means for the row that was being sent.

- Accepted: sent.
- A permanent refusal of the recipient (5xx at `RCPT`): failed at once, never retried; the address is recorded as
  refused (`signals.address_refused`: the participants app notes it on the person) and every later email to it
  is skipped, whatever its kind, until the person's address changes.
- A permanent refusal of the message (5xx at `DATA`): failed at once.
- Anything else (4xx, a refused or dropped connection, a timeout): retried after a growing, jittered delay
  (`retry_delay`), at most `EMAIL_RETRY_MAX` attempts and never after the email's expiry; then failed.
"""

import random
import re
import smtplib

from django.conf import settings

# The part of an address before the @, as mail servers quote it in their errors ("<amina@example.org>: ...").
ADDRESS_LOCAL_PART = re.compile(r"[^\s<>()\[\]{}'\",;:@]+@(?=[A-Za-z0-9-]+\.)")

SENT, REFUSED, REJECTED, TRANSIENT = "sent", "refused", "rejected", "transient"


def without_addresses(text):
    """A mail server's error as the admin shows it: the domain kept (it says where it failed), never whose address."""
    return ADDRESS_LOCAL_PART.sub("…@", text)


def describe(error):
    """The server's answer without the addresses it names (the row outlives an erased account)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused) and error.recipients:
        code, message = next(iter(error.recipients.values()))
    elif isinstance(error, smtplib.SMTPResponseException):
        code, message = error.smtp_code, error.smtp_error
    else:
        return without_addresses(f"{type(error).__name__}: {error}")[:300]
    text = message.decode(errors="replace") if isinstance(message, bytes) else str(message)
    return without_addresses(f"{code} {text}")[:300]


def classify(error):
    """`REFUSED` (the recipient, for good), `REJECTED` (the message, for good) or `TRANSIENT`."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return REFUSED if codes and all(500 <= code < 600 for code in codes) else TRANSIENT
    if isinstance(error, smtplib.SMTPSenderRefused):
        return TRANSIENT  # our own sender address: a configuration to fix, not the recipient's fault
    if isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600:
        return REJECTED
    return TRANSIENT


def connection_survives(error):
    """Whether the SMTP session can go on after `error` (the server answered) or must be opened again."""
    return isinstance(error, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused) and not isinstance(
        error, smtplib.SMTPServerDisconnected
    )


def retry_delay(attempts):
    """Seconds before the next try after `attempts` tries: exponential, capped, drawn from the upper half (jitter)."""
    ceiling = min(settings.EMAIL_RETRY_BACKOFF * 2 ** max(attempts - 1, 0), settings.EMAIL_RETRY_BACKOFF_MAX)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311 -- jitter, not cryptography
