"""A webhook receiver run by the tests: a real HTTP server on 127.0.0.1 that answers as scripted, verifies every
delivery's signature with the `standardwebhooks` package (as a receiver would), and keeps what it got."""

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    headers: dict
    body: str
    at: float
    verified: bool
    payload: dict | None


@dataclass
class Receiver:
    """`script`: one answer per request, in order (an HTTP status, or "hang" to hold the request open until
    `release` is set); the last answer repeats."""

    script: list = field(default_factory=lambda: [204])
    secret: str | None = None
    received: list = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                headers = {name.lower(): value for name, value in self.headers.items()}
                try:
                    payload = Webhook(receiver.secret).verify(body, headers)
                    verified = True
                except (WebhookVerificationError, TypeError, ValueError):
                    payload, verified = None, False
                index = len(receiver.received)
                receiver.received.append(Received(headers, body, time.monotonic(), verified, payload))
                answer = receiver.script[min(index, len(receiver.script) - 1)]
                receiver.arrived.set()
                if answer == "hang":
                    receiver.release.wait(30)
                    return
                self.send_response(answer)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"no")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks?from=tests"

    def stop(self) -> None:
        """Go away: the port stops answering."""
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
