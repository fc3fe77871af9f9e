"""With DATABASE_REPLICA_URL set, the impact figures are read from the replica and every write still goes to the
primary. Two real PostgreSQL databases that differ, and a real site process."""

import os
import shutil
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings
from django.utils import timezone

from tests.conftest import BASE_DIR
from tests.factories import ParticipantFactory

COUNT_AND_WRITE = """
from datetime import date
from impact import queries
from participants.models import Region
period = queries.Period(as_of=date({year}, 12, 31))
rows = queries.read_rows(period=period)
print("registered", sum(count for *_, count in rows["registered"]))
Region.objects.create(code="zz", name="Written by the site")
"""


def _url(name):
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def replica(tmp_path):
    """A copy of the test database as it is now, standing for a replica that has not caught up yet."""
    name = f"replica_{uuid.uuid4().hex[:10]}"
    dump = tmp_path / "primary.dump"
    admin = psycopg.connect(_url("postgres"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    for command in (
        [_tool("pg_dump"), "--format=custom", f"--file={dump}", _url(settings.DATABASES["default"]["NAME"])],
        [_tool("pg_restore"), "--no-owner", f"--dbname={_url(name)}", str(dump)],
    ):
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        assert done.returncode == 0, done.stderr
    yield name
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


def _tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not on PATH: install PostgreSQL's client programs (Debian: postgresql-client).")
    return path


def _site(script, **environment):
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=BASE_DIR,
        env=os.environ | {"DATABASE_URL": _url(settings.DATABASES["default"]["NAME"])} | environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_impact_figures_are_read_from_the_replica_and_writes_go_to_the_primary(request):
    ParticipantFactory.create_batch(2)
    replica = request.getfixturevalue("replica")
    ParticipantFactory()  # on the primary only: the replica lags behind
    script = COUNT_AND_WRITE.format(year=timezone.now().year)

    with_replica = _site(script, DATABASE_REPLICA_URL=_url(replica))
    without_replica = _site(script.replace('"zz"', '"zy"'))

    assert "registered 2" in with_replica
    assert "registered 3" in without_replica
    primary = psycopg.connect(_url(settings.DATABASES["default"]["NAME"]))
    copy = psycopg.connect(_url(replica))
    try:
        written = "SELECT code FROM participants_region WHERE code IN ('zz', 'zy') ORDER BY code"
        assert primary.execute(written).fetchall() == [("zy",), ("zz",)]
        assert copy.execute(written).fetchall() == []
    finally:
        primary.close()
        copy.close()
