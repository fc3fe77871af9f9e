"""Tasks really run: a Celery worker process executes them from Redis."""

from letsconnect.celery import ping


def test_a_worker_executes_a_task_sent_through_redis(celery_worker):
    result = ping.apply_async(queue=celery_worker)

    assert result.get(timeout=20) == "pong"
    assert result.successful()


def test_the_broker_is_redis(settings):
    assert settings.CELERY_BROKER_URL.startswith("redis://")
