"""Curators' tokens for the write tests."""

import pytest

from api import auth


@pytest.fixture
def tokens(app) -> dict[str, str]:
    with app.app_context():
        return {role: auth.create_token(f"test-{role}", role) for role in auth.ROLES}


@pytest.fixture
def editor(tokens) -> dict:
    return {"Authorization": f"Bearer {tokens['editor']}"}


@pytest.fixture
def admin(tokens) -> dict:
    return {"Authorization": f"Bearer {tokens['admin']}"}
