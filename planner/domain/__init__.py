"""Plain-Python core: programs, plans, activities, occurrences and recurrence (no Qt, no SQL)."""
