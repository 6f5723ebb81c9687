"""`flask tokens ...`: a token is shown once, alone on the last line; only its digest is stored."""

import hashlib

from api.models import Token


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["tokens", *args])


def test_create_prints_the_token_alone_on_the_last_line_and_stores_only_its_digest(empty_app):
    result = cli(empty_app, "create", "--name", "Ada Curator", "--role", "editor")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    token = lines[-1]
    assert token.startswith("tla_") and len(token) >= 40 and " " not in token
    assert "editor" in lines[0] and token not in lines[0]
    with empty_app.app_context():
        row = Token.get(Token.name == "Ada Curator")
        assert (row.role, row.digest) == ("editor", hashlib.sha256(token.encode()).hexdigest())
        assert token not in str(list(Token.select().dicts()))


def test_each_token_is_new(empty_app):
    first = cli(empty_app, "create", "--name", "a", "--role", "editor").output.splitlines()[-1]
    second = cli(empty_app, "create", "--name", "b", "--role", "editor").output.splitlines()[-1]
    assert first != second


def test_list_shows_names_roles_and_state_never_tokens(empty_app):
    token = cli(empty_app, "create", "--name", "ada", "--role", "admin").output.splitlines()[-1]
    cli(empty_app, "create", "--name", "bob", "--role", "editor")
    assert cli(empty_app, "revoke", "bob").output == "Revoked the token 'bob' (editor).\n"
    output = cli(empty_app, "list").output
    ada, bob = output.splitlines()
    assert ada.startswith("ada  admin ") and ada.endswith("active")
    assert bob.startswith("bob  editor") and "revoked" in bob
    assert token not in output and hashlib.sha256(token.encode()).hexdigest() not in output


def test_names_are_never_reused_and_roles_are_checked(empty_app):
    cli(empty_app, "create", "--name", "ada", "--role", "editor")
    cli(empty_app, "revoke", "ada")
    again = cli(empty_app, "create", "--name", "ada", "--role", "editor")
    assert again.exit_code == 1 and "exists" in again.output
    assert cli(empty_app, "create", "--name", "x", "--role", "owner").exit_code == 2
    assert cli(empty_app, "create", "--name", "<script>", "--role", "editor").exit_code == 2
    assert cli(empty_app, "revoke", "nobody").exit_code == 1
    assert cli(empty_app, "list").output.count("\n") == 1
