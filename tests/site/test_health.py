"""/healthz tells a load balancer whether the database and the broker answer."""

import pytest

from letsconnect.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_health_is_ok_when_database_and_broker_answer(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}


def test_health_reports_a_broker_that_cannot_be_reached_without_failing_the_probe(client, monkeypatch):
    # Port 9 (discard) has nothing listening on this machine: a real refused connection. The site still serves
    # every page without Redis, so a load balancer must keep it in service.
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "down"}


def test_health_needs_no_language_prefix(client):
    response = client.get("/healthz", headers={"accept-language": "ar"})

    assert response.status_code == 200


def test_health_answers_a_probe_by_ip_address_over_plain_http(client, settings):
    settings.ALLOWED_HOSTS = ["letsconnect.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert client.get("/en/", HTTP_HOST="10.0.0.7:8000").status_code == 400
