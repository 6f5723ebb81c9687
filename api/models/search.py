"""Full-text search over changes: one search document per change (its summaries in French and English, its
quotations and their speakers, the titles of its triggering events), kept in `change_search` and searched with SQLite
FTS5 or PostgreSQL full-text search behind one interface.

The documents themselves are built and rebuilt by api/models/indexing.py.

Matching is the same on both databases: text and query are folded in Python (case, accents, ligatures), each word of
`q` must appear, as a word or the start of one (`attenta` finds "attentat" and "attentats"), and a "quoted phrase"
must appear as written.
"""

from peewee import SQL, Expression, fn

from api.db import is_sqlite
from schemas.search import terms

MAX_TERMS = 16


def create_structure(db) -> None:
    """The search table: an FTS5 virtual table on SQLite; a table with a GIN-indexed tsvector on PostgreSQL."""
    if is_sqlite_database(db):
        db.execute_sql(
            "CREATE VIRTUAL TABLE IF NOT EXISTS change_search USING fts5("
            "change_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')"
        )
    else:
        db.execute_sql(
            "CREATE TABLE IF NOT EXISTS change_search "
            "(change_id VARCHAR(128) PRIMARY KEY, body TEXT NOT NULL, document TSVECTOR NOT NULL)"
        )
        db.execute_sql("CREATE INDEX IF NOT EXISTS change_search_document ON change_search USING GIN (document)")


def drop_structure(db) -> None:
    db.execute_sql("DROP TABLE IF EXISTS change_search")


def is_sqlite_database(db) -> bool:
    from peewee import SqliteDatabase

    return isinstance(db, SqliteDatabase)


def param() -> str:
    return "?" if is_sqlite() else "%s"


def condition(column, q: str):
    """ "`column` (a change id) matches `q`", for a WHERE clause. On PostgreSQL the matching ids are computed first, as
    an array (an InitPlan): given a plain subquery, the planner guesses that a prefix query matches 2% of the rows
    and walks the whole date index probing each change, which costs a full scan when few match."""
    ids = matching_ids(q)
    if is_sqlite():
        return column.in_(ids)
    return Expression(column, "=", fn.ANY(SQL("ARRAY" + ids.sql, ids.params)))


def matching_ids(q: str) -> SQL:
    """A subquery of the ids of the changes whose document matches `q` (see the module's docstring)."""
    found = terms(q)[:MAX_TERMS]
    if is_sqlite():
        expression = " AND ".join('"' + " ".join(words) + '"' + ("*" if len(words) == 1 else "") for words in found)
        return SQL("(SELECT change_id FROM change_search WHERE change_search MATCH ?)", [expression])
    expression = " & ".join(f"{words[0]}:*" if len(words) == 1 else "(" + " <-> ".join(words) + ")" for words in found)
    return SQL("(SELECT change_id FROM change_search WHERE document @@ to_tsquery('simple', %s))", [expression])
