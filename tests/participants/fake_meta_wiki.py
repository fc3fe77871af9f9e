"""A local stand-in for Meta-Wiki's OAuth 2 server (Extension:OAuth, `rest.php/oauth2`), over real HTTP.

It speaks the protocol as Meta-Wiki does for a consumer registered with one exact callback URL: `authorize`
redirects the browser back with `code` and `state` (or `error=access_denied` when the person refuses), and refuses
any other `redirect_uri`; `access_token` exchanges a code once, for the consumer's id and secret and the same
`redirect_uri`; `resource/profile` answers the Bearer token with the account's profile (`email` only when the
account has a confirmed one).
"""

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit


class FakeMetaWiki:
    def __init__(self, *, client_id, client_secret, callback_url):
        self.client_id, self.client_secret, self.callback_url = client_id, client_secret, callback_url
        self.account = None  # the profile of the person "signed in" on Meta-Wiki
        self.consents = True
        self.codes, self.tokens = {}, {}
        self.requests = []  # (method, path) of every request, in order
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.rest_api = f"http://127.0.0.1:{self.server.server_port}/w/rest.php"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.server.shutdown()
        self.server.server_close()

    def authorize(self, query):
        """(status, location or error): what Special:OAuth/authorize answers the browser."""
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, "invalid_client"
        if query.get("redirect_uri") != self.callback_url:
            return 400, "The redirect URI does not match the registered callback URL"
        if not self.consents:
            answer = {"error": "access_denied", "message": "The user denied the request", "state": query["state"]}
            return 302, f"{self.callback_url}?{urlencode(answer)}"
        code = secrets.token_urlsafe(16)
        self.codes[code] = (query["redirect_uri"], self.account)
        return 302, f"{self.callback_url}?{urlencode({'code': code, 'state': query['state']})}"

    def access_token(self, form):
        code = form.get("code", "")
        if (form.get("client_id"), form.get("client_secret")) != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client", "message": "Client authentication failed"}
        if form.get("grant_type") != "authorization_code" or code not in self.codes:
            return 400, {"error": "invalid_grant", "message": "The authorization code is invalid"}
        redirect_uri, account = self.codes.pop(code)
        if form.get("redirect_uri") != redirect_uri:
            return 400, {"error": "invalid_grant", "message": "The redirect URI does not match"}
        token = secrets.token_urlsafe(24)
        self.tokens[token] = account
        return 200, {"token_type": "Bearer", "expires_in": 14400, "access_token": token, "refresh_token": "r"}

    def profile(self, authorization):
        account = self.tokens.get(authorization.removeprefix("Bearer "))
        if account is None:
            return 401, {"error": "invalid_request", "message": "The access token is invalid"}
        profile = {
            "sub": account["sub"],
            "username": account["username"],
            "editcount": 1200,
            "confirmed_email": bool(account.get("email")),
            "blocked": False,
            "registered": "20150101000000",
            "groups": ["*", "user", "autoconfirmed"],
            "rights": ["read", "edit"],
            "grants": ["mwoauth-authonlyprivate"],
            "realname": account.get("realname", ""),
        }
        if account.get("email"):
            profile["email"] = account["email"]
        return 200, profile


def _handler(meta):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            meta.requests.append(("GET", url.path))
            if url.path == "/w/rest.php/oauth2/authorize":
                status, answer = meta.authorize({key: values[0] for key, values in parse_qs(url.query).items()})
                if status == 302:
                    self.send_response(302)
                    self.send_header("Location", answer)
                    self.end_headers()
                else:
                    self._json(status, {"error": "invalid_request", "message": answer})
            elif url.path == "/w/rest.php/oauth2/resource/profile":
                self._json(*meta.profile(self.headers.get("Authorization", "")))
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self):
            meta.requests.append(("POST", self.path))
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            if self.path == "/w/rest.php/oauth2/access_token":
                self._json(*meta.access_token({key: values[0] for key, values in parse_qs(body).items()}))
            else:
                self._json(404, {"error": "not_found"})

        def _json(self, status, payload):
            body = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler
