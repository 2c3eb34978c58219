"""Rekindle: a gentle planner for reconnecting after a breakup."""

__version__ = "0.1.0"
