"""Dialogs: activity editor, first run."""
