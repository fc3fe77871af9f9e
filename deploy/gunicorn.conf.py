"""gunicorn's settings for Let's Connect: `gunicorn -c deploy/gunicorn.conf.py letsconnect.wsgi`.

Every value can be changed from the environment, so the same file serves a laptop, one server or a fleet of
containers behind a load balancer (README, "Deployment").
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# Sync workers: pages are short and CPU-bound (templates), and a worker per core and a half keeps both busy
# while one waits on PostgreSQL. More capacity comes from more machines, not more workers per core.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is killed and logged; the proxy in front should wait a little longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, staggered, so that no slow leak accumulates and they never restart together.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
# Load Django once in the master: workers start faster and share memory.
preload_app = True
# Only the proxy in front may say which scheme and client a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn's log and access log on standard output, as JSON lines like the site's own (LOG_FORMAT=text: plain).
accesslog = "-"
errorlog = "-"
if os.environ.get("LOG_FORMAT", "json") == "json":
    logger_class = "letsconnect.gunicorn_logging.JsonLogger"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Worker heartbeats in memory rather than on a container's slow disk (gunicorn's own advice for Docker).
HEARTBEAT_DIR = "/dev/shm"  # noqa: S108 -- a directory gunicorn touches, not a file we write
worker_tmp_dir = HEARTBEAT_DIR if os.path.isdir(HEARTBEAT_DIR) else None
# No control socket: it lives at one path per user ($HOME/.gunicorn), which several sites or test runs on one
# machine would share; signals (HUP to reload, TTIN/TTOU to add or remove workers) do the same job.
control_socket_disable = True
