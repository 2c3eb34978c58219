"""PySide6 user interface; talks only to services and domain values."""
