import pytest

from mail import services
from mail.models import Email


@pytest.fixture
def real_smtp(settings, smtp_sink):
    """This process sends to the test's SMTP server (aiosmtpd) instead of the in-memory backend."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_sink.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    return smtp_sink


def account_email(number, *, address=None, recipient=None, body="Confirm your address.", **fields):
    """A row as allauth's adapter writes it: text rendered beforehand."""
    return services.email(
        key=f"test:{number}",
        kind=Email.Kind.ACCOUNT,
        recipient=recipient,
        address=address or f"person{number}@example.org",
        subject=f"Email {number}",
        body=body,
        **fields,
    )
