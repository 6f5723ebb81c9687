"""Schema changes upgrade an existing database in place, keeping its data; the migrations build what the models say."""

import datetime

import pytest
from playhouse.schema_diff import diff_models
from playhouse.test_utils import count_queries

from api import db
from api.curation import seeds
from api.models import MODELS, Change, Revision, System, search
from tests.conftest import TEST_SEEDS


@pytest.mark.own_app  # drops and rebuilds the schema
def test_upgrade_applies_pending_migrations_in_place_without_losing_data(empty_app, database_url):
    from api import create_app

    app = create_app({"DATABASE_URL": database_url})
    runner = app.test_cli_runner()
    with app.app_context():
        db.database.obj.drop_tables(MODELS)
        db.database.obj.execute_sql("DROP TABLE schema_migration")
        search.drop_structure(db.database.obj)
        assert runner.invoke(args=["db", "upgrade", "--to", "0001_initial"]).output == "applied 0001_initial\n"
        # a row written at 0001 (by hand: the loader would upgrade first)
        db.database.obj.execute_sql(
            "INSERT INTO revision (record_kind, record_id, action, author, created_at, content) "
            "VALUES ('source', 'kept', 'create', 'test', '2024-01-01 00:00:00', '{}')"
        )
        later = sorted(path.stem for path in db.MIGRATIONS_DIR.glob("0*.py"))[1:]
        assert runner.invoke(args=["db", "status"]).output == "".join(f"pending {name}\n" for name in later)

        result = runner.invoke(args=["db", "upgrade"])
        assert result.output == "".join(f"applied {name}\n" for name in later)
        assert [row.record_id for row in Revision.select()] == ["kept"]
        assert "change_system_id_effective_date_id" in {index.name for index in db.database.obj.get_indexes("change")}
        assert "name_nl" in {column.name for column in db.database.obj.get_columns(System._meta.table_name)}
        assert runner.invoke(args=["db", "upgrade"]).output == "The schema is up to date.\n"
        assert runner.invoke(args=["db", "status"]).exit_code == 0


def test_migrations_build_exactly_what_the_models_declare(empty_app):
    with empty_app.app_context():
        assert not diff_models(db.database.obj, MODELS)


def test_latest_change_query_uses_the_history_index(app):
    with app.app_context():
        if not db.is_sqlite():
            pytest.skip("PostgreSQL's planner rightly prefers a sequential scan on four rows; SQLite's plan is stable")
        query = Change.select().where(Change.system == "zz-alert").order_by(Change.effective_date.desc()).limit(1)
        sql, params = query.sql()
        plan = " ".join(str(row) for row in db.database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params))
        assert "change_system_id_effective_date_id" in plan
        assert seeds.load(TEST_SEEDS).written == 0


@pytest.mark.parametrize("area", [None, "ZZ-01"])
def test_the_last_day_of_a_history_is_read_from_the_index_without_sorting(app, area):
    """What `current`, `level` and `timeline` look up first: one row at the end of the index, on the change table
    alone. Over the joined history, PostgreSQL's planner read every earlier change once there were 1,000,000 of them
    (420 ms, bench/scale.py), a scale no test reaches; on four rows it rightly prefers a sequential scan, so there the
    test asks whether a plan without a sort exists at all."""
    day = datetime.date(2024, 5, 1)
    with app.app_context():
        with count_queries() as queries:
            assert Change.history_day("zz-alert", area, Change.effective_date <= day, last=True) == day
        [record] = queries.get_queries()
        sql, params = record.msg
        assert " JOIN " not in sql.upper(), sql
        with db.database.atomic():
            if not db.is_sqlite():
                db.database.execute_sql("SET LOCAL enable_seqscan = off")
                db.database.execute_sql("SET LOCAL enable_sort = off")
            explain = "EXPLAIN QUERY PLAN " if db.is_sqlite() else "EXPLAIN "
            plan = " ".join(str(row) for row in db.database.execute_sql(explain + sql, params))
        assert "change_system_id_effective_date_id" in plan, plan
        assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
