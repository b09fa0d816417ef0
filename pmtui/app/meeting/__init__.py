"""The meeting app: the screen that drives the review, the session that owns the document, autosave, and the phase panels."""
