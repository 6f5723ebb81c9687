"""Assertions shared by the tests."""


def assert_problem(response, status) -> dict:
    """The error contract, everywhere: RFC 9457 problem+json with type, title and the status."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["status"] == status
    assert body["title"]
    assert body["type"] == "about:blank" or body["type"].startswith("tag:threat-levels-api,2026:problems/")
    assert "Traceback" not in response.get_data(as_text=True)
    return body


# A change a curator records on the test seeds (tests/data/seeds): the lowering of zz-alert on 1 June 2024.
NEW_CHANGE = {
    "id": "zz-alert-2024-06-01",
    "system": "zz-alert",
    "from_level": "raised",
    "to_level": "low",
    "scope": {"type": "national"},
    "effective_date": "2024-06-01",
    "summary": {"en": "Lowered to Low."},
    "source_ids": ["test-bulletin"],
}
