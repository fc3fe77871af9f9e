"""How the outbox asks the apps about people without importing them: the participants app answers both."""

from django.dispatch import Signal

# A mail server refused `address` for good (5xx at RCPT): note it on the person it belongs to.
address_refused = Signal()
# Which of `addresses` (lower-cased) were refused for good: each receiver returns a set of them.
refused_among = Signal()
# A batch was sent: `groups` names the sends (an announcement, a month's digest) its rows belonged to.
batch_sent = Signal()
