"""The local SQLite store: models, sessions, migrations and shared queries."""
