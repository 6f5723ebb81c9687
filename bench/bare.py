"""The yardstick: a bare Flask app that answers GET /bytes/<n> with n constant bytes, served with the same gunicorn
config. The benchmark asks it for as many bytes as the endpoint it compares with sends, so that both put the same
bytes on the wire and the difference is the work of the app."""

import functools

from flask import Flask

app = Flask(__name__)


@functools.cache
def constant(size: int) -> bytes:
    return b"x" * size


@app.get("/bytes/<int:size>")
def answer(size: int):
    return constant(size), 200, {"Content-Type": "application/json"}
