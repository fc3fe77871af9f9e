"""A local stand-in for the MediaWiki Action API of the Wikimedia wikis, over real HTTP.

It answers `action=query` with `meta=globaluserinfo` (by `guiuser` or `guiid`) and `list=usercontribs` (by
`ucuser`, `ucdir=newer` from `ucstart`, pages of `page_size` with `uccontinue`), shaped like the real API's
formatversion=2 answers; `maxlag` refusals (HTTP 200, a Retry-After header, error code "maxlag") and 5xx answers
can be queued per wiki. Every wiki is served under /<host>/w/api.php.
"""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class GlobalUser:
    id: int
    name: str
    registration: str = "2019-05-04T10:00:00Z"
    editcount: int = 0
    contributions: dict = field(default_factory=dict)  # {host: ["2024-01-05T12:00:00Z", ...]}


class FakeMediaWiki:
    def __init__(self):
        self.users = {}  # {id: GlobalUser}
        self.requests = []  # (host, params, headers)
        self.page_size = 500
        self.failures = {}  # {host: ["maxlag" | 503, ...]} answered first, in order
        self.delay = 0.0
        self.in_flight, self.most_in_flight = {}, {}
        self._lock = threading.Lock()

    def add_user(self, user):
        self.users[user.id] = user
        return user

    def rename(self, user_id, new_name):
        self.users[user_id].name = new_name

    # The answers.

    def answer(self, host, params):
        queued = self.failures.get(host)
        if queued:
            failure = queued.pop(0)
            if failure == "maxlag":
                lag = 7
                body = {
                    "error": {
                        "code": "maxlag",
                        "info": f"Waiting for 10.64.16.8: {lag} seconds lagged.",
                        "host": "10.64.16.8",
                        "lag": lag,
                        "type": "db",
                        "docref": "See https://www.mediawiki.org/wiki/Manual:Maxlag_parameter.",
                    },
                    "servedby": "mw-api-ext.fake",
                }
                return 200, {"Retry-After": "5", "X-Database-Lag": str(lag)}, body
            return failure, {}, {"error": "Service Unavailable"}
        if params.get("action") != "query" or params.get("format") != "json":
            return 200, {}, {"error": {"code": "badvalue", "info": "Unrecognized value."}}
        if params.get("meta") == "globaluserinfo":
            return 200, {}, {"batchcomplete": True, "query": {"globaluserinfo": self._global_user_info(params)}}
        if params.get("list") == "usercontribs":
            return 200, {}, self._contributions(host, params)
        return 200, {}, {"batchcomplete": True}

    def _find(self, params):
        if "guiid" in params:
            return self.users.get(int(params["guiid"]))
        return next((user for user in self.users.values() if user.name == params.get("guiuser")), None)

    def _global_user_info(self, params):
        user = self._find(params)
        if user is None:
            return {"missing": True}
        info = {"home": "enwiki", "id": user.id, "registration": user.registration, "name": user.name}
        if "editcount" in params.get("guiprop", "").split("|"):
            info["editcount"] = user.editcount
        return info

    def _contributions(self, host, params):
        user = next((user for user in self.users.values() if user.name == params["ucuser"]), None)
        stamps = sorted(user.contributions.get(host, [])) if user else []
        stamps = [stamp for stamp in stamps if stamp >= params.get("ucstart", "")]
        offset = int(params["uccontinue"].split("|")[1]) if "uccontinue" in params else 0
        page = stamps[offset : offset + self.page_size]
        body = {
            "batchcomplete": True,
            "query": {"usercontribs": [{"userid": user.id, "user": user.name, "timestamp": s} for s in page]},
        }
        if offset + self.page_size < len(stamps):
            following = stamps[offset + self.page_size].replace("-", "").replace(":", "").strip("TZ")
            body["continue"] = {"uccontinue": f"{following}|{offset + self.page_size}", "continue": "-||"}
            del body["batchcomplete"]
        return body

    def requests_to(self, host, **params):
        return [request for request in self.requests if request[0] == host and params.items() <= request[1].items()]


def serve(fake):
    """Start an HTTP server for `fake` on a free port; returns (server, thread)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            host = url.path.split("/")[1]
            params = {key: values[-1] for key, values in parse_qs(url.query).items()}
            with fake._lock:
                fake.requests.append((host, params, dict(self.headers)))
                fake.in_flight[host] = fake.in_flight.get(host, 0) + 1
                fake.most_in_flight[host] = max(fake.most_in_flight.get(host, 0), fake.in_flight[host])
            try:
                if fake.delay:
                    time.sleep(fake.delay)
                status, headers, body = fake.answer(host, params)
            finally:
                with fake._lock:
                    fake.in_flight[host] -= 1
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
