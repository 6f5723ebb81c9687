"""gunicorn settings for `make serve`; every value can be overridden on the command line or by GUNICORN_CMD_ARGS."""

import multiprocessing

bind = "127.0.0.1:8000"
workers = multiprocessing.cpu_count()
worker_class = "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
accesslog = "-"
