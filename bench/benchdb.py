"""Where the benchmarks keep their data: a PostgreSQL database of their own, and Django set up on it."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import django
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent


def bench_database_url(default):
    """DATABASE_URL when it names a PostgreSQL database, else `default`; created if missing."""
    url = os.environ.get("DATABASE_URL", "")
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        url = default
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    maintenance_url = urlunsplit(("postgresql", parts.netloc, "/postgres", parts.query, ""))
    with psycopg.connect(maintenance_url, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return url


def setup_django(default_database_url):
    """Production settings (no debug) on the bench database."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = bench_database_url(default_database_url)
    os.environ["DJANGO_SETTINGS_MODULE"] = "letsconnect.settings"
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-to-serve-anything")
    os.environ["ALLOWED_HOSTS"] = "*"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    django.setup()
