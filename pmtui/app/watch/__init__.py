"""The read-only attendee view of a running meeting."""
