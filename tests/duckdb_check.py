"""Loads a `tafel export --all --format csv` folder into DuckDB the way a researcher would
(read_csv with automatic detection) and checks the documented columns, the row counts,
that money is whole cents, and that the tables join up.

Run by tests/export.rs:  python3 tests/duckdb_check.py FOLDER EXPECTED_JSON
EXPECTED_JSON: {"tables": {"sessions": {"columns": [...], "rows": N}, ...}}
Exits 0 when all is well; prints what is wrong and exits 1 otherwise.
"""

import json
import sys

import duckdb

INTEGER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
                 "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}


def main() -> int:
    folder, expected = sys.argv[1], json.loads(sys.argv[2])
    con = duckdb.connect()
    problems = []
    for table, want in expected["tables"].items():
        path = f"{folder}/{table}.csv"
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true)")
        described = con.execute(f"DESCRIBE {table}").fetchall()
        columns = [row[0] for row in described]
        types = {row[0]: row[1] for row in described}
        if columns != want["columns"]:
            problems.append(f"{table}: columns {columns} != documented {want['columns']}")
        rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if rows != want["rows"]:
            problems.append(f"{table}: {rows} rows, expected {want['rows']}")
        for col in columns:
            if not col.endswith("_cents"):
                continue
            non_null = con.execute(f"SELECT count({col}) FROM {table}").fetchone()[0]
            if non_null and types[col] not in INTEGER_TYPES:
                problems.append(f"{table}.{col} is {types[col]}, not whole cents")

    # The tables join up: every cost line, score and event belongs to a session, and a
    # session's totals are the sums of its cost lines.
    for table in ("scores", "cost_lines", "events"):
        orphans = con.execute(
            f"SELECT count(*) FROM {table} t LEFT JOIN sessions s USING (session_id) "
            "WHERE s.session_id IS NULL").fetchone()[0]
        if orphans:
            problems.append(f"{orphans} rows of {table} have no session")
    mismatches = con.execute("""
        SELECT s.session_id FROM sessions s
        LEFT JOIN (SELECT session_id,
                          sum(CASE WHEN scenario = 'intervention' THEN indexed_cost_cents ELSE 0 END) AS i,
                          sum(CASE WHEN scenario = 'alternative' THEN indexed_cost_cents ELSE 0 END) AS a,
                          sum(CASE WHEN scenario = 'alternative' AND confidence = 'high'
                                   THEN indexed_cost_cents ELSE 0 END) AS a_high,
                          sum(CASE WHEN scenario = 'alternative' AND confidence IN ('high', 'medium')
                                   THEN indexed_cost_cents ELSE 0 END) AS a_high_medium,
                          sum(CASE WHEN scenario = 'intervention'
                                   THEN coalesce(band_low_cents, indexed_cost_cents) ELSE 0 END) AS i_low,
                          sum(CASE WHEN scenario = 'intervention'
                                   THEN coalesce(band_high_cents, indexed_cost_cents) ELSE 0 END) AS i_high
                   FROM cost_lines GROUP BY session_id) c USING (session_id)
        WHERE coalesce(c.i, 0) != s.intervention_total_cents
           OR coalesce(c.a, 0) != s.alternative_total_cents
           OR s.difference_cents != s.alternative_total_cents - s.intervention_total_cents
           OR coalesce(c.a_high, 0) != s.alternative_range_high_cents
           OR coalesce(c.a_high_medium, 0) != s.alternative_range_high_medium_cents
           OR s.alternative_range_all_cents != s.alternative_total_cents
           OR s.difference_range_high_cents != s.alternative_range_high_cents - s.intervention_total_cents
           OR coalesce(c.i_low, 0) != s.intervention_band_low_cents
           OR coalesce(c.i_high, 0) != s.intervention_band_high_cents
    """).fetchall()
    if mismatches:
        problems.append(f"totals do not match the cost lines for {mismatches}")
    # Each indexed line is its amount × quantity × factor, rounded once (checked to within
    # half a cent: DuckDB reads the quantity as a float).
    off = con.execute("""
        SELECT count(*) FROM cost_lines
        WHERE indexed_cost_cents IS NOT NULL
          AND abs(indexed_cost_cents - unit_price_cents * quantity * index_factor) > 0.5001
    """).fetchone()[0]
    if off:
        problems.append(f"{off} indexed cost lines are not amount x quantity x factor")
    changes = con.execute(
        "SELECT count(*) FROM scores WHERE score_change != score_now - score_start").fetchone()[0]
    if changes:
        problems.append(f"{changes} score changes are not now minus start")

    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
