"""SQLite persistence: engine, guard and migrations, ORM records and repositories."""
