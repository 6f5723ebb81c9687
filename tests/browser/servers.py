"""Real HTTP servers on 127.0.0.1 for the browser tests: the API, and a newsroom's host page on another origin."""

import threading

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response


class OneRequestPerConnection(WSGIRequestHandler):
    """HTTP/1.0: no kept-alive connection outlives a stop, so a stopped server is really gone for the browser."""

    protocol_version = "HTTP/1.0"

    def log_request(self, *args, **kwargs):
        """Quiet: the tests record requests in the browser."""


class LiveServer:
    """A WSGI app served from a thread on 127.0.0.1, on a port chosen by the system; it can stop and start again."""

    def __init__(self, app):
        self.app = app
        self.port = 0
        self.server = None
        self.thread = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "LiveServer":
        self.server = make_server(
            "127.0.0.1", self.port, self.app, threaded=True, request_handler=OneRequestPerConnection
        )
        self.port = self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


class HostSite:
    """A newsroom's site: pages set by the tests, served under the strict CSP a careful newsroom sends."""

    def __init__(self):
        self.pages: dict[str, tuple[str, str]] = {}
        self.policy = ""

    def __call__(self, environ, start_response):
        request = Request(environ)
        body, mimetype = self.pages.get(request.path, ("not found", "text/plain"))
        status = 200 if request.path in self.pages else 404
        headers = {"Content-Security-Policy": self.policy, "Cache-Control": "no-store"}
        return Response(body, status, mimetype=mimetype, headers=headers)(environ, start_response)

    def strict_policy(self, api: str) -> str:
        """Nothing inline, no eval, Trusted Types required; only our API may serve scripts, data, frames and images."""
        return "; ".join((
            "default-src 'none'", f"script-src 'self' {api}", f"connect-src {api}", f"frame-src {api}",
            f"img-src {api}", "style-src 'self'", "base-uri 'none'", "form-action 'none'",
            "require-trusted-types-for 'script'", "trusted-types 'none'",
        ))  # fmt: skip
