"""The examples in openapi.yaml are real: each is what the API answers on the frozen snapshot of the dataset
(tests/data/snapshot/; lists abridged to their first items), never on the live seeds/, so that a data commit leaves
the contract alone. After a change of the code that changes an answer: `.venv/bin/python -m tests.refresh_examples &&
make openapi`."""

import pytest

from api import examples
from tests.refresh_examples import URLS, abridge, snapshot_app


@pytest.fixture(scope="module")
def snapshot_client():
    return snapshot_app().test_client()


@pytest.mark.parametrize("name", list(URLS))
def test_every_openapi_example_is_what_the_api_answers_on_the_snapshot(snapshot_client, name):
    response = snapshot_client.get(URLS[name])
    example = getattr(examples, name)
    if response.mimetype == "application/json":
        assert abridge(response.get_json()) == example, "refresh them"
    else:
        assert response.get_data(as_text=True) == example, "refresh them"
