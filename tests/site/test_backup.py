"""deploy/backup.sh, as the README tells operators to run it: the dump restores into an empty database with every
row, the uploaded files come back, and old backups are pruned. Real pg_dump and pg_restore."""

import os
import shutil
import subprocess
import tarfile
import time
import uuid

import psycopg
import pytest
from django.conf import settings

from tests.conftest import BASE_DIR
from tests.factories import ClinicFactory, ParticipantFactory


def _tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not on PATH: install PostgreSQL's client programs (Debian: postgresql-client).")
    return path


def _database_url(name):
    db = settings.DATABASES["default"]
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database():
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(_database_url("postgres"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_every_row_and_every_uploaded_file(tmp_path, empty_database):
    participant = ParticipantFactory(user__email="ana@example.org")
    ClinicFactory(title="Backups for organisers")
    media = tmp_path / "media"
    (media / "resources").mkdir(parents=True)
    (media / "resources" / "slides.pdf").write_bytes(b"%PDF-1.7 slides")
    backups = tmp_path / "backups"
    backups.mkdir()
    stale = backups / "letsconnect-20200101T000000Z.dump"
    stale.write_bytes(b"old")
    twenty_days_ago = time.time() - 20 * 86400
    os.utime(stale, (twenty_days_ago, twenty_days_ago))

    result = subprocess.run(
        [_tool("sh"), str(BASE_DIR / "deploy" / "backup.sh")],
        env=os.environ
        | {
            "DATABASE_URL": _database_url(settings.DATABASES["default"]["NAME"]),
            "BACKUP_DIR": str(backups),
            "MEDIA_ROOT": str(media),
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    dumps = sorted(backups.glob("letsconnect-*.dump"))
    archives = sorted(backups.glob("media-*.tar.gz"))
    assert (len(dumps), len(archives), stale.exists()) == (1, 1, False)
    assert oct(dumps[0].stat().st_mode & 0o777) == "0o600"
    restore = subprocess.run(
        [_tool("pg_restore"), "--no-owner", f"--dbname={_database_url(empty_database)}", str(dumps[0])],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert restore.returncode == 0, restore.stderr
    with psycopg.connect(_database_url(empty_database)) as restored:
        emails = restored.execute("SELECT email FROM participants_user").fetchall()
        clinics = restored.execute("SELECT title FROM clinics_clinic").fetchall()
        countries = restored.execute("SELECT count(*) FROM participants_country").fetchone()[0]
    assert emails == [(participant.user.email,)]
    assert clinics == [("Backups for organisers",)]
    assert countries > 200
    with tarfile.open(archives[0]) as archive:
        slides = archive.extractfile("./resources/slides.pdf").read()
    assert slides == b"%PDF-1.7 slides"


def test_backup_refuses_to_run_without_being_told_where_to_write():
    result = subprocess.run(
        [_tool("sh"), str(BASE_DIR / "deploy" / "backup.sh")],
        env={"PATH": os.environ["PATH"], "DATABASE_URL": _database_url("postgres")},
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )

    assert result.returncode != 0
    assert "BACKUP_DIR" in result.stderr
