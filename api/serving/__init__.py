"""Serving at speed and safely: the response cache and its fast path, rate limits, access logs, metrics, security
headers."""
