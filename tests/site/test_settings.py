"""Production settings pass Django's deployment checks; every network call has a timeout."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENVIRONMENT = {
    "DJANGO_DEBUG": "0",
    "SECRET_KEY": "x7$kq!2vLr9#pWm@4zNc8&yTb6^uHd3*eJf5%gAs1(oXi0)lVw",
    "ALLOWED_HOSTS": "letsconnect.example.org",
    "DATABASE_URL": "postgres://letsconnect@db.internal:5432/letsconnect",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.internal:587",
}


# The test suite's own configuration, which a production process would not have.
TEST_ONLY_VARIABLES = {"SECURE_SSL_REDIRECT", "CELERY_TASK_ALWAYS_EAGER", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*arguments, environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION_ENVIRONMENT and key not in TEST_ONLY_VARIABLES
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env | environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_deployment_checks_report_nothing_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", environment=PRODUCTION_ENVIRONMENT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def _without_secret():
    return {key: value for key, value in PRODUCTION_ENVIRONMENT.items() if key != "SECRET_KEY"}


def test_a_production_site_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_VARIABLES and key != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import letsconnect.wsgi"],
        cwd=settings.BASE_DIR,
        env=env | _without_secret(),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_the_web_entry_point_loads_every_language_and_no_database_before_it_forks_workers():
    loaded = (
        "import letsconnect.wsgi; from django.utils.translation import trans_real; print(*trans_real._translations)"
    )
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-c", loaded],
        cwd=settings.BASE_DIR,
        env=env | PRODUCTION_ENVIRONMENT,  # a database that does not exist: nothing may connect to it
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) >= {code for code, _name in settings.LANGUAGES}


def test_offline_commands_run_without_a_secret_key():
    result = _manage("makemigrations", "--check", "--dry-run", environment=_without_secret())

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


SECRETS = {"SECRET_KEY", "EMAIL_URL", "WIKIMEDIA_CLIENT_ID", "WIKIMEDIA_CLIENT_SECRET", "BADGES_SIGNING_KEY",
           "BADGES_RSA_SIGNING_KEY"}  # fmt: skip
READ_SECRETS = (
    "import json, letsconnect.settings as s; "
    "print(json.dumps([s.SECRET_KEY, getattr(s, 'EMAIL_HOST_PASSWORD', ''), s.BADGES_SIGNING_KEY, "
    "s.BADGES_RSA_SIGNING_KEY, s.SOCIALACCOUNT_PROVIDERS['mediawiki']['APPS']]))"
)


def _read_secrets(environment):
    """The secret settings a process started with only `environment` (and no secret of the suite's) gets."""
    env = {key: value for key, value in os.environ.items() if key not in PRODUCTION_ENVIRONMENT.keys() | SECRETS}
    result = subprocess.run(
        [sys.executable, "-c", READ_SECRETS],
        cwd=settings.BASE_DIR,
        env=env | environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_no_secret_has_a_default_outside_debug():
    environment = {key: value for key, value in PRODUCTION_ENVIRONMENT.items() if key not in SECRETS}

    secrets = _read_secrets(environment)

    assert secrets == ["", "", "", "", []]


def test_secrets_come_from_the_environment():
    environment = PRODUCTION_ENVIRONMENT | {
        "WIKIMEDIA_CLIENT_ID": "consumer",
        "WIKIMEDIA_CLIENT_SECRET": "consumer-secret",
        "BADGES_SIGNING_KEY": "-----BEGIN PRIVATE KEY-----\\nkey\\n-----END PRIVATE KEY-----",
        "BADGES_RSA_SIGNING_KEY": "-----BEGIN PRIVATE KEY-----\\nrsa\\n-----END PRIVATE KEY-----",
    }

    secrets = _read_secrets(environment)

    assert secrets == [
        PRODUCTION_ENVIRONMENT["SECRET_KEY"],
        "secret",
        "-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----",
        "-----BEGIN PRIVATE KEY-----\nrsa\n-----END PRIVATE KEY-----",
        [{"client_id": "consumer", "secret": "consumer-secret"}],
    ]


def test_debug_is_off_unless_asked_for():
    result = _manage(
        "shell", "-c", "from django.conf import settings; print(settings.DEBUG)", environment={"SECRET_KEY": "k" * 50}
    )

    assert result.stdout.strip().splitlines()[-1] == "False"


def test_database_connections_persist_with_health_checks_and_a_connect_timeout():
    database = settings.DATABASES["default"]

    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database["OPTIONS"]["connect_timeout"] == 5


def test_redis_cache_and_broker_sockets_time_out():
    cache_options = settings.CACHES["default"]["OPTIONS"]

    assert cache_options == {"socket_timeout": 1.0, "socket_connect_timeout": 1.0}
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_timeout"] == 1.0
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["socket_connect_timeout"] == 1.0
    assert settings.EMAIL_TIMEOUT == 10
