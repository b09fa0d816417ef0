"""One editor panel per phase. Panels get the session when built and post messages up; they never import the app or the screen."""
