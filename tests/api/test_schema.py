"""The OpenAPI schema is valid, and schemathesis, fuzzing every operation it describes, finds no server error and
no response that does not match it (with a token for the person's own endpoints, and CapX's key configured)."""

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings

from api.throttling import AddressThrottle, CapxThrottle, TokenThrottle
from letsconnect.wsgi import application
from tests.factories import ClinicFactory, ParticipantFactory, RegistrationFactory, ResourceFactory

from .conftest import public_pem

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.content_type_conformance,
]


def test_the_schema_is_valid_openapi_without_a_warning(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))

    assert "/api/v1/capx/enrol/" in (tmp_path / "schema.yaml").read_text()


@pytest.fixture
def api_schema(db, monkeypatch, capx_private_key):
    """The schema, read from the site itself through WSGI (as Django's test client does, a request's end does not
    close the test's database connection)."""
    for throttle in (AddressThrottle, TokenThrottle, CapxThrottle):
        monkeypatch.setattr(throttle, "rate", "100000/minute", raising=False)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        with override_settings(CAPX_PUBLIC_KEY=public_pem(capx_private_key)):
            yield schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(db):
    """Something in every list, so that full answers are checked against the schema too."""
    me = ParticipantFactory(user__username="schema-me")
    clinic = ClinicFactory(slug="schema-clinic", capacity=3, interpretation_languages=["es"])
    RegistrationFactory(clinic=clinic, participant=me)
    ResourceFactory(slug="schema-resource", languages=["en"])
    from api.services import create_token

    _token, secret = create_token(user=me.user, name="schemathesis")
    return {"Authorization": f"Bearer {secret}"}


EXAMPLES = 15


def test_every_operation_answers_without_a_server_error_and_as_its_schema_says(api_schema, world):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case):
            case.call_and_validate(headers=world, checks=CHECKS)

        call()

    assert len(operations) == 17
