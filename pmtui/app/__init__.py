"""The meeting app (Textual). Nothing outside this package imports Textual."""
