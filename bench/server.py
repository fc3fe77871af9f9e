"""gunicorn for the HTTP benchmarks: started on a free port with the production settings (plus bench/urls.py),
plain HTTP requests to it, and the CPU time its processes used."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, log, *, env=None):
    """deploy/gunicorn.conf.py (WEB_CONCURRENCY... from the environment), bench.settings; waits for /healthz."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        **(env or {}),
    }
    command = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "letsconnect.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.flush()
            tail = Path(log.name).read_text(encoding="utf-8").splitlines()[-15:]
            sys.exit("\n".join([f"gunicorn stopped at start (status {server.returncode}), {log.name}:", *tail]))
        try:
            if get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    sys.exit(f"gunicorn did not answer /healthz within a minute; its log: {log.name}")


def get(port, path):
    """(status, body) of one GET, on a connection of its own, as a new visitor's."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def process_cpu_seconds(pid):
    """User and system CPU time of the process `pid` so far (Linux /proc); 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime in clock ticks


def database_cpu_seconds(connection):
    """{pid: CPU seconds} of the PostgreSQL backends serving this database (the site's; not `connection`'s own)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return {pid: process_cpu_seconds(pid) for (pid,) in cursor.fetchall()}


def cpu_seconds(server):
    """User and system CPU time of gunicorn's master and workers so far (Linux /proc)."""
    pids = [server.pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == server.pid:
                pids.append(int(entry.name))
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def load_average():
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())
