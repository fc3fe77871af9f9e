"""No email leaves except through the outbox: no site module but `mail/` can reach the mail backend or SMTP, and
the suite's mail backend (tests/outbox_only.py) refuses any message the outbox's sender did not send."""

import ast
from pathlib import Path

import pytest
from django.core import mail as django_mail

from mail import sender, services
from mail.models import Email
from tests.factories import ParticipantFactory

ROOT = Path(__file__).resolve().parents[2]
# What sends mail: Django's mail API (backends, get_connection, send_mail, EmailMessage.send) and smtplib.
MAIL_MODULES = ("django.core.mail", "smtplib")
# Outside the site: the tests themselves and the benchmarks (which time raw SMTP against the outbox).
NOT_SITE_CODE = {"tests", "bench", ".venv", "node_modules", "mail"}


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            if node.module == "django.core":
                yield from (f"django.core.{alias.name}" for alias in node.names)


def test_no_module_outside_the_outbox_reaches_the_mail_backend_or_smtp():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in ROOT.rglob("*.py")
        if not NOT_SITE_CODE & set(path.relative_to(ROOT).parts[:1])
        for name in _imports(path)
        if name.startswith(MAIL_MODULES)
    ]
    assert offenders == []
    assert set(_imports(ROOT / "mail" / "sender.py")) >= {"django.core.mail"}  # the scan sees imports


@pytest.mark.django_db
def test_the_suites_mail_backend_refuses_an_email_sent_around_the_outbox(mailoutbox):
    with pytest.raises(AssertionError, match="outside the outbox"):
        django_mail.send_mail("Hello", "Sent directly.", None, ["ana@example.org"])

    participant = ParticipantFactory(user__email="ana@example.org")
    services.write([services.email(key="t:1", kind=Email.Kind.ACCOUNT, recipient=participant.user, body="Hi.")])
    sender.send_due()

    assert [message.to for message in mailoutbox] == [["ana@example.org"]]
