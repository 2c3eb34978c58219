"""Use cases: every change goes through one call here, in one transaction, and returns Changes."""
