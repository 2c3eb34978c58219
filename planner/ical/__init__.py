"""iCalendar conversion with the icalendar library (export and import)."""
