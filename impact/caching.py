"""The figures are cached until the data they are read from changes.

The cache key holds a data version, replaced after every committed save or delete of a model the figures read
(receivers connected in ImpactConfig.ready, and activity.signals.activity_changed), and a fingerprint of the tables
written in bulk without signals (the attendance report import, the demo data, home wikis, monthly edits): the
highest id of each, one indexed query. An hour's expiry bounds what a write bypassing both (a raw UPDATE) could
leave stale.
"""

import uuid

from django.core.cache import cache
from django.db import connection, transaction

from activity.models import MonthlyEdits
from clinics.models import Attendance, ClinicSharer
from participants.models import HomeWiki

from . import queries, report, summaries

VERSION_KEY = "impact:data-version"
TIMEOUT_SECONDS = 60 * 60
SCHEMA = 2  # bump when report.Report changes shape: a cached one from the previous release is then ignored
BULK_WRITTEN = (Attendance, ClinicSharer, HomeWiki, MonthlyEdits)


def cached_report(*, period):
    """The Report for `period`, from the cache when the data has not changed since it was computed."""
    return _report(period=period, key=_data_key(period))


def cached_page(*, period, language, render):
    """`render(report)` (the HTML of the figures, in `language`), from the cache when the data has not changed:
    a cached page costs one query and two cache reads."""
    key = _data_key(period)
    html = cache.get(f"{key}:html:{language}")
    if html is None:
        html = render(_report(period=period, key=key))
        cache.set(f"{key}:html:{language}", html, timeout=TIMEOUT_SECONDS)
    return html


def _report(*, period, key):
    found = cache.get(key)
    if found is None:
        found = report.build(period=period, rows=queries.read_rows(period=period))
        cache.set(key, found, timeout=TIMEOUT_SECONDS)
    return found


def _data_key(period):
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return f"impact:report:{SCHEMA}:{version}:{_fingerprint()}:{period.as_of}:{period.start or ''}"


def _fingerprint():
    quote = connection.ops.quote_name
    # Table and column names come from the models, quoted; there are no values.
    parts = ", ".join(
        f"(SELECT MAX({quote(model._meta.pk.column)}) FROM {quote(model._meta.db_table)})"  # noqa: S608
        for model in BULK_WRITTEN
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        return "-".join(str(value or 0) for value in cursor.fetchone())


def data_changed(sender, **kwargs):
    """Receiver of post_save, post_delete and m2m_changed: a new data version once the change is committed
    (so that a page computed meanwhile, from the old data, is not kept under the new version)."""
    using = kwargs.get("using") or "default"
    database = transaction.get_connection(using)
    # One bump per transaction, however many rows it writes. Django replaces the list of pending callbacks
    # after a rollback, so while ours is still the same list and has not run, our bump is still to come.
    if database.in_atomic_block and getattr(database, "_impact_pending", None) is database.run_on_commit:
        return

    def new_version():
        database._impact_pending = None
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        summaries.request_rebuild()

    # Marked before registering: outside a transaction the callback runs at once, and clears the mark.
    database._impact_pending = database.run_on_commit
    transaction.on_commit(new_version, using=using)
