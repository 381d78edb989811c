"""Performance benchmark harness of the attribution tracker (see README, "Performance").

Run `make bench`, or `python -m bench --claims 100000 --db both`. Everything it creates
lives in its own databases (an SQLite file under bench/results/ and the PostgreSQL
databases `tracker_bench_…_<checkout folder>`), never the developer's db.sqlite3.
"""
