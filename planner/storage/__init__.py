"""peewee over SQLite: rows stay inside; repositories hand out domain values."""
