"""Webhooks: the outbox that writes fill in their own transaction, the worker that delivers it, signed per the
Standard Webhooks specification."""
