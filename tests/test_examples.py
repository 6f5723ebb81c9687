"""The examples in openapi.yaml are real: each is what the API answers on the real dataset in seeds/ (lists abridged
to their first items). When curators change a record that an example shows, refresh them:
`.venv/bin/python -m tests.refresh_examples && make openapi`."""

import pytest

from api import examples
from tests.refresh_examples import URLS, abridge, real_app


@pytest.fixture(scope="module")
def real_client():
    return real_app().test_client()


@pytest.mark.parametrize("name", list(URLS))
def test_every_openapi_example_is_what_the_api_answers_on_the_real_data(real_client, name):
    response = real_client.get(URLS[name])
    example = getattr(examples, name)
    if response.mimetype == "application/json":  # the revision moves with every record curators add
        answer = {key: value for key, value in abridge(response.get_json()).items() if key != "dataset_revision"}
        assert answer == {key: value for key, value in example.items() if key != "dataset_revision"}, "refresh them"
    else:
        assert response.get_data(as_text=True) == example, "refresh them"
