"""A small TCP proxy that a test can cut and restore: a database it can take away without touching the real one."""

import contextlib
import selectors
import socket
import threading


class CuttableProxy:
    """Forwards 127.0.0.1:<port> (a free port) to `target`. cut() closes every connection and refuses new ones until
    restore(); the listening port stays the same, so clients configured with it reconnect by themselves."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.selector = selectors.DefaultSelector()
        self.selector.register(self.listener, selectors.EVENT_READ)
        self.peers: dict[socket.socket, socket.socket] = {}
        self.open = threading.Event()
        self.open.set()
        self.lock = threading.Lock()
        self.stopping = False
        self.thread = threading.Thread(target=self.run, name="cuttable-proxy", daemon=True)
        self.thread.start()

    def cut(self) -> None:
        with self.lock:
            self.open.clear()
            self.drop_all()

    def restore(self) -> None:
        self.open.set()

    def close(self) -> None:
        self.stopping = True
        self.thread.join(timeout=5)
        with self.lock:
            self.drop_all()
        self.selector.close()
        self.listener.close()

    def drop_all(self) -> None:
        for sock in list(self.peers):
            self.drop(sock)

    def drop(self, sock: socket.socket) -> None:
        other = self.peers.pop(sock, None)
        for one in (sock, other):
            if one is None:
                continue
            self.peers.pop(one, None)
            with contextlib.suppress(KeyError, ValueError):
                self.selector.unregister(one)
            one.close()

    def run(self) -> None:
        while not self.stopping:
            for key, _ in self.selector.select(timeout=0.1):
                with self.lock:
                    if key.fileobj is self.listener:
                        self.accept()
                    elif key.fileobj in self.peers:
                        self.forward(key.fileobj)

    def accept(self) -> None:
        client, _ = self.listener.accept()
        if not self.open.is_set():
            client.close()  # the database is "away": the client sees its connection closed at once
            return
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        self.peers[client], self.peers[upstream] = upstream, client
        for sock in (client, upstream):
            self.selector.register(sock, selectors.EVENT_READ)

    def forward(self, sock: socket.socket) -> None:
        try:
            data = sock.recv(65536)
            if data:
                self.peers[sock].sendall(data)
                return
        except OSError:
            pass
        self.drop(sock)
