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
